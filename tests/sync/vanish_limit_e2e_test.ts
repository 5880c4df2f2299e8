/**
 * catalog.vanishLimit, the circuit breaker against mass zeroing, end to end: Nebim data → mssql → TDS
 * simulator → reader → sync → Qukasoft simulator. Ten single-variant items; the limit allows max(50 % of
 * the codes on sale, 2) = 5 zeros per cycle, so a few items are enough to cross it.
 */
import assert from "node:assert/strict";
import { plainItems } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { FEED_VANISH_SUBJECT } from "../../sync/vanish_limit.ts";

// ITM-0 … ITM-9.
const ITEMS = plainItems(10, "ITM-", "86900001", 5);
const barcode = (n: number) => ITEMS[n]!.variants[0]!.barcode;
const LIMIT = { catalog: { vanishLimit: { percent: 50, atLeast: 2 } } };
const firstSix = (code: unknown) => /^ITM-[0-5]$/.test(String(code));

/** The store's quantity of each item's stock code, ITM-0 first. */
const quantities = (h: SyncHarness) => ITEMS.map((_, i) => h.variant(barcode(i))!.variant.quantity);
/** The quantities of every stock/price update sent since the log was cleared. */
const zerosSent = (h: SyncHarness) =>
  h.sims.qukasoft.log.entries("/product/stockPrice").flatMap((e) =>
    (e.input as { items: { stockCode: string; quantity?: number }[] }).items
  ).filter((i) => i.quantity === 0);
const openHolds = (h: SyncHarness) => h.ledger.openProblems({ kind: "massZero" });

async function synced(doc: Record<string, unknown> = LIMIT): Promise<SyncHarness> {
  const h = await syncHarness(ITEMS, doc);
  await h.sync("full");
  h.clock.advance(10 * 60_000); // the catalogue's own rows fall out of the incremental window
  await h.sync();
  h.sims.qukasoft.log.clear();
  return h;
}

Deno.test("most items blocked by mistake: the incremental cycle holds every zero, reports it, and still sends the rest", async () => {
  await using h = await synced();
  h.data.update("cdItem", (r) => firstSix(r.ItemCode), { IsBlocked: true });
  h.data.update("trStock", (r) => r.ItemCode === "ITM-9", { In_Qty1: 8 });
  const r = await h.sync();
  assert.equal(r.mode, "incremental");
  assert.deepEqual(r.vanishCheck, { vanishing: 6, active: 10, allowed: 5, verdict: "held" });
  assert.deepEqual(zerosSent(h), [], "no zero sent");
  assert.deepEqual(quantities(h), [5, 5, 5, 5, 5, 5, 5, 5, 5, 8], "ITM-9's new stock still went");
  assert.equal(r.zeroed, 0);
  assert.equal(r.held, 6);
  assert.equal(h.ledger.getBinding(barcode(0))!.state, "active", "not recorded as zeroed");
  const [problem, ...more] = openHolds(h);
  assert.deepEqual(more, []);
  assert.equal(problem!.subject, "catalog.vanishLimit");
  assert.match(problem!.reason, /all 6 of 10 stock codes on sale .* allows \(5\)/);
  assert.match(problem!.reason, new RegExp(`${barcode(0)} \\(item ITM-0\\)`));
  assert.match(problem!.reason, /IsBlocked.*--allow-mass-zero.*null turns it off/s);
  assert.deepEqual(r.problemList.map((p) => p.kind), ["massZero"]);
});

