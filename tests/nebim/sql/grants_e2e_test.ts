/**
 * The read-only login's grants, through mssql/tedious and the TDS simulator as SQL Server treats them: the
 * schema check tells a table or column the login may not read from a missing one, a reader query on an
 * ungranted table fails fatally naming the table, the login and the GRANT, and a database without a user
 * for the login fails at login naming 4060 — never with the password.
 */

import assert from "node:assert/strict";
import { IntegrationError } from "../../../errors.ts";
import { openNebimPool } from "../../../nebim/sql/pool.ts";
import { createNebimReader } from "../../../nebim/sql/reader.ts";
import { createNebimHandler, SqlPermissions } from "../../../sim/nebim/handlers/mod.ts";
import { startTdsServer, type TdsServer } from "../../../sim/tds/server.ts";
import { fixture, NOW } from "../../sim/nebim/fixture.ts";
import { BASE_PRICES, DATABASE, PASSWORD, sqlOptions, USER } from "./wire.ts";

async function withSql(
  body: (server: TdsServer, permissions: SqlPermissions, login: { userInDatabase: boolean }) => Promise<void>,
  userInDatabase = true,
): Promise<void> {
  const permissions = new SqlPermissions();
  const handler = createNebimHandler(fixture(), { database: DATABASE, permissions });
  // Read at each login: a test may make the database one the login cannot open, after the pool opened.
  const login = { user: USER, password: PASSWORD, database: DATABASE, handler, userInDatabase };
  const server = await startTdsServer(login);
  try {
    await body(server, permissions, login);
  } finally {
    await server.close();
  }
}

const open = (server: TdsServer) => openNebimPool(sqlOptions(server.port));

Deno.test("verifySchema: a table never granted is reported denied, not missing", async () => {
  await withSql(async (server, permissions) => {
    const reader = createNebimReader(await open(server), BASE_PRICES);
    try {
      assert.deepEqual((await reader.verifySchema()).missing, []);
      permissions.revoke("trStock");
      const report = await reader.verifySchema();
      assert.equal(report.ok, false);
      assert.deepEqual(report.missing, [{ table: "trStock", why: "denied" }]);
    } finally {
      await reader.close();
    }
  });
});

Deno.test("verifySchema: a denied column is reported denied, the rest of its table is there", async () => {
  await withSql(async (server, permissions) => {
    permissions.denyColumn("cdItem", "UseInternet");
    const reader = createNebimReader(await open(server), BASE_PRICES);
    try {
      assert.deepEqual((await reader.verifySchema()).missing, [
        { table: "cdItem", column: "UseInternet", why: "denied" },
      ]);
    } finally {
      await reader.close();
    }
  });
});

Deno.test("a reader query on a table the login may not SELECT fails fatally with 229, naming table, login and GRANT", async () => {
  await withSql(async (server, permissions) => {
    permissions.revoke("trStock");
    const reader = createNebimReader(await open(server), BASE_PRICES);
    try {
      await assert.rejects(reader.readItems(["KZK-0101"], NOW), (e: unknown) => {
        assert.ok(e instanceof IntegrationError);
        assert.equal(e.kind, "fatal");
        assert.match(
          e.message,
          /^Nebim SQL error running nebim:onHand: The SELECT permission was denied on the object 'trStock', database 'V3_TEST', schema 'dbo'\. \(EREQUEST #229\); the login eticaret_ro may not read dbo\.trStock: GRANT SELECT ON dbo\.trStock TO eticaret_ro /,
        );
        assert.ok(!JSON.stringify([e.message, e.cause]).includes(PASSWORD));
        return true;
      });
    } finally {
      await reader.close();
    }
  });
});

Deno.test("a database without a user for the login fails at login with 4060's reason, not only 'Login failed'", async () => {
  await withSql(async (server) => {
    await assert.rejects(open(server), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "fatal");
      assert.match(
        e.message,
        /: Cannot open database "V3_TEST" requested by the login\. The login failed\. Login failed for user 'eticaret_ro'\. \(ELOGIN #4060\); check nebim\.sql\.database, and that the database has a user for the login \(CREATE USER eticaret_ro FOR LOGIN eticaret_ro;/,
      );
      assert.ok(!JSON.stringify([e.message, e.cause]).includes(PASSWORD));
      return true;
    });
  }, false);
});

Deno.test("a database the pool's new connection cannot open after it logged in (a restore, a failover, SQL Server recovering it) fails the query as retriable with 4060's reason, not as a wrong password", async () => {
  await withSql(async (server, _, login) => {
    const pool = await open(server);
    try {
      await pool.query("SELECT GETDATE() AS ServerTime", []);
      login.userInDatabase = false; // SQL Server answers a login to a database being restored with 4060
      // More at once than the pool's one connection: it opens more, which cannot log in.
      const all = await Promise.allSettled(
        [0, 1, 2, 3].map(() => pool.query("SELECT GETDATE() AS ServerTime", [])),
      );
      const failed = all.find((r) => r.status === "rejected");
      assert.ok(failed, "a new connection was tried");
      const e = failed.reason;
      assert.ok(e instanceof IntegrationError);
      assert.match(e.message, /Cannot open database "V3_TEST" requested by the login.*\(ELOGIN #4060\)/);
      assert.doesNotMatch(e.message, /check nebim\.sql\.user, nebim\.sql\.password/);
      assert.equal(e.kind, "retriable", "the login worked: the database is back once restored or recovered");
      assert.equal(e.maybeRestored, true, "restored, it holds older rows (sync/products.ts)");
      login.userInDatabase = true;
      assert.equal((await pool.query("SELECT GETDATE() AS ServerTime", [])).length, 1);
    } finally {
      await pool.close();
    }
  });
});
