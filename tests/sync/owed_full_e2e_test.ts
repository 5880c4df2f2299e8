/**
 * A settings change that owes a full cycle (settings/changes.ts needsFullSync) owes it in the ledger, kept in
 * the same commit as the settings: a process that dies before that cycle ran, or a cycle that ends badly, does
 * not lose it, and whichever cycle comes next (`run`'s or `sync products --once` without --full) is full.
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { type RunningAgent, startAgent } from "../../main.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { FULL_OWED } from "../../ledger/settings.ts";
import { STORE_OWED } from "../../sync/full_owed.ts";
import { OVERLAP_MS } from "../../sync/item_batches.ts";
import { crashWorld } from "../support/crash_world.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { syncOnce } from "../support/sync_once_cli.ts";
import { addStock, variantKey } from "../support/catalog.ts";
import { CANTA, GOMLEK } from "../support/items.ts";
import { sweaters } from "../support/sweaters.ts";

const ITEMS = sweaters(3);
// An item of the crash world's catalogue far from the first price update (its codes are sent again in doubt).
const BARCODE = "8690000001100";
const price = (i: number, percent: number) =>
  Math.round((100 + i * 10) * (1 + percent / 100) * 1.1 * 100) / 100;

Deno.test("a price change stored, then the process gone before its re-price: the next cycle asked incremental re-prices all", async () => {
  await using h = await syncHarness(ITEMS);
  h.clock.advance(2 * OVERLAP_MS); // the rows are stamped before the next incremental cycle's window
  assert.equal((await h.sync("full")).created, 3);
  assert.equal(h.variant("8690000010000")!.variant.price, price(0, 0));
  h.settings.update({ pricing: { site: { percent: 50 } } });
  await h.restart(); // killed before the actor's full cycle ran: its request was in memory only
  const report = await h.sync("incremental");
  for (let i = 0; i < ITEMS.length; i++) {
    assert.equal(h.variant(`86900000${10000 + i}`)!.variant.price, price(i, 50));
  }
  assert.equal(report.mode, "full");
  // Paid: the cycle after it is incremental again.
  assert.equal((await h.sync("incremental")).mode, "incremental");
});

Deno.test("sync products --once --config with a price change killed before a price went out: the next --once re-prices all", async () => {
  const w = await crashWorld();
  try {
    assert.equal((await w.run()).code, 0); // the first full sync
    const before = w.h.variant(BARCODE)!.variant.price;
    const configPath = `${w.h.dataDir}/config.json`;
    const doc = JSON.parse(await Deno.readTextFile(configPath));
    await Deno.writeTextFile(configPath, JSON.stringify({ ...doc, pricing: { site: { percent: 50 } } }));
    const killed = await w.run({ before: (path) => path.endsWith("/product/stockPrice") }, true);
    assert.ok(killed.killed, killed.out);
    assert.equal(w.h.variant(BARCODE)!.variant.price, before, "nothing was re-priced");
    // The same file again: it changes nothing now, but the ledger still owes the re-price.
    const next = await w.run(undefined, true);
    assert.equal(next.code, 0, next.out);
    assert.equal(w.h.variant(BARCODE)!.variant.price, Math.round(before * 1.5 * 100) / 100);
    assert.match(next.out, /\bfull cycle, 1200 items/);
    assert.match(next.out, /full though --full was not given: a settings change stored earlier .* owes one/);
  } finally {
    await w.close();
  }
});

Deno.test("a settings change that needs no full cycle, or one made before anything was synced, owes none", async () => {
  await using h = await syncHarness(ITEMS);
  // Nothing synced yet: the first cycle is full anyway, and a later file may still change the stock codes.
  h.settings.update({ catalog: { safetyStock: 1 } });
  assert.equal(h.ledger.getBookmark(FULL_OWED), undefined);
  assert.equal((await h.sync("full")).created, 3);
  h.settings.update({ schedule: { productsEverySec: 60 } });
  assert.equal((await h.sync("incremental")).mode, "incremental");
});

Deno.test("a dry run does not pay the full cycle owed, and a change stored during a cycle is not paid by it", async () => {
  await using h = await syncHarness(ITEMS);
  h.clock.advance(2 * OVERLAP_MS);
  await h.sync("full");
  h.settings.update({ pricing: { site: { percent: 50 } } });
  assert.equal((await h.sync("incremental", true)).mode, "full");
  const owed = h.ledger.getBookmark(FULL_OWED);
  assert.ok(owed);
  // A cycle that read the mark before the change (the agent reads it with the settings it maps by).
  h.settings.update({ pricing: { site: { percent: 60 } } });
  assert.equal((await h.sync("incremental", false, undefined, { owed })).mode, "full");
  assert.notEqual(h.ledger.getBookmark(FULL_OWED), "", "the later change is still owed");
  assert.equal((await h.sync("incremental")).mode, "full");
  assert.equal((await h.sync("incremental")).mode, "incremental");
});

/** The agent started on `h`'s simulators with a data folder of its own, given to `fn`, then stopped. */
async function withAgent(
  h: SyncHarness,
  fn: (agent: RunningAgent, sync: AnyActorRef) => Promise<void>,
): Promise<void> {
  const agent = await startAgent({ dataDir: `${h.dataDir}/d`, configDoc: h.config(), port: 0 });
  try {
    await fn(agent, agent.supervisor.system.get("productSync") as AnyActorRef);
  } finally {
    await agent.stop();
  }
}

