/**
 * Every request gives its rate-limit slot back however it ends (answered, aborted, timed out, its body cut
 * off): a slot kept would leave the next request waiting for an answer that never comes, and the agent hung.
 */
import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import { IntegrationError } from "../../errors.ts";
import { FaultInjector } from "../../sim/faults.ts";
import type { QukasoftApi } from "../../qukasoft/client.ts";
import type { FakeTime } from "./fake_time.ts";
import { withSimClient } from "./sim_client.ts";

/** A store latency the test ends by hand: `arrived` once a request is held, `answer()` lets it go on. */
function heldAnswers() {
  let go = () => {};
  let arrived = () => {};
  const held = { arrived: new Promise<void>((r) => arrived = r), answer: () => go() };
  const faults = new FaultInjector({
    sleep: () => (arrived(), new Promise<void>((r) => go = r)),
  });
  faults.latencyMs = 1;
  return { faults, held };
}

/**
 * With the only slot given back, the next request waits out its window (the limiter decides that at once,
 * before its first await); with it kept, it would wait for an answer forever: it is aborted then, not hung.
 */
async function nextWaitsOnlyTheWindow(api: QukasoftApi, time: FakeTime): Promise<void> {
  const before = time.delays.length;
  const ctrl = new AbortController();
  const next = api.auth(ctrl.signal);
  const waited = time.delays.slice(before);
  if (waited.length === 0) ctrl.abort(new Error("the slot was kept"));
  await next.catch(() => {});
  assert.deepEqual(waited, [10_000], "the slot was given back, its window running from then");
  assert.deepEqual(await next, { storeName: "Simülasyon Mağaza" });
}

// The store's limit is above the client's: the request left behind still reaches it when let go.
const oneSlot = (faults?: FaultInjector) => ({
  sim: { ratePer10s: 5, faults },
  client: { requestsPer10s: 1 },
});

Deno.test("a request aborted while the store holds it gives its slot back", async () => {
  const { faults, held } = heldAnswers();
  await withSimClient(async ({ api, time }) => {
    const ctrl = new AbortController();
    const first = api.auth(ctrl.signal).catch((e) => e);
    await held.arrived;
    ctrl.abort(new Error("shutting down"));
    assert.ok(await first instanceof IntegrationError);
    faults.latencyMs = 0;
    held.answer();
    await nextWaitsOnlyTheWindow(api, time);
  }, oneSlot(faults));
});

Deno.test("a request that timed out gives its slot back", async () => {
  const { faults, held } = heldAnswers();
  const clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    await withSimClient(async ({ api, time }) => {
      const first = api.auth().catch((e) => e);
      await held.arrived;
      await clock.tickAsync(5_000);
      assert.match(String(await first), /timed out$/);
      faults.latencyMs = 0;
      held.answer();
      await nextWaitsOnlyTheWindow(api, time);
    }, { ...oneSlot(faults), client: { requestsPer10s: 1, timeoutMs: 5_000, maxRetries: 0 } });
  } finally {
    clock.uninstall();
  }
});

Deno.test("a request whose answer was cut off mid-body gives its slot back", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("drop", { match: "/auth" });
    await assert.rejects(() => api.auth(), /network error/);
    await nextWaitsOnlyTheWindow(api, time);
  }, { ...oneSlot(), client: { requestsPer10s: 1, maxRetries: 0 } });
});

Deno.test("two write calls' lanes, a listing and /auth share a single slot without deadlock or a 429", async () => {
  const products = Array.from({ length: 6 }, (_, i) => ({
    productCode: `KML-${i}`,
    name: "Keten Gömlek",
    vatRate: 10,
    variants: [{ stockCode: `SC-${i}`, quantity: 1, priceKurus: 89990, marketplacePriceKurus: 94990 }],
  }));
  await withSimClient(async ({ api, sim }) => {
    const [saved, stocked] = await Promise.all([
      api.saveProducts(products),
      api.updateStockPrice(products.map((p) => ({ stockCode: p.variants[0]!.stockCode, quantity: 3 }))),
      (async () => {
        for await (const _ of api.listProducts()) { /* every page */ }
      })(),
      api.auth(),
    ]);
    assert.equal(saved.length + stocked.length, 12);
    assert.ok(sim.log.entries().every((e) => e.status === 200), "the client kept under the store's limit");
    assert.deepEqual(
      ["POST /product/save", "POST /product/stockPrice", "GET /auth"].map((n) => sim.log.entries(n).length),
      [6, 6, 1],
    );
  }, {
    sim: { ratePer10s: 1 },
    client: { requestsPer10s: 1, chunkSizes: { saveProducts: 1, stockPriceItems: 1 } },
  });
});