Deno.test("the held codes are zeroed by the first full cycle after the limit is raised, and the problem closes", async () => {
  await using h = await synced();
  h.data.update("cdItem", (r) => firstSix(r.ItemCode), { IsBlocked: true });
  assert.equal((await h.sync()).held, 6);
  // An incremental cycle that finds nothing vanishing cannot tell whether the held codes still are gone.
  h.clock.advance(10 * 60_000);
  assert.equal((await h.sync()).held, 6, "read again: the change is in the overlap of the bookmark");
  h.clock.advance(10 * 60_000);
  const quiet = await h.sync();
  assert.deepEqual([quiet.itemsRead, quiet.vanishCheck], [0, undefined]);
  assert.equal(openHolds(h).length, 1, "still held");
  h.settings.update({ catalog: { vanishLimit: { percent: 60 } } });
  const r = await h.sync("full");
  assert.deepEqual(r.vanishCheck, { vanishing: 6, active: 10, allowed: 6, verdict: "ok" });
  assert.equal(r.zeroed, 6);
  assert.deepEqual(quantities(h), [0, 0, 0, 0, 0, 0, 5, 5, 5, 5]);
  assert.equal(h.ledger.getBinding(barcode(0))!.state, "vanished");
  assert.deepEqual(openHolds(h), [], "resolved");
});

Deno.test("while a hold is open, held codes coming back a few at a time are held too, not zeroed", async () => {
  await using h = await synced();
  h.data.update("cdItem", (r) => firstSix(r.ItemCode), { IsBlocked: true });
  assert.equal((await h.sync()).held, 6);
  const opened = openHolds(h)[0]!.reason;
  h.clock.advance(10 * 60_000);
  await h.sync(); // the block itself, read again in the bookmark's overlap
  h.clock.advance(10 * 60_000);
  // A goods receipt for two of the blocked items: an incremental cycle reads just them, 2 under the limit
  // of 5, and without the open hold would zero them, and so on, a few per cycle, until all were gone.
  h.data.update("trStock", (r) => r.ItemCode === "ITM-0" || r.ItemCode === "ITM-1", { In_Qty1: 9 });
  h.sims.qukasoft.log.clear();
  const r = await h.sync();
  assert.equal(r.itemsRead, 2);
  assert.equal(r.vanishCheck?.verdict, "held");
  assert.equal(r.held, 2);
  assert.deepEqual(zerosSent(h), []);
  assert.deepEqual(quantities(h).slice(0, 6), [5, 5, 5, 5, 5, 5]);
  assert.match(r.rows.find((row) => row.action === "held")?.why ?? "", /hold is open/);
  assert.equal(openHolds(h)[0]!.reason, opened, "the hold's problem keeps its count of the whole hold");
});

Deno.test("a few codes vanishing, up to the limit, are zeroed as before", async () => {
  await using h = await synced();
  h.data.delete("cdItem", (r) => /^ITM-[0-4]$/.test(String(r.ItemCode)));
  const r = await h.sync("full");
  assert.deepEqual(r.vanishCheck, { vanishing: 5, active: 10, allowed: 5, verdict: "ok" });
  assert.equal(r.zeroed, 5);
  assert.deepEqual(quantities(h), [0, 0, 0, 0, 0, 5, 5, 5, 5, 5]);
  assert.deepEqual(openHolds(h), []);
});

Deno.test("the XML feed's hold holds nothing in the API sync: an incremental cycle zeroes a few codes as before", async () => {
  await using h = await synced();
  // The feed's own problem, of the same kind (a store may import the feed beside the API sync).
  const reason = "the XML feed still serves its build of …";
  h.ledger.replaceProblems([], [{ subject: FEED_VANISH_SUBJECT, kind: "massZero", reason }]);
  h.data.update("cdItem", (r) => r.ItemCode === "ITM-0", { IsBlocked: true });
  const r = await h.sync();
  assert.equal(r.mode, "incremental");
  assert.deepEqual([r.zeroed, r.held], [1, 0]);
  assert.equal(quantities(h)[0], 0);
  assert.deepEqual(
    openHolds(h).map((p) => p.subject),
    [FEED_VANISH_SUBJECT],
    "the feed's, left to the feed",
  );
});

