import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import {
  createRateLimiter,
  type RateLimiter,
  realSleep,
  requestHistory,
} from "../../qukasoft/rate_limiter.ts";
import { fakeTime } from "./fake_time.ts";

/** One request through the limiter, answered at once. */
async function request(limiter: RateLimiter, signal?: AbortSignal): Promise<void> {
  (await limiter.acquire(signal))();
}

Deno.test("createRateLimiter() lets n requests through per sliding window, then waits for the oldest", async () => {
  const time = fakeTime(0);
  const limiter = createRateLimiter({ limit: 3, windowMs: 10_000, now: time.now, sleep: time.sleep });
  for (let i = 0; i < 3; i++) await request(limiter);
  assert.deepEqual(time.delays, []);
  await request(limiter);
  assert.deepEqual(time.delays, [10_000]);
  await request(limiter);
  await request(limiter);
  assert.deepEqual(time.delays, [10_000], "two slots were free again after the wait");
  await request(limiter);
  assert.deepEqual(time.delays, [10_000, 10_000]);
});

Deno.test("createRateLimiter() counts a request's window from its answer, waiting for one when all are out", async () => {
  const time = fakeTime(0);
  const history = requestHistory();
  const limiter = createRateLimiter({
    limit: 2,
    windowMs: 10_000,
    now: time.now,
    sleep: time.sleep,
    history,
  });
  const first = await limiter.acquire();
  const second = await limiter.acquire();
  let third = false;
  const waiting = limiter.acquire().then((answered) => (third = true, answered));
  await time.sleep(700);
  assert.equal(third, false, "both requests are still out");
  first();
  first(); // once only: a second call would free a slot still taken (a 429) and count a request not made
  assert.deepEqual([history.inFlight, history.ends], [1, [700]]);
  (await waiting)();
  assert.equal(third, true);
  assert.deepEqual(time.delays, [700, 10_000], "the first answer's window, from its answer at 700");
  assert.equal(time.now(), 10_700);
  second();
  assert.equal(history.inFlight, 0);
});

Deno.test("createRateLimiter() given another's history counts its requests, answered and still out", async () => {
  const time = fakeTime(0);
  const history = requestHistory();
  const options = { windowMs: 10_000, now: time.now, sleep: time.sleep, history };
  const old = createRateLimiter({ ...options, limit: 2 });
  await request(old);
  const out = await old.acquire(); // still out when its client is replaced
  const next = createRateLimiter({ ...options, limit: 3 });
  await request(next);
  assert.deepEqual(time.delays, [], "the raised limit's third slot");
  await request(next);
  assert.deepEqual(time.delays, [10_000], "the old limiter's two requests took the others");
  out();
  assert.equal(history.inFlight, 0);
});

Deno.test("createRateLimiter() refuses a limit below 1 and stops waiting when aborted", async () => {
  const time = fakeTime(0);
  assert.throws(
    () => createRateLimiter({ limit: 0, windowMs: 1, now: time.now, sleep: time.sleep }),
    RangeError,
  );
  const limiter = createRateLimiter({ limit: 1, windowMs: 10_000, now: time.now, sleep: time.sleep });
  await request(limiter);
  const ctrl = new AbortController();
  ctrl.abort(new Error("stop"));
  await assert.rejects(() => request(limiter, ctrl.signal), /stop/);
  const waiting = new AbortController();
  const limited = createRateLimiter({ limit: 1, windowMs: 10_000, ...time });
  const outstanding = await limited.acquire();
  const p = limited.acquire(waiting.signal);
  waiting.abort(new Error("shutdown"));
  await assert.rejects(p, /shutdown/, "no longer waits for an answer");
  outstanding();
});

Deno.test("realSleep() resolves after its delay and rejects on abort, leaving no timer", async () => {
  const clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    let done = false;
    const p = realSleep(500).then(() => done = true);
    await clock.tickAsync(499);
    assert.equal(done, false);
    await clock.tickAsync(1);
    await p;
    assert.equal(done, true);
    const ctrl = new AbortController();
    const q = realSleep(10_000, ctrl.signal);
    ctrl.abort(new Error("shutdown"));
    await assert.rejects(q, /shutdown/);
    assert.equal(clock.countTimers(), 0);
  } finally {
    clock.uninstall();
  }
});

Deno.test("createRateLimiter() waits only until the oldest answer leaves the window, not a whole window", async () => {
  const time = fakeTime(0);
  const limiter = createRateLimiter({ limit: 2, windowMs: 10_000, now: time.now, sleep: time.sleep });
  await request(limiter);
  await time.sleep(4_000);
  await request(limiter);
  await request(limiter);
  assert.deepEqual(time.delays, [4_000, 6_000], "the first answer, at 0, leaves the window at 10 000");
  assert.equal(time.now(), 10_000);
});
