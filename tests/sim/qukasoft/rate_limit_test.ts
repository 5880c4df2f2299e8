import assert from "node:assert/strict";
import { createQukasoftApp } from "../../../sim/qukasoft/app.ts";
import { createWindowLimiter } from "../../../sim/qukasoft/rate_limit.ts";
import { StoreState } from "../../../sim/qukasoft/state.ts";
import { get, KEY, SECRET } from "./fixtures.ts";

Deno.test("the simulator answers 429 with Retry-After past the limit and lets the client in after it", async () => {
  let now = 0;
  const app = createQukasoftApp(new StoreState("Test"), {
    apiKey: KEY,
    apiSecret: SECRET,
    ratePer10s: 3,
    clock: () => now,
  });
  for (let i = 0; i < 3; i++) assert.equal((await get(app, "/auth")).status, 200, `request ${i + 1}`);
  const over = await get(app, "/auth");
  assert.equal(over.status, 429);
  assert.equal(over.headers.get("retry-after"), "10");
  assert.deepEqual(await over.json(), { code: 429, message: "rate limit of 3 requests per 10 s exceeded" });

  now = 4_000;
  const still = await get(app, "/auth");
  assert.equal(still.status, 429);
  assert.equal(still.headers.get("retry-after"), "6", "the window slides from the oldest request");
  await still.body?.cancel();

  now = 10_000;
  assert.equal((await get(app, "/auth")).status, 200, "a refused request did not count");
});

Deno.test("the simulator's default limit is 50 requests per 10 s", async () => {
  const app = createQukasoftApp(new StoreState("Test"), { apiKey: KEY, apiSecret: SECRET, clock: () => 0 });
  const statuses: number[] = [];
  for (let i = 0; i < 51; i++) {
    const res = await get(app, "/auth");
    statuses.push(res.status);
    await res.body?.cancel();
  }
  assert.equal(statuses.filter((s) => s === 200).length, 50);
  assert.equal(statuses.at(-1), 429);
});

Deno.test("createWindowLimiter() rounds the wait up to whole seconds, at least 1", () => {
  let now = 0;
  const limiter = createWindowLimiter(1, 10_000, () => now);
  assert.equal(limiter.take(), undefined);
  now = 9_999.5;
  assert.equal(limiter.take(), 1);
  now = 1_500;
  assert.equal(limiter.take(), 9);
  assert.throws(() => createWindowLimiter(0, 10_000, () => 0), RangeError);
});
