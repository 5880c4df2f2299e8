/**
 * The other Nebim codes the catalog settings name — the price source, the barcode type of stock codes made
 * from barcodes, the descriptions' language — proven by the running sync as `check` proves them, end to end
 * (mssql → TDS simulator, Qukasoft simulator). SQL Server takes any code: a typo made over the settings store
 * read nothing, and cycle after cycle held every price (or zeroed every variant, its stock code gone, or named
 * no product). Such a cycle now fails fatally, naming the key, the value and the codes Nebim has, before
 * anything is read or sent; asked again each cycle, as Nebim may gain the code.
 */
import assert from "node:assert/strict";
import { errorKind, errorMessage, IntegrationError } from "../../errors.ts";
import { plainItems } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

const ITEMS = plainItems(3, "ITM-", "86900003", 5);
const CODES = ITEMS.map((i) => i.variants[0]!.barcode);

/** The cycle fails fatally with `message` (its start), its subject the key; the store is not asked. */
async function refused(h: SyncHarness, mode: "full" | "incremental", key: string, message: RegExp) {
  const before = h.sims.qukasoft.log.entries().length;
  await assert.rejects(h.sync(mode), (e) => {
    assert.equal(errorKind(e), "fatal", errorMessage(e));
    assert.match(errorMessage(e), message);
    assert.equal((e as IntegrationError).subject, key);
    return true;
  });
  assert.equal(h.sims.qukasoft.log.entries().length, before, "no store request");
}

const stocks = (h: SyncHarness) => CODES.map((c) => h.variant(c)?.variant.quantity);

Deno.test("a mistyped barcode type of stock codes fails the cycle, naming it and Nebim's types; the store's stock is not zeroed", async () => {
  await using h = await syncHarness(ITEMS);
  await h.sync("full");
  h.data.update("trStock", () => true, { In_Qty1: 7 });
  // Refused in this data folder once synced (it makes the stock codes): a new folder, as an operator starts over.
  await h.restart({ catalog: { stockCode: { from: "barcode", barcodeTypeCode: "DFE" } } });
  const typo = new RegExp(
    '^catalog\\.stockCode\\.barcodeTypeCode: "DFE" is the type of no unit barcode in Nebim ' +
      '\\(prItemBarcode, Qty 1\\); the types there are "DEF" — every variant would be held for want of a stock ' +
      "code",
  );
  // Before, the full cycle found no stock code and zeroed all three as vanished (under catalog.vanishLimit).
  await refused(h, "full", "catalog.stockCode.barcodeTypeCode", typo);
  await refused(h, "incremental", "catalog.stockCode.barcodeTypeCode", typo);
  assert.deepEqual(stocks(h), [5, 5, 5]);
  h.settings.update({ catalog: { stockCode: { from: "barcode", barcodeTypeCode: "def" } } }); // Turkish_CI_AS
  await h.sync("full");
  assert.deepEqual(stocks(h), [7, 7, 7]);
});

Deno.test("a template's barcode type no barcode has does not stop the sync: it only picks the store's barcode", async () => {
  await using h = await syncHarness(ITEMS, {
    catalog: { stockCode: { from: "template", template: "{ItemCode}", barcodeTypeCode: "DFE" } },
  });
  const r = await h.sync("full");
  assert.equal(r.created, 3);
});

let n = 0;
const id = () => `00000000-0000-0000-0000-${String(++n).padStart(12, "0")}`;

/** A confirmed list of `group` in force since January, pricing every item at `price`. */
function list(h: SyncHarness, group: string, price: number): void {
  const header = id();
  h.data.insert("trPriceListHeader", {
    PriceListHeaderID: header,
    PriceListNumber: `PL-${n}`,
    PriceGroupCode: group,
    IsTaxIncluded: true,
    ValidDate: "2026-01-01",
  });
  for (const item of ITEMS) {
    h.data.insert("trPriceListLine", {
      PriceListLineID: id(),
      PriceListHeaderID: header,
      ItemTypeCode: 1,
      ItemCode: item.code,
      Price: price,
    });
  }
}

const prices = (h: SyncHarness) => CODES.map((c) => h.variant(c)?.variant.price);

Deno.test("a mistyped price group fails every cycle, naming Nebim's groups, until Nebim has lists of it", async () => {
  await using h = await syncHarness(ITEMS, {
    catalog: { priceSource: { kind: "priceList", priceGroupCode: "WEB" } },
  });
  list(h, "WEB", 100);
  await h.sync("full");
  assert.deepEqual(prices(h), [100, 100, 100]);
  h.settings.update({ catalog: { priceSource: { kind: "priceList", priceGroupCode: "WBE" } } });
  const typo = new RegExp(
    '^catalog\\.priceSource\\.priceGroupCode: "WBE" has no price-list line in force in Nebim .*; the groups ' +
      'with one are "WEB" — every item would be held for want of a price',
  );
  // Before, each cycle held every price and went on: the store kept the old ones, new items never came.
  await refused(h, "full", "catalog.priceSource.priceGroupCode", typo);
  await refused(h, "incremental", "catalog.priceSource.priceGroupCode", typo);
  list(h, "WBE", 150); // Nebim gains the group: the next cycle asks again, no setting changed
  await h.sync("full");
  assert.deepEqual(prices(h), [150, 150, 150]);
});

Deno.test("a mistyped base price code or language fails the cycle, naming the key, the value and Nebim's codes", async () => {
  await using h = await syncHarness(ITEMS);
  await h.sync("full");
  h.settings.update({ catalog: { priceSource: { kind: "basePrice", basePriceCode: 7 } } });
  await refused(
    h,
    "full",
    "catalog.priceSource.basePriceCode",
    /^catalog\.priceSource\.basePriceCode: 7 is the code of no base price in Nebim \(prItemBasePrice\) for catalog\.countryCode "TR"; the codes there are 1 — /,
  );
  h.settings.update({ catalog: { priceSource: { kind: "basePrice", basePriceCode: 1 }, langCode: "TK" } });
  await refused(
    h,
    "incremental",
    "catalog.langCode",
    /^catalog\.langCode: "TK" is the language of no item description in Nebim \(cdItemDesc\); the languages there are "TR" — no product would have a name/,
  );
  h.settings.update({ catalog: { langCode: "tr" } });
  await h.sync("full");
});
