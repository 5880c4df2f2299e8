/**
 * A colour's description is its variants' label in the store (`value1`). Changed in Nebim, it reaches the
 * store under `pricing.updateNames` in the next incremental cycle, with a product/save of only the labels;
 * without the setting the store keeps its own. After an upgrade from an agent that kept no label, the store's
 * is learned by the first full cycle rather than sent to every variant. End to end through the simulators.
 */
import assert from "node:assert/strict";
import { savedProducts as saved, type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { CANTA, GOMLEK } from "../support/items.ts";
import { olderLedger } from "../support/older_ledger.ts";

const NAMES = { pricing: { updateNames: true } };
// The item's variants are read size by size: L, then M.
const BEY_M = "8690000000017", BEY_L = "8690000000024";

const labels = (h: SyncHarness) =>
  h.product("KML-1001")!.variants.map((v) => [v.stockCode, v.name1, v.value1]).sort((a, b) =>
    a[0]!.localeCompare(b[0]!)
  );

const recolour = (h: SyncHarness, description: string) =>
  h.data.update("cdColorDesc", (r) => r.ColorCode === "BEY", { ColorDescription: description });

Deno.test("a colour described anew in Nebim reaches its variants' labels in the next incremental cycle, under updateNames", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], NAMES);
  await h.sync("full");
  assert.deepEqual(labels(h), [[BEY_M, "Renk", "Beyaz"], [BEY_L, "Renk", "Beyaz"]]);
  const before = structuredClone(h.product("KML-1001")!);
  const canta = structuredClone(h.product("CNT-2002")!);
  recolour(h, "Kırık Beyaz");
  h.sims.qukasoft.log.clear();

  const dry = await h.sync("incremental", true);
  assert.deepEqual(dry.rows.map((r) => [r.action, r.stockCode, r.why]), [
    ["label", BEY_L, 'colour "Beyaz" → "Kırık Beyaz"'],
    ["label", BEY_M, 'colour "Beyaz" → "Kırık Beyaz"'],
  ]);
  assert.deepEqual(saved(h), [], "a dry run sends nothing");

  const r = await h.sync();
  assert.equal(r.mode, "incremental");
  assert.equal(r.actions.label, 2);
  assert.deepEqual(saved(h), [[{
    productCode: "KML-1001",
    variants: [
      { stockCode: BEY_L, value1: "Kırık Beyaz" },
      { stockCode: BEY_M, value1: "Kırık Beyaz" },
    ],
  }]], "one save of the labels: no name (the item's is the same), no price, no stock");
  assert.deepEqual(h.sims.qukasoft.log.entries("/product/stockPrice"), []);
  for (const v of before.variants) v.value1 = "Kırık Beyaz";
  assert.deepEqual(h.product("KML-1001"), before, "nothing else changed");
  assert.deepEqual(h.product("CNT-2002"), canta);
  assert.equal(h.ledger.getBinding(BEY_M)!.pushed!.label, "Kırık Beyaz");

  // Recorded: the next cycles, in a new process too, have nothing to send.
  h.forget();
  h.sims.qukasoft.log.clear();
  h.data.update("trStock", (r) => r.ItemCode === "KML-1001", {}); // the item is read again
  await h.sync();
  await h.sync("full");
  assert.deepEqual(saved(h), []);
});

Deno.test("without updateNames the store keeps its colour labels, as it keeps its names", async () => {
  await using h = await syncHarness([GOMLEK]);
  await h.sync("full");
  recolour(h, "Kırık Beyaz");
  h.sims.qukasoft.log.clear();
  await h.sync();
  await h.sync("full");
  assert.deepEqual(saved(h), []);
  assert.deepEqual(labels(h), [[BEY_M, "Renk", "Beyaz"], [BEY_L, "Renk", "Beyaz"]]);
  // A size the item gains later is made with Nebim's description of today.
  h.data.insert("prItemVariant", {
    ItemTypeCode: 1,
    ItemCode: "KML-1001",
    ColorCode: "BEY",
    ItemDim1Code: "XL",
  });
  h.data.insert("prItemBarcode", {
    ItemTypeCode: 1,
    ItemCode: "KML-1001",
    ColorCode: "BEY",
    ItemDim1Code: "XL",
    ItemDim2Code: "",
    ItemDim3Code: "",
    Barcode: "8690000000048",
    BarcodeTypeCode: "DEF",
  });
  await h.sync();
  assert.equal(h.variant("8690000000048")?.variant.value1, "Kırık Beyaz");
});

Deno.test("after an upgrade, the first full cycle learns the store's labels and sends only one that differs", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], NAMES);
  await h.sync("full");
  // The merchant relabelled one size in the panel while the older agent ran, which kept no label.
  h.variant(BEY_L)!.variant.value1 = "Beyaz (Özel)";
  olderLedger(h, "label");
  assert.equal(h.ledger.getBinding(BEY_M)!.pushed!.label, undefined, "not known");
  recolour(h, "Beyaz"); // the item is read again, with the description the store has for M
  h.sims.qukasoft.log.clear();
  // An incremental cycle from that ledger cannot know the store's labels: it sends none blind.
  await h.sync();
  assert.deepEqual(saved(h), []);

  const full = await h.sync("full");
  assert.deepEqual(saved(h), [[{
    productCode: "KML-1001",
    variants: [{ stockCode: BEY_L, value1: "Beyaz" }],
  }]], "one save, for the one label that differs from Nebim's");
  assert.equal(full.actions.label, 1);
  assert.equal(h.ledger.getBinding(BEY_M)!.pushed!.label, "Beyaz", "learned from the store's list");
  assert.deepEqual(labels(h), [[BEY_M, "Renk", "Beyaz"], [BEY_L, "Renk", "Beyaz"]]);
});

Deno.test("by item and colour, a colour described anew renames its product and relabels its variants in one save", async () => {
  await using h = await syncHarness([GOMLEK], {
    catalog: { groupBy: "itemColor" },
    pricing: { updateNames: true },
  });
  await h.sync("full");
  assert.equal(h.product("KML-1001-BEY")!.name, "Keten Gömlek Beyaz");
  recolour(h, "Kırık Beyaz");
  h.sims.qukasoft.log.clear();
  const r = await h.sync();
  assert.deepEqual([r.actions.rename, r.actions.label], [1, 2]);
  assert.deepEqual(saved(h), [[{
    productCode: "KML-1001-BEY",
    name: "Keten Gömlek Kırık Beyaz",
    variants: [
      { stockCode: BEY_L, value1: "Kırık Beyaz" },
      { stockCode: BEY_M, value1: "Kırık Beyaz" },
    ],
  }]]);
  const p = h.product("KML-1001-BEY")!;
  assert.equal(p.name, "Keten Gömlek Kırık Beyaz");
  assert.deepEqual(p.variants.map((v) => v.value1), ["Kırık Beyaz", "Kırık Beyaz"]);
});
