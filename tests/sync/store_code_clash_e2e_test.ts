/**
 * Two Nebim items whose codes differ only in İ/I (KAZAKI, KAZAKİ: two codes under Nebim's Turkish_CI_AS) are
 * one product code to the store (utf8mb4_general_ci, sim/qukasoft/collation.ts). Pushed both, they would share
 * one store product whose name and VAT rate flip between them every full cycle: the second is a problem.
 */
import assert from "node:assert/strict";
import { addStock, type ItemSpec, variantKey } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

/** An item of one variant, BEJ M. */
const kazak = (code: string, name: string, tax: string, cost: number, barcode: string): ItemSpec => ({
  code,
  name,
  tax,
  cost,
  variants: [{ color: "BEJ", size: "M", barcode, stock: 5 }],
});
const ONE = kazak("KAZAKI", "Kazak Bir", "%10", 500, "8690000000017");
const TWO = kazak("KAZAKİ", "Kazak İki", "%20", 700, "8690000000024");

const posts = (h: SyncHarness) =>
  h.sims.qukasoft.log.entries().filter((e) => e.name.startsWith("POST")).length;
/** The store's products as [productCode, name, vatRate, stock codes]. */
const products = (h: SyncHarness) =>
  [...h.sims.qukasoft.state.products.values()].map((p) => [
    p.productCode,
    p.name,
    p.vatRate,
    p.variants.map((v) => v.stockCode),
  ]);
const STORE = [["KAZAKI", "Kazak Bir", 10, ["8690000000017"]]];

Deno.test("a second Nebim product code the store takes for the first is reported and not pushed: no save over the first, full and incremental cycles quiet", async () => {
  await using h = await syncHarness([ONE, TWO], { pricing: { updateNames: true } });
  const r = await h.sync("full");
  assert.deepEqual([r.created, r.updated], [1, 0]);
  assert.deepEqual(products(h), STORE, "KAZAKİ's name and VAT rate not saved over KAZAKI's product");
  assert.deepEqual(r.problemList.map((p) => [p.subject, p.kind]), [["8690000000024", "duplicate"]]);
  assert.match(r.problemList[0]!.reason, /KAZAKİ.*KAZAKI/);
  const sent = posts(h);
  for (const mode of ["full", "full"] as const) {
    const again = await h.sync(mode);
    assert.deepEqual(again.rows, [], `${mode}: nothing planned`);
    assert.equal(again.problems, 1, "still reported");
  }
  addStock(h.data, variantKey("KAZAKİ", { color: "BEJ", size: "M" }), 4);
  const incremental = await h.sync();
  assert.equal(incremental.mode, "incremental");
  assert.deepEqual([incremental.rows, incremental.problems], [[], 1], "read alone, KAZAKİ is still held");
  assert.equal(posts(h), sent, "no write at all after the first cycle");
  assert.deepEqual(products(h), STORE);
});
