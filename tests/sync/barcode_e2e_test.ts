/**
 * A barcode changed in Nebim reaches the store when the stock code is not the barcode (a template): the
 * variant's new barcode goes with a product/save of only that, in the next incremental cycle; after an upgrade
 * from an agent that kept no barcode, the store's is learned by the first full cycle rather than sent to every
 * variant. End to end through the simulators.
 */
import assert from "node:assert/strict";
import { savedProducts as saved, type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { variantKey } from "../support/catalog.ts";
import { CANTA, GOMLEK, storeHasCanta } from "../support/items.ts";
import { olderLedger } from "../support/older_ledger.ts";

const TEMPLATE = {
  catalog: { stockCode: { from: "template", template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" } },
};
const BEY_M = variantKey("KML-1001", { color: "BEY", size: "M" });
const BEY_L = variantKey("KML-1001", { color: "BEY", size: "L" });

const stockPrice = (h: SyncHarness) => h.sims.qukasoft.log.entries("/product/stockPrice");

/** A barcode of a variant, as Nebim keeps it: a row of prItemBarcode. */
function addBarcode(h: SyncHarness, key: Record<string, unknown>, barcode: string, type = "DEF"): void {
  h.data.insert("prItemBarcode", { ...key, Barcode: barcode, BarcodeTypeCode: type });
}

Deno.test("a barcode changed in Nebim reaches the store in the next incremental cycle, with only the barcode", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], TEMPLATE);
  await h.sync("full");
  assert.equal(h.variant("KML-1001-BEY-M")!.variant.barcode, "8690000000017");
  // The merchant's own name and active flag, which a save must not touch (updateNames is off).
  const p = h.product("KML-1001")!;
  p.name = "Merchant Name";
  p.active = true;
  h.data.update("cdItemDesc", (r) => r.ItemCode === "KML-1001", { ItemDescription: "Yeni Ad" });
  const before = structuredClone(h.product("KML-1001")!);
  const canta = structuredClone(h.product("CNT-2002")!);
  // A new barcode that sorts first: it is now the variant's.
  addBarcode(h, BEY_M, "8680000000019");
  h.sims.qukasoft.log.clear();

  const dry = await h.sync("incremental", true);
  assert.deepEqual(dry.rows.map((r) => [r.action, r.stockCode, r.why]), [
    ["barcode", "KML-1001-BEY-M", "barcode 8690000000017 → 8680000000019"],
  ]);
  assert.deepEqual(saved(h), [], "a dry run sends nothing");

  const r = await h.sync();
  assert.equal(r.mode, "incremental");
  assert.equal(r.actions.barcode, 1);
  assert.deepEqual(saved(h), [[{
    productCode: "KML-1001",
    variants: [{ stockCode: "KML-1001-BEY-M", barcode: "8680000000019" }],
  }]], "exactly one save: no name, no active, no price");
  assert.deepEqual(stockPrice(h), []);
  before.variants.find((v) => v.stockCode === "KML-1001-BEY-M")!.barcode = "8680000000019";
  assert.deepEqual(h.product("KML-1001"), before, "nothing else changed: name and active kept");
  assert.deepEqual(h.product("CNT-2002"), canta);
  assert.equal(h.ledger.getBinding("KML-1001-BEY-M")!.pushed!.barcode, "8680000000019");

  // Recorded: the next cycle, in a new process too, has nothing to send.
  h.forget();
  h.sims.qukasoft.log.clear();
  h.data.update("trStock", (r) => r.ItemCode === "KML-1001", {}); // the item is read again
  await h.sync();
  assert.deepEqual(saved(h), []);

  // Both sizes change in one cycle (the new barcode re-typed away, another added first): one save, one entry.
  h.data.update("prItemBarcode", (r) => r.Barcode === "8680000000019", { BarcodeTypeCode: "EAN" });
  addBarcode(h, BEY_L, "8680000000026");
  h.sims.qukasoft.log.clear();
  await h.sync();
  assert.deepEqual(saved(h), [[{
    productCode: "KML-1001",
    variants: [
      { stockCode: "KML-1001-BEY-L", barcode: "8680000000026" },
      { stockCode: "KML-1001-BEY-M", barcode: "8690000000017" },
    ],
  }]]);
  assert.deepEqual(h.product("KML-1001")!.variants.map((v) => v.barcode), [
    "8680000000026",
    "8690000000017",
  ]);
  assert.equal(h.product("KML-1001")!.name, "Merchant Name");
  assert.equal(h.product("KML-1001")!.active, true);
});

