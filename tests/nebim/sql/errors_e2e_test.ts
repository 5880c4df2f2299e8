/**
 * SQL Server's failures as the agent meets them through mssql/tedious and the TDS simulator, translated at
 * the boundary: their kind, and what the message sends a person to check.
 */

import assert from "node:assert/strict";
import { IntegrationError } from "../../../errors.ts";
import { openNebimPool } from "../../../nebim/sql/pool.ts";
import { type QueryRequest, startTdsServer, type TdsServerOptions } from "../../../sim/tds/server.ts";
import { DATABASE, PASSWORD, sqlOptions, USER } from "./wire.ts";

/** Answers only when the client's ATTENTION (its query timeout) aborts it. */
function neverAnswers(req: QueryRequest): Promise<never> {
  return new Promise((_, reject) =>
    req.signal.addEventListener("abort", () => reject(new Error("cancelled")))
  );
}

/** A simulator for the test's login, with these options, that never answers a query. */
function startSilent(extra: Partial<TdsServerOptions> = {}) {
  return startTdsServer({
    user: USER,
    password: PASSWORD,
    database: DATABASE,
    handler: neverAnswers,
    ...extra,
  });
}

Deno.test("a query past nebim.sql.requestTimeoutMs is retriable and points at the timeout, not at the host and port", async () => {
  const server = await startSilent();
  const pool = await openNebimPool(sqlOptions(server.port, { requestTimeoutMs: 200 }));
  try {
    await assert.rejects(pool.query("/* nebim:variants */ SELECT 1", []), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "retriable");
      assert.match(e.message, /^Nebim SQL error running nebim:variants: Timeout: .*\(ETIMEOUT\)/);
      // The login worked: host and port are right. A slow server or a large read needs more time.
      assert.doesNotMatch(e.message, /nebim\.sql\.host/);
      assert.match(e.message, /; the query ran longer than nebim\.sql\.requestTimeoutMs/);
      return true;
    });
  } finally {
    await pool.close();
    await server.close();
  }
});

Deno.test("SQL Server's self-signed certificate refused (encrypt, trustServerCertificate off) is fatal and says which setting", async () => {
  const fixtures = new URL("../../sim/tds/fixtures/", import.meta.url);
  const tls = {
    cert: Deno.readTextFileSync(new URL("test-cert.pem", fixtures)),
    key: Deno.readTextFileSync(new URL("test-key.pem", fixtures)),
  };
  const server = await startSilent({ tls });
  try {
    const o = sqlOptions(server.port, { encrypt: true, trustServerCertificate: false });
    await assert.rejects(openNebimPool(o), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      // Retrying trusts nothing more: a person changes the setting or the server's certificate.
      assert.equal(e.kind, "fatal");
      assert.match(
        e.message,
        /self-signed certificate \(ESOCKET\); SQL Server's TLS certificate was refused/,
      );
      assert.match(e.message, /DEPTH_ZERO_SELF_SIGNED_CERT.*nebim\.sql\.trustServerCertificate/);
      assert.doesNotMatch(e.message, /nebim\.sql\.port/);
      return true;
    });
  } finally {
    await server.close();
  }
});

Deno.test("a database or login name with i for I (or I for i) fails at login, and the message says the server tells them apart", async () => {
  // SQL Server compares these names under its collation: on Nebim's Turkish_CI_AS, case does not count, but
  // i and I are two letters. "SQL Server ignores case" sends a person looking everywhere else.
  const server = await startTdsServer({
    user: "ETICARET",
    password: PASSWORD,
    database: "NEBIMV3",
    handler: neverAnswers,
  });
  try {
    const o = sqlOptions(server.port, { database: "NebimV3", user: "ETICARET" });
    await assert.rejects(openNebimPool(o), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "fatal");
      assert.match(e.message, /\(ELOGIN #4060\); check nebim\.sql\.database/);
      assert.match(e.message, /i and I are different letters.*write NebimV3 as SQL Server lists it/);
      return true;
    });
    await assert.rejects(openNebimPool({ ...o, database: "NEBIMV3", user: "eticaret" }), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.match(e.message, /\(ELOGIN #18456\); check nebim\.sql\.user and nebim\.sql\.password/);
      assert.match(e.message, /i and I are different letters.*write eticaret as SQL Server lists it/);
      return true;
    });
    // A name without an i or I: nothing to say about them.
    await assert.rejects(openNebimPool({ ...o, database: "OTHER_DB" }), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.doesNotMatch(e.message, /different letters/);
      return true;
    });
  } finally {
    await server.close();
  }
});

Deno.test("a login refused while SQL Server runs its upgrade scripts (18401) is retriable and names no setting", async () => {
  const server = await startSilent({ scriptUpgrade: true });
  try {
    await assert.rejects(openNebimPool(sqlOptions(server.port)), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      // It lasts minutes after an update is installed, and ends by itself: nothing for a person to fix.
      assert.equal(e.kind, "retriable");
      assert.match(e.message, /script upgrade mode.*\(ELOGIN #18401\); SQL Server takes no logins/);
      assert.doesNotMatch(e.message, /check nebim\.sql/);
      return true;
    });
  } finally {
    await server.close();
  }
});
