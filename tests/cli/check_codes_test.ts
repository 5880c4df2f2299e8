/**
 * `check` proves the other Nebim codes the catalog settings name — the price source's base price code or price
 * group, the barcode type, the descriptions' language — by the rows the sync reads them from, one line each,
 * through the real driver and the simulators: SQL Server takes any code, and a typo would hold every item (no
 * price, no stock code) or name none, first seen in the first sync.
 */
import assert from "node:assert/strict";
import { NebimDataSet } from "../../sim/nebim/dataset.ts";
import { checkCatalog } from "../support/check_sims.ts";

const item = { ItemTypeCode: 1, ItemCode: "KZK-0101" };
const variant = { ...item, ColorCode: "LAC", ItemDim1Code: "S", ItemDim2Code: "", ItemDim3Code: "" };
const guid = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;
const [WEB, DRAFT, LATER, OFF, PACK] = [guid(101), guid(102), guid(103), guid(104), guid(105)];
const header = (id: string, group: string, valid: string, more: Record<string, unknown> = {}) => ({
  PriceListHeaderID: id,
  PriceListNumber: group,
  PriceListDate: "2020-01-01",
  PriceGroupCode: group,
  ValidDate: valid,
  ...more,
});
const line = (id: number, headerId: string, more: Record<string, unknown> = {}) => ({
  PriceListLineID: guid(id),
  PriceListHeaderID: headerId,
  ...variant,
  Price: 100,
  ...more,
});

/** One item with its base prices, price lists, barcodes and descriptions; the codes it does not use are typos. */
function data(): NebimDataSet {
  return NebimDataSet.fromJson({
    cdWarehouse: [{ WarehouseCode: "W01" }],
    cdItem: [{ ...item, ItemDimTypeCode: 2, UnitOfMeasureCode1: "AD" }],
    cdItemDesc: [
      { ...item, LangCode: "TR", ItemDescription: "Yün Kazak" },
      { ...item, LangCode: "EN", ItemDescription: "Wool sweater" },
    ],
    prItemVariant: [variant],
    prItemBarcode: [
      { ...variant, Barcode: "8690000000002", BarcodeTypeCode: "DEF" },
      // A pack's barcode is no stock code (research/nebim.md §5.4): its type does not count.
      { ...variant, Barcode: "8690000000019", BarcodeTypeCode: "KOLI", Qty: 6 },
    ],
    prItemBasePrice: [
      { ...item, CountryCode: "TR", SeasonCode: "", BasePriceCode: 1, PriceDate: "2026-01-01", Price: 310 },
      { ...item, CountryCode: "TR", SeasonCode: "", BasePriceCode: 3, PriceDate: "2026-01-01", Price: 500 },
      { ...item, CountryCode: "DE", SeasonCode: "", BasePriceCode: 7, PriceDate: "2026-01-01", Price: 20 },
    ],
    trPriceListHeader: [
      header(WEB, "WEB", "2020-01-01"),
      header(DRAFT, "TASLAK", "2020-01-01", { IsConfirmed: false }),
      header(LATER, "GELECEK", "2999-01-01"),
      header(OFF, "KAPALI", "2020-01-01"),
      header(PACK, "KOLI", "2020-01-01"),
    ],
    trPriceListLine: [
      line(1, WEB),
      line(2, DRAFT),
      line(3, LATER),
      line(4, OFF, { IsDisabled: true }),
      // A box's price beside the piece's: the sync reads only lines in the item's own unit.
      line(5, PACK, { UnitOfMeasureCode: "KOLI" }),
    ],
  });
}

function check(catalog: Record<string, unknown>): Promise<{ code: number; lines: string[] }> {
  return checkCatalog(data(), catalog);
}

/** `check` fails with exactly this line about the code (and no other), naming the key and the value. */
async function failsWith(catalog: Record<string, unknown>, label: string, reason: string): Promise<void> {
  const { code, lines } = await check(catalog);
  assert.equal(code, 1, lines.join("\n"));
  assert.deepEqual(lines.filter((l) => l.startsWith("FAIL")), [`FAIL  Nebim ${label}: ${reason}`]);
  assert.equal(lines.at(-1), "1 check(s) failed");
}

