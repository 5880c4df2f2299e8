// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import assert from "node:assert/strict";
import { within } from "../../agent/within.ts";

Deno.test("within() says whether the work settled in time, and leaves no timer behind", async () => {
  const fake = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"], now: 0 });
  try {
    assert.equal(await within(Promise.resolve(), 10_000), true);
    assert.equal(
      await within(Promise.reject(new Error("its own failure")), 10_000),
      true,
      "settled, if failed",
    );
    assert.equal(fake.countTimers(), 0);
    let done!: () => void;
    const late = within(new Promise<void>((r) => done = r), 10_000);
    await fake.tickAsync(10_000);
    assert.equal(await late, false, "a stop that waited its 10 s says so (main.ts logs it)");
    done();
    const inTime = within(new Promise<void>((r) => setTimeout(r, 9_999)), 10_000);
    await fake.tickAsync(9_999);
    assert.equal(await inTime, true);
    assert.equal(fake.countTimers(), 0);
  } finally {
    fake.uninstall();
  }
});
