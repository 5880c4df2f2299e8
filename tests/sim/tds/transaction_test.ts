import assert from "node:assert/strict";
import type { QueryRequest } from "../../../sim/tds/server.ts";
import { sql, withPool } from "./harness.ts";

const ANSWERS = { write: { resultSets: [], rowsAffected: 1 }, read: { resultSets: [] } };

Deno.test("a transaction begins and commits; the handler is told it runs inside one", async () => {
  const seen: QueryRequest[] = [];
  await withPool(ANSWERS, async (pool) => {
    const tx = new sql.Transaction(pool);
    await tx.begin();
    const r = await new sql.Request(tx).query("/* write */ INSERT INTO x VALUES (1)");
    assert.deepEqual(r.rowsAffected, [1]);
    await tx.commit();
    await pool.request().query("/* read */");
  }, { seen, pool: { pool: { max: 1 } } });
  assert.deepEqual(seen.map((q) => q.inTransaction), [true, false]);
});

Deno.test("a transaction rolls back, and committing with none open is error 3902", async () => {
  const seen: QueryRequest[] = [];
  await withPool(ANSWERS, async (pool) => {
    const tx = new sql.Transaction(pool);
    await tx.begin();
    await new sql.Request(tx).query("/* write */");
    await tx.rollback();
    await pool.request().query("/* read */");
    await assert.rejects(pool.request().batch("COMMIT"), {
      number: 3902,
      message: "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.",
    });
  }, { seen, pool: { pool: { max: 1 } } });
  assert.deepEqual(seen.map((q) => q.inTransaction), [true, false]);
});

Deno.test("BEGIN TRAN / ROLLBACK in plain batches open and close the transaction too", async () => {
  const seen: QueryRequest[] = [];
  await withPool(ANSWERS, async (pool) => {
    await pool.request().batch("SET XACT_ABORT ON; BEGIN TRANSACTION");
    await pool.request().query("/* read */");
    await pool.request().batch("ROLLBACK TRAN");
    await pool.request().query("/* read */");
  }, { seen, pool: { pool: { max: 1 } } });
  assert.deepEqual(seen.map((q) => q.inTransaction), [true, false]);
});