const HELD = "every item would be held for want of a price";

Deno.test("check passes the codes Nebim's rows use, in any case, one line each", async () => {
  const base = await check({ langCode: "en", stockCode: { from: "barcode", barcodeTypeCode: "def" } });
  assert.equal(base.code, 0, base.lines.join("\n"));
  for (
    const l of [
      "ok    Nebim base price code 1: Nebim has base prices of it (prItemBasePrice)",
      "ok    Nebim barcode type def: Nebim has barcodes of it (prItemBarcode)",
      "ok    Nebim language en: Nebim has item descriptions in it (cdItemDesc)",
    ]
  ) {
    assert.ok(base.lines.includes(l), `${l}\n${base.lines.join("\n")}`);
  }
  const list = await check({ priceSource: { kind: "priceList", priceGroupCode: "web" } });
  assert.equal(list.code, 0, list.lines.join("\n"));
  assert.ok(
    list.lines.includes("ok    Nebim price group web: Nebim has price-list lines of it in force"),
    list.lines.join("\n"),
  );
});

Deno.test("check fails a base price code no price of the country has, naming the key and the codes there", async () => {
  await failsWith(
    { priceSource: { kind: "basePrice", basePriceCode: 7 } },
    "base price code 7",
    "catalog.priceSource.basePriceCode: 7 is the code of no base price in Nebim (prItemBasePrice) for " +
      `catalog.countryCode "TR"; the codes there are 1, 3 — ${HELD}: set the code of the prices to sell at ` +
      "(bsBasePriceDesc names each)",
  );
});

Deno.test("check fails a base price code when no base price has catalog.countryCode, naming that key too", async () => {
  await failsWith(
    { countryCode: "TX" },
    "base price code 1",
    "catalog.priceSource.basePriceCode: 1 is the code of no base price in Nebim (prItemBasePrice) for " +
      `catalog.countryCode "TX"; no base price has that country: check catalog.countryCode too — ${HELD}: set ` +
      "the code of the prices to sell at (bsBasePriceDesc names each)",
  );
});

Deno.test("check fails a price group with no confirmed, completed price-list line in force in the item's unit", async () => {
  for (const group of ["WBE", "TASLAK", "GELECEK", "KAPALI", "KOLI"]) {
    await failsWith(
      { priceSource: { kind: "priceList", priceGroupCode: group } },
      `price group ${group}`,
      `catalog.priceSource.priceGroupCode: "${group}" has no price-list line in force in Nebim (trPriceListLine, ` +
        "in the item's own unit, not disabled, of a confirmed and completed trPriceListHeader of that PriceGroupCode, valid now); the " +
        `groups with one are "WEB" — ${HELD}: set the price group whose lists price the store's items`,
    );
  }
});

Deno.test("check fails a barcode type no unit barcode has when stock codes are barcodes; warns for a template", async () => {
  const reason = (then: string) =>
    'catalog.stockCode.barcodeTypeCode: "KOLI" is the type of no unit barcode in Nebim (prItemBarcode, Qty 1); ' +
    `the types there are "DEF" — ${then}: set the type of the barcodes to sell by`;
  await failsWith(
    { stockCode: { from: "barcode", barcodeTypeCode: "KOLI" } },
    "barcode type KOLI",
    reason("every variant would be held for want of a stock code"),
  );
  const { code, lines } = await check({
    stockCode: { from: "template", template: "{ItemCode}-{ColorCode}", barcodeTypeCode: "KOLI" },
  });
  assert.equal(code, 0, lines.join("\n"));
  assert.ok(
    lines.includes(
      `WARN  Nebim barcode type KOLI: ${
        reason("the store would get no barcode of Nebim's, each variant's stock code in its place")
      }`,
    ),
    lines.join("\n"),
  );
});

Deno.test("check fails a language no item description is in", async () => {
  await failsWith(
    { langCode: "TK" },
    "language TK",
    'catalog.langCode: "TK" is the language of no item description in Nebim (cdItemDesc); the languages there ' +
      'are "EN", "TR" — no product would have a name, and none is created without one: set the language of the ' +
      "names to show",
  );
});
