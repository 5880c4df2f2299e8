import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import { createRateLimiter, realSleep } from "../../qukasoft/rate_limiter.ts";
import { fakeTime } from "./fake_time.ts";

Deno.test("createRateLimiter() lets n requests through per sliding window, then waits for the oldest", async () => {
  const time = fakeTime(0);
  const limiter = createRateLimiter({ limit: 3, windowMs: 10_000, now: time.now, sleep: time.sleep });
  for (let i = 0; i < 3; i++) await limiter.acquire();
  assert.deepEqual(time.delays, []);
  await limiter.acquire();
  assert.deepEqual(time.delays, [10_000]);
  await limiter.acquire();
  await limiter.acquire();
  assert.deepEqual(time.delays, [10_000], "two slots were free again after the wait");
  await limiter.acquire();
  assert.deepEqual(time.delays, [10_000, 10_000]);
});

Deno.test("createRateLimiter() refuses a limit below 1 and stops waiting when aborted", async () => {
  const time = fakeTime(0);
  assert.throws(
    () => createRateLimiter({ limit: 0, windowMs: 1, now: time.now, sleep: time.sleep }),
    RangeError,
  );
  const limiter = createRateLimiter({ limit: 1, windowMs: 10_000, now: time.now, sleep: time.sleep });
  await limiter.acquire();
  const ctrl = new AbortController();
  ctrl.abort(new Error("stop"));
  await assert.rejects(() => limiter.acquire(ctrl.signal), /stop/);
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
