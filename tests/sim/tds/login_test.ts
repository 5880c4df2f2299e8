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

Deno.test("another database than the configured one fails with error 4060", async () => {
  const server = await startServer(PING);
  // tedious retries 4060 as transient; no retries keeps the test quick.
  const pool = new sql.ConnectionPool(
    poolConfig(server, { database: "OTHERDB", options: { maxRetriesOnTransientErrors: 0 } }),
  );
  try {
    await assert.rejects(pool.connect(), {
      code: "ELOGIN",
      message: 'Cannot open database "OTHERDB" requested by the login. The login failed.',
    });
  } finally {
    await pool.close();
    await server.close();
  }
});

Deno.test("the database name is matched without regard to case", async () => {
  const server = await startServer(PING);
  const pool = new sql.ConnectionPool(poolConfig(server, { database: DATABASE.toLowerCase() }));
  try {
    await pool.connect();
    assert.equal((await pool.request().query("/* ping */")).recordset[0].ok, 1);
  } finally {
    await pool.close();
    await server.close();
  }
});
