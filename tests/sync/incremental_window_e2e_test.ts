/**
 * Model-based, end to end: every change an incremental cycle's window can see reaches the store in that
 * cycle (DESIGN §4, steps 2–3). The convergence property (convergence_e2e_test.ts) checks the store once, at
 * the end, and only where nothing owes a full cycle; a change a window missed is mended by any full cycle or
 * later read of its item before then. Here, after a first full cycle, fast-check draws Nebim edits that leave
 * a stamp (no deleted row, no re-code: those wait for a full cycle, RELIABILITY.md), minutes passing, and
 * cycles, all incremental; after each cycle the store must be what a clean start makes of Nebim at that
 * moment (a fresh agent on an empty ledger syncing the same data into an empty store, read at the same SQL
 * Server time; convergence_store.ts compares them), with the same problems of Nebim's records open (those of
 * codes an item no longer makes closed by the cycle that reads it: sync/item_problems.ts). The agent is
 * restarted now and then. WINDOW_CASE replays one counterexample (its JSON, as fast-check prints it).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { storeKey } from "../../sim/qukasoft/collation.ts";
import type { ManualClock } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { PRICE_GROUP, settingsDoc } from "./convergence_settings.ts";
import { nebimEdits, type Step } from "./convergence_steps.ts";
import { assertSameStore, recordProblems } from "./convergence_store.ts";
import { World } from "./convergence_world.ts";

const ix = fc.nat(50);
const e = nebimEdits;
/**
 * Edits that stamp what they change: a barcode removed is a deleted row, a barcode shared a known limit. None
 * that holds a record the store has (a tax group with no rate, a cost of 0): a clean start creates nothing of
 * it, where the store keeps its product and its stock flows.
 */
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ kind: "cycle" as const, mode: "incremental" as const }), weight: 6 },
  e.cost,
  e.stock,
  { arbitrary: e.oversell.arbitrary, weight: 2 },
  e.reserve,
  e.release,
  e.priceList,
  e.name,
  e.colorName,
  e.newItem,
  e.block,
  e.internet,
  {
    arbitrary: fc.record({
      kind: fc.constant("barcode" as const),
      item: ix,
      variant: ix,
      op: fc.constantFrom("replace" as const, "add" as const, "addFirst" as const, "retype" as const),
      pick: fc.nat(3),
    }),
    weight: 3,
  },
  e.tax,
  e.vatRate,
  { arbitrary: e.clock.arbitrary, weight: 6 },
  e.addVariant,
  { arbitrary: e.confirmList.arbitrary, weight: 2 },
  // The agent started again (its bindings read from the ledger), as a one-shot `sync products --once` is.
  fc.constant({ kind: "restart" as const }),
);

/**
 * The settings drawn as the convergence property draws them, but in half the runs priced by the price list with
 * price updates on: a list's start and confirmation change a price only then.
 */
const runSettings = fc.tuple(settingsDoc, fc.boolean()).map(([doc, lists]) =>
  lists
    ? {
      catalog: { ...doc.catalog, priceSource: { kind: "priceList", priceGroupCode: PRICE_GROUP } },
      pricing: { ...doc.pricing, disablePriceUpdate: false },
    }
    : doc
);

async function seesEveryChange(settings: Record<string, unknown>, steps: Step[]): Promise<void> {
  const w = await World.start(settings);
  try {
    await w.cycle("full");
    let n = 0;
    for (const s of steps) {
      await w.run(s);
      n++;
      if (s.kind === "cycle") await sameAsCleanStart(w, `after step ${n} (${steps.length} steps)`);
    }
  } finally {
    await w.h.close();
  }
}

/** The store against a clean start's over the same Nebim, read at the same SQL Server time. */
async function sameAsCleanStart(w: World, when: string): Promise<void> {
  const { h } = w;
  const settings = h.settings.current();
  // The clean start's cycle reads at this very moment: its clock does not move (a price list may start at any
  // second).
  const frozen = { now: h.clock.now, advance() {} } as unknown as ManualClock;
  await using oracle = await syncHarness([], { catalog: settings.catalog, pricing: settings.pricing }, {
    nebim: { data: h.data, clock: frozen },
  });
  await oracle.sync("full");
  assertSameStore(w.store, oracle.sims.qukasoft.state, {
    rules: w.history.rules(settings),
    names: w.names,
    labels: w.labels,
    bound: new Set([...h.ledger.bindings().keys()].map(storeKey)),
    newFolder: false,
    typed: w.typed,
    holders: w.holders,
  }, when);
  const theirs = recordProblems(oracle.ledger.openProblems());
  const mine = recordProblems(h.ledger.openProblems());
  assert.deepEqual(mine, theirs, `${when}: open problems of Nebim's records`);
}

Deno.test("every change an incremental cycle's window can see reaches the store in that cycle", async () => {
  await fc.assert(
    fc.asyncProperty(runSettings, fc.array(step, { minLength: 4, maxLength: 24 }), seesEveryChange),
    {
      seed: Number(Deno.env.get("WINDOW_SEED") ?? 20261201),
      numRuns: Number(Deno.env.get("WINDOW_RUNS") ?? 12),
      examples: Deno.env.get("WINDOW_CASE") ? [JSON.parse(Deno.env.get("WINDOW_CASE")!)] : [],
    },
  );
});