/** KML-1001 deleted in the store's panel, and a stock movement that makes the next cycle push to it. */
function loseInPanel(h: SyncHarness): void {
  h.sims.qukasoft.state.deleteProduct("KML-1001");
  addStock(h.data, variantKey("KML-1001", { color: "BEY", size: "M" }), 2);
}

/** A first `sync products --once`, KML-1001 deleted in the panel, then the --once that finds its code lost. */
async function lostByOnce(h: SyncHarness) {
  assert.equal((await syncOnce(h, [])).code, 0); // the first sync, full
  loseInPanel(h);
  h.clock.advance(1_000); // the change inside the next cycle's window
  return await syncOnce(h, []);
}

Deno.test("sync products --once that finds a stock code the store lost owes the full cycle in the ledger: the next --once runs it and creates the code again", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  const found = await lostByOnce(h);
  assert.equal(found.code, 3, found.out); // a refusal: an open problem
  assert.match(found.out, /incremental cycle/);
  assert.match(found.err, /a full cycle is owed: the store no longer has 1 stock code/);
  // The refusal's reason whole on screen, its end too (wrapped, not cut at the table's width).
  assert.match(found.out, /the full\s+reconciliation\s+that\s+follows\s+creates\s+it\s+again/);
  assert.equal(h.product("KML-1001"), undefined);
  // Without --full: the process that found it is gone, the ledger still owes the full cycle.
  const next = await syncOnce(h, []);
  assert.equal(next.code, 0, next.out);
  assert.match(next.err, /a full cycle is owed: .*the store no longer has 1 stock code .*: running one/);
  assert.match(next.out, /^full cycle, /m);
  assert.match(next.out, /full though --full was not given: .*the store no longer has/);
  assert.deepEqual(h.product("KML-1001")!.variants.map((v) => v.stockCode).sort(), [
    "8690000000017",
    "8690000000024",
  ]);
  // Paid: the one after it is incremental, and says nothing owed.
  const after = await syncOnce(h, []);
  assert.match(after.out, /^incremental cycle, /m);
  assert.doesNotMatch(after.err, /owed/);
});

Deno.test("the full cycle a lost stock code owes stays owed while full cycles fail, and a full cycle that ends well pays it", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  loseInPanel(h);
  assert.equal((await h.sync()).missing, 1);
  assert.match(h.ledger.getBookmark(STORE_OWED) ?? "", /the store no longer has 1 stock code/);
  await h.restart();
  // The store's product list fails on every try: the full cycle fails, and is still owed.
  h.sims.qukasoft.faults.once("error", { match: "/product/lists", times: 1_000 });
  await assert.rejects(h.sync("incremental"), /lists|refus|error/i);
  h.sims.qukasoft.faults.clear();
  assert.match(h.ledger.getBookmark(STORE_OWED) ?? "", /the store no longer has/);
  const full = await h.sync("incremental");
  assert.equal(full.mode, "full");
  assert.equal(full.created, 2);
  assert.equal(h.ledger.getBookmark(STORE_OWED), "");
  assert.equal((await h.sync("incremental")).mode, "incremental");
});

Deno.test("the full cycle a lost stock code owes is in the ledger before the code's record: a process killed between the two still owes it", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  loseInPanel(h);
  // The lost code's record, kept as the store last had it, says nothing is left to do: whatever a kill right
  // after its commit leaves must already owe the full cycle that creates the code again.
  const owedAtRecord: (string | undefined)[] = [];
  const ledger = h.ledger;
  const recordWrites = ledger.recordWrites.bind(ledger);
  ledger.recordWrites = (written, ...rest) => {
    if (written.some((w) => w.productCode === "KML-1001")) {
      owedAtRecord.push(ledger.getBookmark(STORE_OWED));
    }
    return recordWrites(written, ...rest);
  };
  assert.equal((await h.sync()).missing, 1);
  assert.equal(owedAtRecord.length, 1);
  assert.match(owedAtRecord[0] ?? "", /the store no longer has 1 stock code/);
});

Deno.test("the agent started after a --once that found a stock code the store lost runs the full cycle first, creates it again and pays the mark", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  assert.equal((await lostByOnce(h)).code, 3);
  await withAgent(h, async (_, sync) => {
    await waitFor(sync, (s) => s.context.lastCycle !== null);
    assert.equal(sync.getSnapshot().context.lastCycle.mode, "full");
    assert.equal(h.product("KML-1001")!.variants.length, 2);
  });
  const ledger = openLedger(`${h.dataDir}/d/ledger.sqlite`);
  try {
    assert.equal(ledger.getBookmark(STORE_OWED), "");
  } finally {
    ledger.close();
  }
});

Deno.test("while the full cycle a lost stock code owes keeps failing, the agent's /health says it is owed and why", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  assert.equal((await lostByOnce(h)).code, 3);
  // Only a full cycle reads Nebim's list of every item: a deadlock victim each time, retried.
  h.sims.sqlFaults.once("error", {
    match: "nebim:itemCodesPage",
    times: 1_000,
    detail: "Transaction (Process ID 57) was deadlocked on lock resources with another process",
    sql: { number: 1205, state: 51, severity: 13 },
  });
  await withAgent(h, async (agent, sync) => {
    await waitFor(sync, (s) => s.context.fullFailures > 0);
    const { fullOwed } = (await (await fetch(agent.healthUrl)).json()).actors.productSync;
    assert.equal(fullOwed.failures, 1);
    assert.match(fullOwed.byStore, /^the store no longer has 1 stock code the agent pushed/);
  });
});
