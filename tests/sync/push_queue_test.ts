import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { DEFERRED_WRITES, type Push, PUSHES_IN_FLIGHT, PushQueue } from "../../sync/push_queue.ts";

/** A push whose outcome the test decides. */
function pending(): Push & { ok(): void; fail(e: Error): void } {
  let ok!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    ok = resolve;
    fail = reject;
  });
  return { done, codes: new Set(), items: new Set(), products: new Set(), ok, fail };
}

/** Whether `p` has settled after the microtasks now queued have run. */
async function settledYet(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(() => settled = true, () => settled = true);
  await new Promise((r) => setImmediate(r));
  return settled;
}

Deno.test("PushQueue.room() waits while PUSHES_IN_FLIGHT pushes are under way, and not before", async () => {
  const q = new PushQueue();
  const pushes = Array.from({ length: PUSHES_IN_FLIGHT }, pending);
  for (let i = 0; i < PUSHES_IN_FLIGHT - 1; i++) q.add(pushes[i]!);
  assert.ok(await settledYet(q.room()), "room while fewer are under way");
  q.add(pushes[PUSHES_IN_FLIGHT - 1]!);
  const room = q.room();
  assert.equal(await settledYet(room), false, "no room with PUSHES_IN_FLIGHT under way");
  pushes[1 % PUSHES_IN_FLIGHT]!.ok();
  assert.ok(await settledYet(room), "room once one of them is done");
  assert.deepEqual(q.pending.length, PUSHES_IN_FLIGHT - 1);
});

Deno.test("PushQueue: after a failure nothing more starts; the first failure is thrown once the others settle", async () => {
  const q = new PushQueue();
  const [a, b] = [pending(), pending()];
  q.add(a);
  q.add(b);
  a.fail(new Error("first"));
  const room = q.room();
  assert.equal(await settledYet(room), false, "waits for the push still under way");
  b.fail(new Error("second"));
  await assert.rejects(room, /first/);
  // drain() likewise, and settle() never throws.
  const q2 = new PushQueue();
  const c = pending();
  q2.add(c);
  c.fail(new Error("third"));
  await q2.settle();
  await assert.rejects(q2.drain(), /third/);
});

Deno.test("PushQueue.drain() waits for every push", async () => {
  const q = new PushQueue();
  const [a, b] = [pending(), pending()];
  q.add(a);
  q.add(b);
  const drained = q.drain();
  a.ok();
  assert.equal(await settledYet(drained), false);
  b.ok();
  await drained;
  assert.deepEqual(q.pending, []);
});

Deno.test("PushQueue: a push already failed when added is thrown by room(), not left unhandled", async () => {
  const q = new PushQueue();
  const failed = Promise.reject(new Error("at once"));
  q.add({ done: failed, codes: new Set(), items: new Set(), products: new Set() });
  await new Promise((r) => setImmediate(r)); // an unhandled rejection would fail the test here
  await assert.rejects(q.room(), /at once/);
});

Deno.test("PushQueue.defer(): answered pushes' writes wait for the sync's next wait, in order, at most DEFERRED_WRITES", async () => {
  const q = new PushQueue();
  const ran: number[] = [];
  for (let i = 1; i <= DEFERRED_WRITES; i++) q.defer(() => ran.push(i));
  assert.equal(ran.length, 0, "kept while the sync has work");
  q.defer(() => ran.push(DEFERRED_WRITES + 1));
  assert.deepEqual(ran, Array.from({ length: DEFERRED_WRITES + 1 }, (_, i) => i + 1), "one more: all run");
  q.defer(() => ran.push(10));
  assert.ok(await settledYet(q.room()), "room at once: no wait, the write still kept");
  assert.equal(ran.length, DEFERRED_WRITES + 1);
  const pushes = Array.from({ length: PUSHES_IN_FLIGHT }, pending);
  pushes.forEach((p) => q.add(p));
  const room = q.room();
  assert.equal(ran.at(-1), 10, "run before waiting for room");
  pushes[0]!.ok();
  await room;
  q.defer(() => ran.push(11));
  q.flush();
  assert.equal(ran.at(-1), 11);
});

Deno.test("PushQueue: drain() and settle() run the deferred writes; a failed one is thrown by drain() only, the rest still run", async () => {
  const q = new PushQueue();
  const ran: string[] = [];
  q.defer(() => {
    throw new Error("disk full");
  });
  q.defer(() => ran.push("second"));
  await q.settle();
  assert.deepEqual(ran, ["second"], "settle() ran them, and did not throw");
  await assert.rejects(q.drain(), /disk full/, "drain() throws the write's failure kept by settle()");
  await q.drain(); // told once
  const a = pending();
  q.add(a);
  q.defer(() => {
    throw new Error("ledger locked");
  });
  a.fail(new Error("store down"));
  await assert.rejects(q.drain(), /ledger locked/, "the ledger's failure before the push's");
});

Deno.test("PushQueue: of several deferred writes that fail, the first is thrown (flush, and drain after settles)", async () => {
  const q = new PushQueue();
  q.defer(() => {
    throw new Error("first");
  });
  q.defer(() => {
    throw new Error("second");
  });
  assert.throws(() => q.flush(), /first/);
  q.defer(() => {
    throw new Error("third");
  });
  await q.settle();
  q.defer(() => {
    throw new Error("fourth");
  });
  await q.settle();
  await assert.rejects(q.drain(), /third/, "the first kept by settle()");
});

Deno.test("PushQueue.defer(): an earlier push's failed write, run by a later push's defer, is not thrown into it; room() throws it", async () => {
  const q = new PushQueue();
  const ran: string[] = [];
  q.defer(() => {
    throw new Error("bad record");
  });
  for (let i = 1; i < DEFERRED_WRITES; i++) q.defer(() => ran.push(`w${i}`));
  q.defer(() => ran.push("last")); // over the bound: all run here
  assert.deepEqual(ran, [...Array.from({ length: DEFERRED_WRITES - 1 }, (_, i) => `w${i + 1}`), "last"]);
  await assert.rejects(q.room(), /bad record/, "nothing more is sent once a ledger write failed");
  await q.drain(); // told once
});