Deno.test("a database with most items missing: the full cycle holds, the dry run shows why, --allow-mass-zero zeroes them", async () => {
  await using h = await synced();
  h.data.delete("cdItem", (r) => /^ITM-[0-7]$/.test(String(r.ItemCode)));
  h.data.update("trStock", (r) => r.ItemCode === "ITM-8", { In_Qty1: 7 });
  const dry = await h.sync("full", true);
  const held = dry.rows.filter((row) => row.action === "held");
  assert.equal(held.length, 8);
  assert.match(
    held[0]!.why,
    /stock 0 held: 8 of 10 codes on sale vanished, more than catalog\.vanishLimit/,
  );
  assert.deepEqual(dry.rows.filter((row) => row.action === "zero"), []);
  assert.deepEqual(openHolds(h), [], "a dry run records nothing");

  const r = await h.sync("full");
  assert.equal(r.vanishCheck?.verdict, "held");
  assert.deepEqual(zerosSent(h), []);
  assert.deepEqual(quantities(h), [5, 5, 5, 5, 5, 5, 5, 5, 7, 5]);
  assert.equal(openHolds(h).length, 1);

  const confirmed = await h.sync("full", false, undefined, { allowMassZero: true });
  assert.deepEqual(confirmed.vanishCheck, { vanishing: 8, active: 10, allowed: 5, verdict: "lifted" });
  assert.equal(confirmed.zeroed, 8);
  assert.deepEqual(quantities(h), [0, 0, 0, 0, 0, 0, 0, 0, 7, 5]);
  assert.deepEqual(openHolds(h), []);
});

Deno.test("codes the store already shows at stock 0 are not counted: blocking them all is no mass zeroing", async () => {
  await using h = await synced();
  h.data.update("trStock", (r) => firstSix(r.ItemCode), { In_Qty1: 0 });
  assert.equal((await h.sync()).updated, 6);
  h.clock.advance(10 * 60_000);
  h.data.update("cdItem", (r) => firstSix(r.ItemCode), { IsBlocked: true });
  const r = await h.sync();
  assert.equal(r.vanishCheck, undefined);
  assert.equal(r.zeroed, 6, "recorded as vanished");
  assert.equal(h.ledger.getBinding(barcode(0))!.state, "vanished");
  assert.deepEqual(openHolds(h), []);
});

Deno.test("catalog.vanishLimit null: any number of vanished codes is zeroed", async () => {
  await using h = await synced({ catalog: { vanishLimit: null } });
  h.data.update("cdItem", (r) => /^ITM-\d$/.test(String(r.ItemCode)), { IsBlocked: true });
  const r = await h.sync();
  assert.equal(r.vanishCheck?.verdict, "ok");
  assert.equal(r.zeroed, 10);
  assert.deepEqual(quantities(h), Array(10).fill(0));
});

Deno.test("the default limit (20 %, at least 50) zeroes 50 vanished codes and holds 51", async () => {
  await using h = await syncHarness(plainItems(120, "BIG-", "86900002", 3));
  await h.sync("full");
  h.data.update("cdItem", (r) => Number(String(r.ItemCode).slice(4)) < 51, { IsBlocked: true });
  const held = await h.sync("full");
  assert.deepEqual(held.vanishCheck, { vanishing: 51, active: 120, allowed: 50, verdict: "held" });
  h.data.update("cdItem", (r) => r.ItemCode === "BIG-0", { IsBlocked: false });
  const zeroed = await h.sync("full");
  assert.deepEqual(zeroed.vanishCheck, { vanishing: 50, active: 120, allowed: 50, verdict: "ok" });
  assert.equal(zeroed.zeroed, 50);
});

Deno.test("the limit's percentage is of the codes on sale: a catalogue mostly out of stock does not let all it sells go to 0", async () => {
  await using h = await syncHarness(ITEMS, LIMIT);
  h.data.update("trStock", (r) => firstSix(r.ItemCode), { In_Qty1: 0 });
  await h.sync("full");
  // Every code the store sells: 4 of 10 bound, within 50 % of 10 but all of the 4 on sale.
  h.data.update("cdItem", (r) => /^ITM-[6-9]$/.test(String(r.ItemCode)), { IsBlocked: true });
  const r = await h.sync("full");
  assert.deepEqual(r.vanishCheck, { vanishing: 4, active: 4, allowed: 2, verdict: "held" });
  assert.deepEqual(quantities(h), [0, 0, 0, 0, 0, 0, 5, 5, 5, 5]);
});
