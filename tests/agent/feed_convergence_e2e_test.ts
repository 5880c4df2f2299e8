/**
 * Model-based convergence of the XML feed, end to end (real mssql reader → TDS simulator, the real ledger, the
 * real FeedSource writing its folder): the feed's counterpart of tests/sync/convergence_e2e_test.ts.
 * fast-check draws the settings a run starts with (every catalogue and pricing key of the API property, the
 * feed's channel and category, catalog.vanishLimit from off to one a few codes trip), then a sequence of the
 * API property's Nebim edits (tests/sync/convergence_steps.ts: costs, price lists, stock and commitments,
 * names, barcodes, VAT, new items, items or variants blocked; items re-coded, variants re-coloured, added
 * and deleted, price lists confirmed or taken back) and items or variants taken off the internet; a feed-only
 * edit that holds an item's variants for a bad record and fixes them again (its name or base-price cost
 * emptied, then restored: feed_convergence_held.ts, so the API property's draws stay as they were); builds
 * between them, some failing on an SQL fault after their n-th request, some stopped there by the agent's stop
 * (close(), then a start over the same ledger and folder); restarts; settings patched, or a new data folder.
 *
 * Every build is checked as it is served: a new build only within catalog.vanishLimit of the one served
 * before (worked out from the two files), a held one leaves the served file as it was and opens its problem,
 * and the ledger's feed_listed is every code a served build carried (nothing more after a failed build).
 *
 * Once the faults stop, the next build is compared with what a clean start builds (a fresh FeedSource on an
 * empty ledger and an empty folder, the same final Nebim data and settings), parsed, row by row on every tag:
 *
 * 1. every row of the clean start's is there, the same;
 * 2. the only other rows are the codes an earlier build listed (ledger/feed_listed.ts), at stock 0: those
 *    Nebim still has but no longer sells (blocked, off the internet), and those it no longer has at all (a
 *    barcode replaced or re-typed, the stock-code form changed), each the row the build served before carried
 *    (its name, product, price) with its stock at 0, the category and prices as the settings are now
 *    (agent/feed_gone.ts); with catalog.zeroStockForVanished off (drawn, and patched mid-run), every such
 *    code is the row served before with its stock as it was there, still on sale for catalog.vanishLimit;
 *    and, either way, so is a listed code Nebim still sells but holds for a bad record, but with Nebim's stock
 *    and the good fields of its record (as the API path still pushes them), while one never listed stays out
 *    (the clean start's has none);
 * 3. unless that build takes more of the served build's codes on sale to stock 0 or out than
 *    catalog.vanishLimit allows: then the served build stays, byte for byte, and the operator's confirmation
 *    (FeedSource.confirm) serves the clean start's, as above;
 * 4. and a restart's first build, weighed against the build it finds in the folder, serves the same (when the
 *    restart kept the settings: a start with the first --config file replaces settings patched since, as
 *    nothing is synced through the API here: agent/settings_store.ts).
 *
 * The rows are compared parsed, not as bytes: a listed code's copied row sits among the clean start's.
 *
 * A fixed seed and 15 runs keep it to a few seconds; a soak run sets FEED_CONVERGENCE_SEED and
 * FEED_CONVERGENCE_RUNS.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Settings } from "../../settings/mod.ts";
import { sameStoreCode } from "../../qukasoft/code_key.ts";
import { settingsDoc, settingsPatch } from "../sync/convergence_settings.ts";
import { nebimEdits } from "../sync/convergence_steps.ts";
import { recordProblems } from "../sync/convergence_store.ts";
import { assertSameFeed, type FeedRow, heldBy, type ParsedFeed } from "./feed_convergence_rows.ts";
import { type FeedStep, FeedWorld } from "./feed_convergence_world.ts";

const vanishLimit = fc.constantFrom(
  null,
  { percent: 20, atLeast: 50 }, // the default: never trips on these few codes
  { percent: 30, atLeast: 2 },
  { percent: 10, atLeast: 1 },
  { percent: 0, atLeast: 0 }, // any code leaving the sale holds the build
);
const feedKeys = {
  category: fc.constantFrom("Genel", "Giyim & Aksesuar"),
  channel: fc.constantFrom("site" as const, "marketplace" as const),
};

const feedSettings = fc.record({
  doc: settingsDoc,
  feed: fc.record(feedKeys),
  vanishLimit,
  only: fc.boolean(),
})
  .map(({ doc, feed, vanishLimit, only }) => ({
    catalog: { ...doc.catalog, vanishLimit },
    pricing: doc.pricing,
    feed: { ...feed, insteadOfApi: only },
  }));

const feedPatch = fc.oneof(
  settingsPatch,
  fc.record(feedKeys, { requiredKeys: [] }).filter((p) => Object.keys(p).length > 0).map((feed) => ({
    feed,
  })),
  vanishLimit.map((vanishLimit) => ({ catalog: { vanishLimit } })),
);

const after = fc.integer({ min: 1, max: 6 });
const feedStep: fc.Arbitrary<FeedStep> = fc.oneof(
  { arbitrary: fc.constant({ kind: "build" as const }), weight: 6 },
  ...Object.values(nebimEdits),
  {
    // Feed-only, so the API property's draws stay as they are: a second draw on the item fixes it again.
    arbitrary: fc.record({
      kind: fc.constant("held" as const),
      item: fc.nat(50),
      what: fc.constantFrom("name" as const, "cost" as const),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("faultyBuild" as const),
      fault: fc.constantFrom("drop" as const, "error" as const),
      after,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("stop" as const), after }), weight: 2 },
  fc.constant({ kind: "restart" as const }),
  fc.constant({ kind: "confirm" as const }),
  fc.record({ kind: fc.constant("recode" as const), item: fc.nat(50), back: fc.boolean() }),
  fc.record({ kind: fc.constant("recolor" as const), item: fc.nat(50), variant: fc.nat(50) }),
  fc.record({
    kind: fc.constant("settings" as const),
    patch: feedPatch,
    via: fc.constantFrom("patch" as const, "newFolder" as const),
  }),
);

/**
 * The codes an earlier build listed that the clean start leaves out, as the feed should carry them: by stock
 * code, the row expected (`before`'s, restamped: at stock 0 when gone from Nebim, with its stock as served
 * whenever catalog.zeroStockForVanished is off; with `fixed`'s stock and good fields, `fixed` a clean start
 * with the held records fixed, when the code is held for a bad record but still sold), or null (Nebim still
 * has it, the setting on: stock 0).
 */