Deno.test("a deleted barcode reaches the store with the next full cycle, with the rename when names follow Nebim", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], { ...TEMPLATE, pricing: { updateNames: true } });
  addBarcode(h, BEY_M, "8680000000019");
  await h.sync("full");
  assert.equal(h.variant("KML-1001-BEY-M")!.variant.barcode, "8680000000019");
  // A deleted row leaves no trace for an incremental cycle (RELIABILITY.md); the full one reads every item.
  h.data.delete("prItemBarcode", (r) => r.Barcode === "8680000000019");
  h.data.update("cdItemDesc", (r) => r.ItemCode === "KML-1001", { ItemDescription: "Yeni Ad" });
  h.sims.qukasoft.log.clear();
  await h.sync("full");
  assert.deepEqual(saved(h), [[{
    productCode: "KML-1001",
    name: "Yeni Ad",
    variants: [{ stockCode: "KML-1001-BEY-M", barcode: "8690000000017" }],
  }]], "one entry: the rename and the barcode");
  assert.equal(h.variant("KML-1001-BEY-M")!.variant.barcode, "8690000000017");
  assert.equal(h.product("KML-1001")!.name, "Yeni Ad");
  assert.equal(
    h.ledger.getBinding("KML-1001-BEY-L")!.pushed!.name,
    "Yeni Ad",
    "the variant not in the save",
  );
});

Deno.test("after an upgrade, the first full cycle sends a barcode only where the store's differs from Nebim's", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], TEMPLATE);
  await h.sync("full");
  // While the older agent ran, Nebim gave the bag a new barcode the store never got.
  addBarcode(h, variantKey("CNT-2002"), "8680000000033");
  olderLedger(h, "barcode");
  assert.equal(h.ledger.getBinding("KML-1001-BEY-M")!.pushed!.barcode, null, "not known");
  h.sims.qukasoft.log.clear();
  // An incremental cycle from that ledger cannot know the store's barcodes: it sends none blind.
  await h.sync();
  assert.deepEqual(saved(h), []);

  const full = await h.sync("full"); // the first cycle of every run
  assert.deepEqual(saved(h), [[{
    productCode: "CNT-2002",
    variants: [{ stockCode: "CNT-2002", barcode: "8680000000033" }],
  }]], "one save, for the one stale barcode");
  assert.equal(full.actions.barcode, 1);
  assert.equal(h.variant("CNT-2002")!.variant.barcode, "8680000000033");
  // The matching ones are learned from the store's list.
  assert.equal(h.ledger.getBinding("KML-1001-BEY-M")!.pushed!.barcode, "8690000000017");
  assert.equal(h.ledger.getBinding("KML-1001-BEY-L")!.pushed!.barcode, "8690000000024");

  // From now on barcodes follow Nebim in incremental cycles, from the ledger alone.
  h.forget();
  addBarcode(h, BEY_L, "8680000000026");
  h.sims.qukasoft.log.clear();
  await h.sync();
  assert.deepEqual(saved(h), [[{
    productCode: "KML-1001",
    variants: [{ stockCode: "KML-1001-BEY-L", barcode: "8680000000026" }],
  }]]);
});

Deno.test("when the stock code is the barcode, a store barcode that differs (an adopted product's) is left alone", async () => {
  await using h = await syncHarness([CANTA]);
  storeHasCanta(h);
  h.variant("8690000000031")!.variant.barcode = "MERCHANT-31";
  await h.sync("full"); // adopts it
  h.sims.qukasoft.log.clear();
  await h.sync("full");
  assert.deepEqual(saved(h), []);
  assert.equal(h.variant("8690000000031")!.variant.barcode, "MERCHANT-31");
});
