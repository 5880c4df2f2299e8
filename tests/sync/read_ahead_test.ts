import assert from "node:assert/strict";
import { READ_AHEAD, readAhead } from "../../sync/read_ahead.ts";

async function* batchesOf(...bs: string[][]): AsyncIterable<string[]> {
  for (const b of bs) yield b;
}

async function yieldedWithStarted(ahead?: number): Promise<string[]> {
  const started: string[] = [];
  const got: string[] = [];
  for await (
    const { batch, rows } of readAhead(batchesOf(["A"], ["B"], ["C"], ["D"], ["E"]), (b) => {
      started.push(b[0]!);
      return Promise.resolve(b[0]!.toLowerCase());
    }, ahead)
  ) {
    got.push(`${batch[0]}=${rows} (started ${started.join("")})`);
  }
  return got;
}

Deno.test("readAhead() yields every batch with its rows, in order, having started the next reads first", async () => {
  assert.equal(READ_AHEAD, 3);
  assert.deepEqual(await yieldedWithStarted(), [
    "A=a (started ABCD)",
    "B=b (started ABCDE)",
    "C=c (started ABCDE)",
    "D=d (started ABCDE)",
    "E=e (started ABCDE)",
  ]);
  assert.deepEqual(await yieldedWithStarted(2), [
    "A=a (started ABC)",
    "B=b (started ABCD)",
    "C=c (started ABCDE)",
    "D=d (started ABCDE)",
    "E=e (started ABCDE)",
  ]);
  assert.deepEqual(await yieldedWithStarted(1), [
    "A=a (started AB)",
    "B=b (started ABC)",
    "C=c (started ABCD)",
    "D=d (started ABCDE)",
    "E=e (started ABCDE)",
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

Deno.test("readAhead(): `waiting` is told before a read not in yet is waited for, and only then", async () => {
  const reads = new Map<string, { resolve: (v: string) => void }>();
  const told: string[] = [];
  const got: string[] = [];
  const read = (b: string[]) =>
    b[0] === "B"
      ? new Promise<string>((resolve) => reads.set("B", { resolve }))
      : Promise.resolve(b[0]!.toLowerCase());
  let next = "";
  const it = readAhead(batchesOf(["A"], ["B"], ["C"]), read, 2, () => told.push(`waiting for ${next}`));
  next = "A";
  got.push((await it.next()).value!.rows);
  next = "B";
  const b = it.next();
  await Promise.resolve();
  reads.get("B")!.resolve("b");
  got.push((await b).value!.rows);
  next = "C";
  got.push((await it.next()).value!.rows);
  assert.deepEqual(got, ["a", "b", "c"]);
  assert.deepEqual(told, ["waiting for B"], "A and C were in when their turn came");
});
