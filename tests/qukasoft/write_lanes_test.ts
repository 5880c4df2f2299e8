/** WriteLanes (qukasoft/chunks.ts): one client's write requests, of whatever call, share a few lanes. */
import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { writeInChunks, WriteLanes } from "../../qukasoft/chunks.ts";
import { IntegrationError } from "../../errors.ts";

const turn = () => new Promise((r) => setImmediate(r));

/** A request the test answers; it writes its name to `log` once the lanes let it begin. */
function held(log: string[], name: string) {
  const answer = Promise.withResolvers<string>();
  return {
    answer,
    request: () => {
      log.push(name);
      return answer.promise;
    },
  };
}

Deno.test("WriteLanes: at most its lanes at once, whichever call a request is of; waiters go in order", async () => {
  const lanes = new WriteLanes(2);
  const log: string[] = [];
  const r = ["a1", "b1", "a2", "b2"].map((n) => held(log, n));
  const runs = r.map((x) => lanes.run(x.request));
  await turn();
  assert.deepEqual(log, ["a1", "b1"], "two lanes: the others wait");
  r[1]!.answer.resolve("b1");
  await turn();
  assert.deepEqual(log, ["a1", "b1", "a2"], "the first waiter takes the lane freed");
  r[0]!.answer.resolve("a1");
  await turn();
  assert.deepEqual(log, ["a1", "b1", "a2", "b2"]);
  r[2]!.answer.resolve("a2");
  r[3]!.answer.resolve("b2");
  assert.deepEqual(await Promise.all(runs), ["a1", "b1", "a2", "b2"]);
});

Deno.test("WriteLanes: a request that throws, at once or later, frees its lane for the next", async () => {
  const lanes = new WriteLanes(1);
  const log: string[] = [];
  const thrown = lanes.run((): Promise<string> => {
    throw new Error("at once"); // not even a promise: the lane is still given back
  });
  const rejected = lanes.run(() => Promise.reject(new Error("later")));
  const next = held(log, "next");
  const after = lanes.run(next.request);
  await assert.rejects(thrown, /at once/);
  await assert.rejects(rejected, /later/);
  await turn();
  assert.deepEqual(log, ["next"], "the lane came back after both failures");
  next.answer.resolve("ok");
  assert.equal(await after, "ok");
  // And with the lane free again, a request starts at once.
  const again = held(log, "again");
  const last = lanes.run(again.request);
  assert.deepEqual(log, ["next", "again"]);
  again.answer.resolve("ok");
  await last;
});

Deno.test("writeInChunks(): a chunk waiting for a lane another call holds is not sent after its call failed", async () => {
  const lanes = new WriteLanes(1);
  let release!: () => void;
  // Another call holds the only lane until released.
  const other = lanes.run(() => new Promise<void>((resolve) => release = resolve));
  const sent: number[] = [];
  const call = writeInChunks({
    items: [1, 2, 3, 4],
    toWire: (n: number) => n,
    refused: () => "refused",
    unwritten: () => "unwritten",
    size: 1,
    keyOf: (n) => n,
    send: ([n]) => {
      sent.push(n!);
      return n === 1
        ? Promise.reject(new IntegrationError("retriable", "chunk 1 failed", { system: "qukasoft" }))
        : Promise.resolve(["ok"]);
    },
    lanes,
  });
  await new Promise((resolve) => setImmediate(resolve)); // every chunk of `call` now waits for the lane
  release();
  await other;
  await assert.rejects(call, /chunk 1 failed/);
  assert.deepEqual(sent, [1], "the chunks that waited beside the failed one were not sent");
});
