import assert from "node:assert/strict";
import { DATABASE, oneRow, PASSWORD, poolConfig, sql, startServer } from "./harness.ts";

const PING = { ping: oneRow([{ name: "ok", type: "int" }], [1]) };

Deno.test("login with the right password connects and queries run", async () => {
  const server = await startServer(PING);
  const pool = new sql.ConnectionPool(poolConfig(server));
  try {
    await pool.connect();
    assert.equal(server.connections, 1);
    const r = await pool.request().query("/* ping */ SELECT 1 AS ok");
    assert.deepEqual(r.recordset, [{ ok: 1 }]);
  } finally {
    await pool.close();
    await server.close();
  }
  assert.equal(server.connections, 0);
});

Deno.test("a wrong password fails the login with ELOGIN and error 18456's text", async () => {
  const server = await startServer(PING);
  const pool = new sql.ConnectionPool(poolConfig(server, { password: PASSWORD + "x" }));
  try {
    await assert.rejects(pool.connect(), (err: sql.ConnectionError) => {
      assert.equal(err.code, "ELOGIN");
      assert.equal(err.message, "Login failed for user 'sa'.");
      return true;
    });
  } finally {
    await pool.close();
    await server.close();
  }
});

Deno.test("a wrong user name fails the login naming that user", async () => {
  const server = await startServer(PING);
  const pool = new sql.ConnectionPool(poolConfig(server, { user: "mallory" }));
  try {
    await assert.rejects(pool.connect(), { code: "ELOGIN", message: "Login failed for user 'mallory'." });
  } finally {
    await pool.close();
    await server.close();
  }
});

/** The login's messages as the client sees them (tedious reports only the last), and its error. */
async function failedLogin(server: Awaited<ReturnType<typeof startServer>>, extra: Partial<sql.config>) {
  const messages: { number: number; class: number; message: string }[] = [];
  const pool = new sql.ConnectionPool(poolConfig(server, {
    ...extra,
    beforeConnect: (conn) => conn.on("errorMessage", (t) => messages.push(t)),
  }));
  try {
    const error = await pool.connect().then(() => undefined, (e: sql.ConnectionError) => e);
    return { messages: messages.map((m) => [m.number, m.class, m.message]), error };
  } finally {
    await pool.close();
  }
}

Deno.test("another database than the configured one fails with 4060, then 18456, as SQL Server sends them", async () => {
  const server = await startServer(PING);
  try {
    const r = await failedLogin(server, { database: "OTHERDB" });
    assert.deepEqual(r.messages, [
      [4060, 11, 'Cannot open database "OTHERDB" requested by the login. The login failed.'],
      [18456, 14, "Login failed for user 'sa'."],
    ]);
    // tedious keeps the last message, and 18456 is not transient: no retry.
    assert.equal(r.error?.code, "ELOGIN");
    assert.equal(r.error?.message, "Login failed for user 'sa'.");
    assert.equal(server.accepted, 1);
  } finally {
    await server.close();
  }
});

Deno.test("a database without a user for the login fails the login with 4060 as a missing one does", async () => {
  const server = await startServer(PING, { userInDatabase: false });
  try {
    const r = await failedLogin(server, {});
    assert.deepEqual(r.messages.map((m) => m[0]), [4060, 18456]);
    assert.match(
      String(r.messages[0]![2]),
      new RegExp(`^Cannot open database "${DATABASE}" requested by the login`),
    );
  } finally {
    await server.close();
  }
});

Deno.test("in script upgrade mode (after an update) SQL Server refuses the right password with 18401, a wrong one with 18456", async () => {
  const server = await startServer(PING, { scriptUpgrade: true });
  try {
    const r = await failedLogin(server, {});
    assert.deepEqual(r.messages, [[
      18401,
      14,
      "Login failed for user 'sa'. Reason: Server is in script upgrade mode. Only administrator can connect at this time.",
    ]]);
    assert.equal(r.error?.code, "ELOGIN");
    assert.deepEqual((await failedLogin(server, { password: "wrong" })).messages.map((m) => m[0]), [18456]);
  } finally {
    await server.close();
  }
});

Deno.test("a login that names no database opens its default one, and fails with 4064 when it cannot", async () => {
  const ok = await startServer(PING);
  const pool = new sql.ConnectionPool(poolConfig(ok, { database: "" }));
  try {
    await pool.connect();
    assert.equal((await pool.request().query("/* ping */")).recordset[0].ok, 1);
  } finally {
    await pool.close();
    await ok.close();
  }
  const server = await startServer(PING, { defaultDatabase: "master" });
  try {
    const r = await failedLogin(server, { database: "" });
    assert.deepEqual(r.messages.map((m) => m[0]), [4064, 18456]);
  } finally {
    await server.close();
  }
});

Deno.test("the database name is matched without regard to case", async () => {
  const server = await startServer(PING, { database: "V3_MAGAZA" });
  const pool = new sql.ConnectionPool(poolConfig(server, { database: "v3_Magaza" }));
  try {
    await pool.connect();
    assert.equal((await pool.request().query("/* ping */")).recordset[0].ok, 1);
  } finally {
    await pool.close();
    await server.close();
  }
});

Deno.test("database and login names compare as the server's Turkish_CI_AS does: case-blind, but i is not I", async () => {
  // SQL Server looks both up in its own catalogue, under the server collation: "NebimV3" is not "NEBIMV3"
  // there (i's capital is İ), while "nebımv3" (dotless ı) is.
  const server = await startServer(PING, { user: "eticaret_ro" });
  try {
    const wrong = await failedLogin(server, { user: "eticaret_ro", database: "NebimV3" });
    assert.deepEqual(wrong.messages.map((m) => m[0]), [4060, 18456]);
    const upper = await failedLogin(server, { user: "ETICARET_RO", database: DATABASE });
    assert.deepEqual(upper.messages.map((m) => m[0]), [18456], "ETICARET_RO is not eticaret_ro");
    const dotless = await failedLogin(server, { user: "ETİCARET_RO", database: "nebımv3" });
    assert.deepEqual(dotless.messages, [], "İ and ı are i's and I's case pairs");
    assert.equal(dotless.error, undefined);
  } finally {
    await server.close();
  }
});
