import assert from "node:assert/strict";
import { FaultInjector, RequestLog } from "../../../sim/faults.ts";
import { SqlError } from "../../../sim/tds/server.ts";
import { oneRow, sql, withPool } from "./harness.ts";

const ANSWERS = {
  "items by code": oneRow([{ name: "ItemCode", type: "nvarchar", length: 30 }], ["GML-001"]),
  "locked": () => {
    throw new SqlError("Lock request time out period exceeded.", 1222, 51, 16);
  },
  "buggy": () => {
    throw new Error("handler bug");
  },
};

Deno.test("an SqlError from the handler reaches mssql with its number, and the pool stays usable", async () => {
  await withPool(ANSWERS, async (pool) => {
    await assert.rejects(pool.request().query("/* locked */ SELECT 1 FROM x"), (err: sql.RequestError) => {
      assert.ok(err instanceof sql.RequestError);
      assert.equal(err.number, 1222);
      assert.equal(err.state, 51);
      assert.equal(err.class, 16);
      assert.equal(err.message, "Lock request time out period exceeded.");
      return true;
    });
    await assert.rejects(pool.request().query("/* nowhere */"), {
      number: 208,
      message: "Invalid object name 'nowhere'.",
    });
    await assert.rejects(pool.request().batch("/* buggy */ in a batch"), {
      number: 50000,
      message: "handler bug",
    });
    const r = await pool.request().input("code", sql.NVarChar, "GML-001").query("/* items by code */ SELECT");
    assert.deepEqual(r.recordset, [{ ItemCode: "GML-001" }]);
  }, { pool: { pool: { max: 1 } } });
});

Deno.test("a bad value in a row fails that request only, naming the column", async () => {
  const answers = {
    bad: { resultSets: [{ columns: [{ name: "Qty", type: "int" as const }], rows: [[1], ["lots"]] }] },
    good: oneRow([{ name: "Qty", type: "int" }], [5]),
  };
  await withPool(answers, async (pool) => {
    await assert.rejects(pool.request().query("/* bad */"), {
      number: 50000,
      message: /column Qty: bad int lots/,
    });
    assert.deepEqual((await pool.request().query("/* good */")).recordset, [{ Qty: 5 }]);
  });
});

Deno.test("an unknown stored procedure is SQL error 2812", async () => {
  await withPool({}, async (pool) => {
    await assert.rejects(pool.request().execute("spNoSuchProc"), {
      number: 2812,
      message: "Could not find stored procedure 'spNoSuchProc'.",
    });
  });
});

Deno.test("the 'error' fault answers the matching query with an SQL error once", async () => {
  const faults = new FaultInjector().once("error", { match: "items", detail: "Deadlock victim." });
  const log = new RequestLog();
  await withPool(ANSWERS, async (pool) => {
    await assert.rejects(pool.request().query("/* items by code */"), {
      number: 50000,
      message: "Deadlock victim.",
    });
    const r = await pool.request().query("/* items by code */");
    assert.equal(r.recordset.length, 1);
  }, { server: { faults, log } });
  assert.deepEqual(log.entries().map((e) => [e.name, e.fault]), [["items by code", "error"], [
    "items by code",
    undefined,
  ]]);
});

Deno.test("the 'drop' fault cuts the connection mid-answer; the pool reconnects for the next query", async () => {
  const faults = new FaultInjector().once("drop", { match: "items" });
  const log = new RequestLog();
  await withPool(ANSWERS, async (pool) => {
    await assert.rejects(pool.request().query("/* items by code */"), (err: sql.RequestError) => {
      // tedious reports the cut as the socket's own error.
      assert.equal(err.code, "ECONNRESET");
      assert.equal(err.message, "socket hang up");
      return true;
    });
    const r = await pool.request().query("/* items by code */");
    assert.deepEqual(r.recordset, [{ ItemCode: "GML-001" }]);
  }, { server: { faults, log } });
  assert.equal(log.entries()[0]?.fault, "drop");
});

Deno.test("latency is applied before the answer and the request still logs", async () => {
  const waits: number[] = [];
  const faults = new FaultInjector({ sleep: (ms) => (waits.push(ms), Promise.resolve()) });
  faults.latencyMs = 250;
  const log = new RequestLog();
  await withPool(ANSWERS, async (pool) => {
    await pool.request().query("/* items by code */");
  }, { server: { faults, log } });
  assert.deepEqual(waits, [250]);
  assert.deepEqual(log.entries().map((e) => e.name), ["items by code"]);
});

Deno.test("the request log holds the query name and the bound parameters as a plain object", async () => {
  const log = new RequestLog();
  const since = new Date("2024-05-06T07:08:09.123Z");
  await withPool(ANSWERS, async (pool) => {
    await pool.request().input("Code", sql.NVarChar, "GML-001").input("since", sql.DateTime2, since)
      .query("/* items by code */ SELECT ItemCode FROM cdItem WHERE ItemCode = @Code");
    const long = "SELECT   ItemCode\n  FROM cdItem WHERE something_long_enough_to_cut = 1 AND more = 2";
    await assert.rejects(pool.request().query(long), { number: 208 }); // not a known name: still logged
  }, { server: { log } });
  const [first, second] = log.entries();
  assert.equal(first?.name, "items by code");
  assert.deepEqual(first?.input, { code: "GML-001", since });
  assert.equal(first?.status, 0);
  assert.equal(second?.name, "SELECT ItemCode FROM cdItem WHERE something_long_enough_to_c");
  assert.equal(log.entries().length, 2); // session SETs and the pool's SELECT 1 are not logged
});

Deno.test("the 'error' fault can be a given SQL Server error raised mid-scan: rows first, then the ERROR token", async () => {
  const rows = Array.from({ length: 6 }, (_, i) => [`GML-00${i}`]);
  const answers = {
    "items by code": { resultSets: [{ columns: [{ name: "ItemCode", type: "nvarchar" as const }], rows }] },
  };
  const deadlock =
    "Transaction (Process ID 57) was deadlocked on lock resources with another process and has " +
    "been chosen as the deadlock victim. Rerun the transaction.";
  const faults = new FaultInjector()
    .once("error", {
      match: "items",
      detail: deadlock,
      sql: { number: 1205, state: 51, severity: 13, afterRows: true },
    })
    .once("error", {
      match: "items",
      detail: deadlock,
      sql: { number: 1205, state: 51, severity: 13, afterRows: true },
    });
  await withPool(answers, async (pool) => {
    // Streamed, the rows read before the victim was chosen arrive, then the error.
    const req = pool.request();
    req.stream = true;
    const seen: string[] = [];
    const failed = new Promise<sql.RequestError>((resolve) => {
      req.on("row", (r: { ItemCode: string }) => seen.push(r.ItemCode));
      req.on("error", (e: sql.RequestError) => resolve(e));
    });
    void req.query("/* items by code */");
    const err = await failed;
    assert.deepEqual(seen, ["GML-000", "GML-001", "GML-002"]);
    assert.deepEqual([err.number, err.state, err.class, err.message], [1205, 51, 13, deadlock]);
    // Not streamed, the query fails as a whole: no partial recordset.
    await assert.rejects(pool.request().query("/* items by code */"), { number: 1205 });
    assert.equal((await pool.request().query("/* items by code */")).recordset.length, 6);
  }, { server: { faults }, pool: { pool: { max: 1 } } });
});
