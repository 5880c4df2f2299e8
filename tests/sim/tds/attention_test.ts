import assert from "node:assert/strict";
import type { QueryRequest, QueryResult } from "../../../sim/tds/server.ts";
import { oneRow, sql, withPool } from "./harness.ts";

/** Never answers on its own: settles only when the client's ATTENTION aborts the signal. */
function untilCancelled(req: QueryRequest): Promise<QueryResult> {
  return new Promise((_, reject) => req.signal.addEventListener("abort", () => reject(new Error("aborted"))));
}

const ANSWERS = { slow: untilCancelled, ping: oneRow([{ name: "ok", type: "int" }], [1]) };

Deno.test("a query timeout sends ATTENTION: the handler is aborted, ETIMEOUT, and the connection lives on", async () => {
  const seen: QueryRequest[] = [];
  await withPool(ANSWERS, async (pool) => {
    await assert.rejects(pool.request().query("/* slow */"), (err: sql.RequestError) => {
      assert.equal(err.code, "ETIMEOUT");
      return true;
    });
    assert.equal(seen[0]?.signal.aborted, true);
    const r = await pool.request().query("/* ping */");
    assert.deepEqual(r.recordset, [{ ok: 1 }]);
  }, { seen, pool: { requestTimeout: 100, pool: { max: 1 } } });
});

Deno.test("cancelling a large streamed result ends it, and the same connection answers the next query", async () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => [i, `ürün ${i}`]);
  const answers = {
    ...ANSWERS,
    many: {
      resultSets: [{
        columns: [{ name: "n", type: "int" as const }, { name: "s", type: "nvarchar" as const }],
        rows,
      }],
    },
  };
  await withPool(answers, async (pool) => {
    const req = pool.request();
    req.stream = true;
    let received = 0;
    const ended = new Promise<unknown>((resolve) => {
      req.on("row", () => {
        if (++received === 1) req.cancel();
      });
      req.on("error", (err) => resolve(err));
      req.on("done", () => resolve(undefined));
    });
    void req.query("/* many */");
    const err = await ended;
    assert.equal((err as sql.RequestError | undefined)?.code, "ECANCEL");
    assert.ok(received < 20_000);
    const r = await pool.request().query("/* ping */");
    assert.deepEqual(r.recordset, [{ ok: 1 }]);
  }, { pool: { pool: { max: 1 } } });
});
