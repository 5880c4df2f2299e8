import assert from "node:assert/strict";
import { readAhead } from "../../sync/read_ahead.ts";

async function* batchesOf(...bs: string[][]): AsyncIterable<string[]> {
  for (const b of bs) yield b;
}

Deno.test("readAhead() yields every batch with its rows, in order, having started the next read first", async () => {
  const started: string[] = [];
  const got: string[] = [];
  for await (
    const { batch, rows } of readAhead(batchesOf(["A"], ["B"], ["C"]), (b) => {
      started.push(b[0]!);
      return Promise.resolve(b[0]!.toLowerCase());
    })
  ) {
    got.push(`${batch[0]}=${rows} (started ${started.join("")})`);
  }
  assert.deepEqual(got, ["A=a (started AB)", "B=b (started ABC)", "C=c (started ABC)"]);
});

Deno.test("readAhead() throws a failed read when its batch is due, not before", async () => {
  const got: string[] = [];
  await assert.rejects(async () => {
    for await (
      const { batch } of readAhead(
        batchesOf(["A"], ["B"]),
        (b) => b[0] === "B" ? Promise.reject(new Error("B failed")) : Promise.resolve(1),
      )
    ) got.push(batch[0]!);
  }, /B failed/);
  assert.deepEqual(got, ["A"]);
});

Deno.test("readAhead(): a read started ahead and never consumed does not become an unhandled rejection", async () => {
  for await (
    const { batch } of readAhead(
      batchesOf(["A"], ["B"]),
      (b) => b[0] === "B" ? Promise.reject(new Error("B failed")) : Promise.resolve(1),
    )
  ) {
    assert.equal(batch[0], "A");
    break; // the caller stops after A (say, its push failed) while B's read has already failed
  }
  // Deno fails a test that leaves an unhandled rejection behind; reaching here with none is the check.
  await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
});
