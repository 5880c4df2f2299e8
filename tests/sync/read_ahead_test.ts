import assert from "node:assert/strict";
import { readAhead } from "../../sync/read_ahead.ts";

async function* batchesOf(...bs: string[][]): AsyncIterable<string[]> {
  for (const b of bs) yield b;
}

async function yieldedWithStarted(ahead?: number): Promise<string[]> {
  const started: string[] = [];
  const got: string[] = [];
  for await (
    const { batch, rows } of readAhead(batchesOf(["A"], ["B"], ["C"], ["D"]), (b) => {
      started.push(b[0]!);
      return Promise.resolve(b[0]!.toLowerCase());
    }, ahead)
  ) {
    got.push(`${batch[0]}=${rows} (started ${started.join("")})`);
  }
  return got;
}

Deno.test("readAhead() yields every batch with its rows, in order, having started the next two reads first", async () => {
  assert.deepEqual(await yieldedWithStarted(), [
    "A=a (started ABC)",
    "B=b (started ABCD)",
    "C=c (started ABCD)",
    "D=d (started ABCD)",
  ]);
  assert.deepEqual(await yieldedWithStarted(1), [
    "A=a (started AB)",
    "B=b (started ABC)",
    "C=c (started ABCD)",
    "D=d (started ABCD)",
  ]);
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