function zeroedOf(
  w: FeedWorld,
  settings: Settings,
  clean: ReadonlySet<string>,
  before: ParsedFeed | undefined,
  fixed: ParsedFeed,
): Map<string, FeedRow | null> {
  const now = w.codes(settings);
  const zeroed = new Map<string, FeedRow | null>();
  for (const code of w.listed) {
    if (clean.has(code)) continue;
    const state = now.get(code);
    // Held for a bad record but still sold, one variant's: as served but for what the API path pushes.
    const held = state?.held === true && state.sellable && state.variants === 1;
    const keepStock = !settings.catalog.zeroStockForVanished || held;
    if (state && !keepStock) {
      zeroed.set(code, null);
      continue;
    }
    const old = before?.rows.get(code);
    if (!old) continue; // no row to copy: left out
    const row: FeedRow = { ...old, kat1: settings.feed.category };
    if (!keepStock) Object.assign(row, { quantity: "0", varyantstok: "0" });
    if (held) {
      // What the API path still pushes: the stock, and the fields of the record that are good.
      const now = fixed.rows.get(code);
      assert.ok(now !== undefined, `${code}: fixed, Nebim writes it`);
      // Its product's tags only under the product it was listed under (the API path renames no other).
      const own = sameStoreCode(old.sku!, now.sku!);
      Object.assign(row, { quantity: now.quantity, varyantstok: now.quantity });
      if (own) Object.assign(row, { kdv: now.kdv });
      if (own && !state.badName) Object.assign(row, { name: now.name });
      if (!state.badPrice) {
        Object.assign(row, { varyantfiyat: now.varyantfiyat, ...own && { price: now.price } });
      }
    }
    if (settings.pricing.disablePriceUpdate) {
      delete row.price;
      delete row.varyantfiyat;
    }
    zeroed.set(code, row);
  }
  return zeroed;
}

async function converges(settings: Record<string, unknown>, steps: FeedStep[]): Promise<void> {
  const w = await FeedWorld.start(settings);
  try {
    for (const s of steps) await w.run(s);
    // The faults stop. The next build and the clean start's read Nebim at the same SQL time.
    const final = w.h.settings.current();
    const before = w.served;
    const outcome = await w.build();
    let cleanProblems: string[] = [];
    const clean = await w.cleanBuild(final, (open) => cleanProblems = recordProblems(open));
    const zeroed = zeroedOf(w, final, new Set(clean.rows.keys()), before, await w.fixedBuild(final));
    // A code copied with its stock stays on sale: it leaves nothing.
    const onSale = new Set([
      ...clean.onSale,
      ...[...zeroed].filter(([, r]) => Number(r?.quantity) > 0).map(([c]) => c),
    ]);
    const soldOut = w.soldOut([...clean.rows, ...zeroed], final);
    if (heldBy(before?.onSale, onSale, final.catalog.vanishLimit, soldOut)) {
      assert.equal(outcome, "held", "over catalog.vanishLimit: the last good build stays served");
      assert.equal(w.served, before);
      assertSameFeed(await w.confirm(), clean, zeroed, "confirmed");
    } else {
      assert.equal(outcome, "served", "within catalog.vanishLimit: the next build is served");
      assertSameFeed(w.served!, clean, zeroed, "after the faults stop");
    }
    await w.restart();
    if (JSON.stringify(w.h.settings.current()) !== JSON.stringify(final)) return;
    assert.equal(await w.build(undefined, true), "served", "a restart's build: nothing more leaves the sale");
    assertSameFeed(w.served!, clean, zeroed, "after a restart");
    // A store that takes the feed learns of bad records from the builds: those open are a fresh agent's, none
    // left for a record Nebim no longer has.
    if (final.feed.insteadOfApi) {
      assert.deepEqual(
        recordProblems(w.h.ledger.openProblems()),
        cleanProblems,
        "open problems of Nebim's records",
      );
    }
  } finally {
    await w.close();
  }
}

Deno.test("random settings and sequences of Nebim edits, failed and stopped builds, restarts and settings changes converge to a clean start's feed, but for what it listed before", async () => {
  await fc.assert(
    fc.asyncProperty(feedSettings, fc.array(feedStep, { minLength: 6, maxLength: 30 }), converges),
    {
      seed: Number(Deno.env.get("FEED_CONVERGENCE_SEED") ?? 20261121),
      numRuns: Number(Deno.env.get("FEED_CONVERGENCE_RUNS") ?? 15),
    },
  );
});
