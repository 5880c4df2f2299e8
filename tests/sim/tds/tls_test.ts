import assert from "node:assert/strict";
import { oneRow, poolConfig, sql, startServer } from "./harness.ts";

// A self-signed test-only pair (CN=localhost, IP 127.0.0.1), valid until 2126.
const TLS = {
  cert: Deno.readTextFileSync(new URL("./fixtures/test-cert.pem", import.meta.url)),
  key: Deno.readTextFileSync(new URL("./fixtures/test-key.pem", import.meta.url)),
};

const ROWS = Array.from({ length: 5_000 }, (_, i) => [i, `Gömlek ğüşıİöç ${i}`]);
const ANSWERS = {
  rows: (req: { params: Map<string, { value: unknown }> }) => ({
    resultSets: [{
      columns: [{ name: "n", type: "int" as const }, { name: "s", type: "nvarchar" as const, length: 100 }],
      rows: ROWS.slice(0, Number(req.params.get("count")?.value)),
    }],
  }),
  echo: (req: { params: Map<string, { value: unknown }> }) =>
    oneRow([{ name: "len", type: "int" }], [String(req.params.get("text")?.value).length]),
};

Deno.test("TLS: encrypt=true logs in through the in-band handshake; big answers and parameters pass", async () => {
  const server = await startServer(ANSWERS, { tls: TLS });
  const pool = new sql.ConnectionPool(
    poolConfig(server, { options: { encrypt: true, trustServerCertificate: true } }),
  );
  try {
    await pool.connect();
    const r = await pool.request().input("count", sql.Int, 5_000).query("/* rows */");
    assert.equal(r.recordset.length, 5_000);
    assert.deepEqual(r.recordset[4_999], { n: 4_999, s: "Gömlek ğüşıİöç 4999" });
    const e = await pool.request().input("text", sql.NVarChar(sql.MAX), "ş".repeat(100_000)).query(
      "/* echo */",
    );
    assert.deepEqual(e.recordset, [{ len: 100_000 }]);
  } finally {
    await pool.close();
    await server.close();
  }
});

Deno.test("TLS: the self-signed certificate is refused when the client verifies it", async () => {
  const server = await startServer(ANSWERS, { tls: TLS });
  const pool = new sql.ConnectionPool(
    poolConfig(server, { options: { encrypt: true, trustServerCertificate: false } }),
  );
  try {
    await assert.rejects(pool.connect(), (err: sql.ConnectionError) => {
      assert.equal(err.code, "ESOCKET");
      assert.match(err.message, /self-signed certificate/);
      return true;
    });
  } finally {
    await pool.close();
    await server.close();
  }
});

Deno.test("TLS: a server with TLS requires it from a client that does not encrypt", async () => {
  const server = await startServer(ANSWERS, { tls: TLS });
  const pool = new sql.ConnectionPool(poolConfig(server));
  try {
    await assert.rejects(pool.connect(), { code: "EENCRYPT", message: /Server requires encryption/ });
  } finally {
    await pool.close();
    await server.close();
  }
});

Deno.test("TLS: a client that requires encryption refuses a server without TLS (EENCRYPT)", async () => {
  const server = await startServer(ANSWERS);
  const pool = new sql.ConnectionPool(
    poolConfig(server, { options: { encrypt: true, trustServerCertificate: true } }),
  );
  try {
    await assert.rejects(pool.connect(), {
      code: "EENCRYPT",
      message: /Server did not negotiate encryption/,
    });
  } finally {
    await pool.close();
    await server.close();
  }
});
