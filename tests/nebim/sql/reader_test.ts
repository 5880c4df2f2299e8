import assert from "node:assert/strict";
import { createNebimReader } from "../../../nebim/sql/reader.ts";
import { translateSqlError } from "../../../nebim/sql/sql_error.ts";
import type { CatalogReadOptions, NebimVariant } from "../../../nebim/types.ts";
import { NebimDataSet } from "../../../sim/nebim/dataset.ts";
import { createNebimHandler } from "../../../sim/nebim/handlers/mod.ts";
import { fixture, NOW, SINCE, UNTIL } from "../../sim/nebim/fixture.ts";
import { handlerPool } from "./handler_pool.ts";
import { BASE_PRICES as BASE_PRICE_OPTIONS, OPTIONS as PRICE_LIST_OPTIONS } from "./wire.ts";

function reader(options: CatalogReadOptions, data = fixture(), seen: string[] = []) {
  return createNebimReader(handlerPool(createNebimHandler(data), seen), options, { pageSize: 2 });
}

const key = (itemCode: string, colorCode = "", itemDim1Code = "") => ({
  itemTypeCode: 1,
  itemCode,
  colorCode,
  itemDim1Code,
  itemDim2Code: "",
  itemDim3Code: "",
});
const byKey = (vs: NebimVariant[]) =>
  Object.fromEntries(vs.map((v) => [`${v.key.itemCode}/${v.key.colorCode}/${v.key.itemDim1Code}`, v]));

Deno.test("readItems assembles every variant: names, barcodes, flags, VAT, price-list cost, stock, reservations", async () => {
  const vs = await reader(PRICE_LIST_OPTIONS).readItems(
    ["KZK-0101", "esp-0420", "TSH-0001", "kzk-0101 "],
    NOW,
  );
  assert.equal(vs.length, 5);
  const v = byKey(vs);
  assert.deepEqual(v["KZK-0101/LAC/S"], {
    key: key("KZK-0101", "LAC", "S"),
    itemName: "Yün Kazak",
    colorName: "Lacivert",
    barcodes: ["8690000000001", "8690000000002"],
    itemBlocked: false,
    variantBlocked: false,
    itemUseInternet: true,
    variantUseInternet: true,
    taxGroupCode: "%20",
    vatRate: 20,
    costKurus: 12000,
    costCurrency: "TRY",
    costIncludesVat: true,
    onHand: 10,
    reserved: 3.5, // reserved 2 + 0.5 and 1 in picking, in MRK
  });
  assert.deepEqual(v["KZK-0101/LAC/XL"], {
    key: key("KZK-0101", "LAC", "XL"),
    itemName: "Yün Kazak",
    colorName: "Lacivert",
    barcodes: ["8690000000003"],
    itemBlocked: false,
    variantBlocked: true,
    itemUseInternet: true,
    variantUseInternet: true,
    taxGroupCode: "%20",
    vatRate: 20,
    costKurus: 11000,
    costCurrency: "USD",
    costIncludesVat: false,
    onHand: -2,
    reserved: 1, // its reservation moved on to a dispatch order
  });
  assert.equal(v["KZK-0101/EKR/S"]?.colorName, "Ekru");
  assert.equal(v["KZK-0101/EKR/S"]?.costKurus, 11000, "the disabled variant line is ignored: item level");
  assert.equal(v["KZK-0101/EKR/S"]?.variantUseInternet, false);
  assert.deepEqual(v["ESP-0420//"], {
    key: key("ESP-0420"),
    itemName: "Keten Eşarp",
    colorName: null,
    barcodes: ["8690000000009"],
    itemBlocked: true,
    variantBlocked: false,
    itemUseInternet: true,
    variantUseInternet: true,
    taxGroupCode: "%10",
    vatRate: 10,
    costKurus: null,
    costCurrency: null,
    costIncludesVat: null,
    onHand: 7,
    reserved: 0,
  });
  assert.deepEqual(
    [v["TSH-0001/LAC/"]?.itemName, v["TSH-0001/LAC/"]?.vatRate, v["TSH-0001/LAC/"]?.costKurus],
    [null, null, 89990],
    "NULL name; broken VAT chain; 899.9 exact",
  );
  assert.equal(v["TSH-0001/LAC/"]?.itemUseInternet, false);
});

/** A line of KZK-0101 on the fixture's WEB price list, its id ending in `id`. */
function webLine(data: NebimDataSet, id: string, fields: Record<string, unknown>): void {
  data.insert("trPriceListLine", {
    PriceListLineID: `00000000-0000-0000-0000-000000000${id}`,
    PriceListHeaderID: "00000000-0000-0000-0000-000000000101",
    ItemTypeCode: 1,
    ItemCode: "KZK-0101",
    ...fields,
  });
}

Deno.test("readItems: a colour-level price-list line beats the item-level one, the variant's own beats both", async () => {
  const data = fixture();
  webLine(data, "777", { ColorCode: "LAC", Price: 130 });
  const v = byKey(await reader(PRICE_LIST_OPTIONS, data).readItems(["KZK-0101"], NOW));
  assert.equal(v["KZK-0101/LAC/S"]?.costKurus, 12000);
  assert.equal(v["KZK-0101/LAC/XL"]?.costKurus, 13000);
  assert.equal(v["KZK-0101/EKR/S"]?.costKurus, 11000);
});

Deno.test("readItems: a size line with no colour holds the sizes it may price, never falls back to the item's line", async () => {
  const data = fixture();
  webLine(data, "778", { ColorCode: "", ItemDim1Code: "XL", Price: 140 });
  const v = byKey(await reader(PRICE_LIST_OPTIONS, data).readItems(["KZK-0101"], NOW));
  assert.equal(v["KZK-0101/LAC/XL"]?.costKurus, null);
  assert.match(v["KZK-0101/LAC/XL"]?.costUnreadable ?? "", /KZK-0101 for colour \(none\), dimension 1 XL/);
  assert.equal(v["KZK-0101/LAC/S"]?.costKurus, 12000, "its own line");
  assert.equal(v["KZK-0101/EKR/S"]?.costKurus, 11000, "another size: the item's line, as before");
  assert.equal(v["KZK-0101/EKR/S"]?.costUnreadable, undefined);
  // A line of its own still wins over the odd one.
  webLine(data, "779", { ColorCode: "LAC", ItemDim1Code: "XL", Price: 150 });
  const w = byKey(await reader(PRICE_LIST_OPTIONS, data).readItems(["KZK-0101"], NOW));
  assert.deepEqual([w["KZK-0101/LAC/XL"]?.costKurus, w["KZK-0101/LAC/XL"]?.costUnreadable], [
    15000,
    undefined,
  ]);
});

Deno.test("readItems with base prices: per item, currency from the row, VAT inclusion left to the setting", async () => {
  const v = byKey(await reader(BASE_PRICE_OPTIONS).readItems(["KZK-0101", "ESP-0420"], NOW));
  for (const k of ["KZK-0101/LAC/S", "KZK-0101/LAC/XL", "KZK-0101/EKR/S"]) {
    assert.deepEqual([v[k]?.costKurus, v[k]?.costCurrency, v[k]?.costIncludesVat], [31000, "TRY", null], k);
  }
  assert.equal(v["ESP-0420//"]?.costKurus, 8450);
});

Deno.test("readItems: without reservation subtraction or warehouses those queries are not sent", async () => {
  const seen: string[] = [];
  const v = byKey(
    await reader({ ...PRICE_LIST_OPTIONS, subtractReservations: false }, fixture(), seen).readItems([
      "KZK-0101",
    ], NOW),
  );
  assert.equal(v["KZK-0101/LAC/S"]?.reserved, 0);
  assert.equal(v["KZK-0101/LAC/S"]?.onHand, 10);
  assert.ok(!seen.some((s) => s.includes("nebim:reserved")));
  const none: string[] = [];
  const w = byKey(
    await reader({ ...PRICE_LIST_OPTIONS, warehouses: [] }, fixture(), none).readItems(["KZK-0101"], NOW),
  );
  assert.equal(w["KZK-0101/LAC/S"]?.onHand, 0);
  assert.ok(!none.some((s) => s.includes("nebim:onHand") || s.includes("nebim:reserved")));
});

Deno.test("readItems: VAT is read once per asOf; IN-lists are padded to a few fixed sizes", async () => {
  const seen: string[] = [];
  const r = reader(PRICE_LIST_OPTIONS, fixture(), seen);
  await r.readItems(["KZK-0101", "ESP-0420", "TSH-0001"], NOW);
  await r.readItems(["KZK-0101"], NOW);
  assert.equal(seen.filter((s) => s.includes("nebim:vatRates")).length, 1);
  await r.readItems(["KZK-0101"], new Date(NOW.getTime() + 30_000));
  assert.equal(seen.filter((s) => s.includes("nebim:vatRates")).length, 2);
  const variants = seen.find((s) => s.includes("nebim:variants"))!;
  assert.match(variants, /@i3\)/);
  assert.doesNotMatch(variants, /@i4/);
});

Deno.test("readItems: a sync batch of 129–200 codes is padded to 200, not 256", async () => {
  const seen: string[] = [];
  const codes = Array.from({ length: 150 }, (_, i) => `IT-${String(i).padStart(4, "0")}`);
  await reader(BASE_PRICE_OPTIONS, fixture(), seen).readItems(codes, NOW);
  const variants = seen.find((s) => s.includes("nebim:variants"))!;
  assert.match(variants, /@i199\)/);
  assert.doesNotMatch(variants, /@i200/);
});

Deno.test("readItems: 600 items go in two batches under the 2100-parameter cap; every variant comes back", async () => {
  const data = new NebimDataSet({ clock: () => NOW });
  const codes = Array.from({ length: 600 }, (_, i) => `IT-${String(i).padStart(4, "0")}`);
  for (const c of codes) data.insert("cdItem", { ItemTypeCode: 1, ItemCode: c, ItemDimTypeCode: 0 });
  const seen: string[] = [];
  const vs = await reader(BASE_PRICE_OPTIONS, data, seen).readItems(codes, NOW);
  assert.deepEqual(vs.map((v) => v.key.itemCode).sort(), codes);
  const batches = seen.filter((s) => s.includes("nebim:variants"));
  assert.equal(batches.length, 2);
  for (const sql of seen) assert.ok((sql.match(/@\w+/g) ?? []).length <= 2100);
});

Deno.test("readItems matches rows as Turkish_CI_AS does: 'kazaki' rows belong to KAZAKİ, not to KAZAKI", async () => {
  const data = new NebimDataSet({ clock: () => NOW });
  const row = { ItemTypeCode: 1, ColorCode: "", ItemDim1Code: "", ItemDim2Code: "", ItemDim3Code: "" };
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "KAZAKİ", ItemDimTypeCode: 0 });
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "KAZAKI", ItemDimTypeCode: 0 });
  data.insert("prItemBarcode", { ...row, Barcode: "B-DOTTED", BarcodeTypeCode: "DEF", ItemCode: "kazaki" });
  data.insert("prItemBarcode", { ...row, Barcode: "B-DOTLESS", BarcodeTypeCode: "DEF", ItemCode: "kazakı" });
  data.insert("trStock", { ...row, StockID: 1, ItemCode: "kazaki", WarehouseCode: "MRK", In_Qty1: 5 });
  const r = reader(BASE_PRICE_OPTIONS, data);
  const both = byKey(await r.readItems(["kazaki", "KAZAKI"], NOW));
  assert.deepEqual(Object.keys(both).sort(), ["KAZAKI//", "KAZAKİ//"]);
  assert.deepEqual(both["KAZAKİ//"]!.barcodes, ["B-DOTTED"]);
  assert.equal(both["KAZAKİ//"]!.onHand, 5);
  assert.deepEqual(both["KAZAKI//"]!.barcodes, ["B-DOTLESS"]);
  assert.equal(both["KAZAKI//"]!.onHand, 0);
  // The lower-case code asks for its own item only.
  assert.deepEqual((await r.readItems(["kazaki"], NOW)).map((v) => v.key.itemCode), ["KAZAKİ"]);
});

Deno.test("readItemRun reads a page's run by key range: readItems' variants, two item parameters, an item added since comes along", async () => {
  const data = fixture();
  const seen: string[] = [];
  const r = reader(PRICE_LIST_OPTIONS, data, seen);
  const pages: string[][] = [];
  for await (const page of r.allItemCodes()) pages.push(page);
  const run = pages.flat().slice(1, 3);
  assert.deepEqual(run, ["ESP-0420", "KZK-0101"]);
  const listed = await r.readItems(run, NOW);
  seen.length = 0;
  assert.deepEqual(byKey(await r.readItemRun(run, NOW)), byKey(listed));
  assert.ok(seen.length > 0);
  for (const sql of seen) assert.doesNotMatch(sql, /@i0\b/);
  assert.ok(seen.filter((s) => /@itemFirst\b/.test(s)).length >= 4);
  // Bounds compare as the server's collation does; an item listed after the page was read is inside the run.
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "fot-0001", ItemDimTypeCode: 0 });
  const after = await r.readItemRun(["esp-0420", "kzk-0101 "], NOW);
  assert.deepEqual(
    [...new Set(after.map((v) => v.key.itemCode))].sort(),
    ["ESP-0420", "KZK-0101", "fot-0001"],
  );
  assert.deepEqual(await r.readItemRun([], NOW), []);
});

Deno.test("readItems of no codes sends nothing", async () => {
  const seen: string[] = [];
  assert.deepEqual(await reader(PRICE_LIST_OPTIONS, fixture(), seen).readItems([], NOW), []);
  assert.deepEqual(seen, []);
});

Deno.test("serverTime, changedItemCodes and allItemCodes pages", async () => {
  const data = fixture();
  data.insert("trStock", {
    StockID: 50,
    ItemTypeCode: 1,
    ItemCode: "tsh-0001",
    WarehouseCode: "MRK",
    LastUpdatedDate: "2026-11-10T10:30:00.000",
  });
  data.insert("prItemBarcode", {
    Barcode: "NEW",
    BarcodeTypeCode: "DEF",
    ItemTypeCode: 1,
    ItemCode: "TSH-0001",
    LastUpdatedDate: "2026-11-10T10:31:00.000",
  });
  const r = reader(PRICE_LIST_OPTIONS, data);
  assert.deepEqual(await r.serverTime(), NOW);
  const changed = await r.changedItemCodes(SINCE, UNTIL);
  assert.equal(changed.length, 1);
  assert.equal(changed[0]?.toUpperCase(), "TSH-0001");
  const pages: string[][] = [];
  for await (const page of r.allItemCodes()) pages.push(page);
  assert.deepEqual(pages, [["EMPTY-1", "ESP-0420"], ["KZK-0101", "TSH-0001"]]);
});

Deno.test("verifySchema: everything present against the simulator; close closes the pool", async () => {
  const pool = handlerPool(createNebimHandler(fixture()));
  const r = createNebimReader(pool, PRICE_LIST_OPTIONS);
  assert.deepEqual(await r.verifySchema(), {
    ok: true,
    missing: [],
    collations: ["Turkish_CI_AS"],
    types: [],
  });
  await r.close();
  assert.equal(pool.closed, true);
});

Deno.test("readItems: a VatRate that is no number (text, NULL in a customised cdVat) is no rate, never NaN or 0 %", async () => {
  for (const odd of ["%20", "", null, true]) {
    const handler = createNebimHandler(fixture());
    const pool = handlerPool(async (req) => {
      const result = await handler(req);
      if (!req.sql.includes("nebim:vatRates")) return result;
      const [set] = result.resultSets;
      const at = set!.columns.findIndex((c) => c.name === "VatRate");
      return { resultSets: [{ ...set!, rows: set!.rows.map((r) => r.map((v, i) => (i === at ? odd : v))) }] };
    });
    const vs = await createNebimReader(pool, PRICE_LIST_OPTIONS).readItems(["KZK-0101"], NOW);
    assert.ok(vs.length > 0);
    for (const v of vs) assert.equal(v.vatRate, null, `${String(odd)}: ${v.taxGroupCode} ${v.vatRate}`);
  }
});

Deno.test("databaseCreated: when SQL Server made the database, anew after a RESTORE; a login denied the view reads it as not known", async () => {
  const data = new NebimDataSet({ clock: () => new Date("2026-11-02T08:15:00.000Z") });
  assert.equal(await reader(PRICE_LIST_OPTIONS, data).databaseCreated(), "2026-11-02T08:15:00.000Z");
  const later = new NebimDataSet({ clock: () => new Date("2026-11-30T23:40:12.347Z") });
  later.restored();
  assert.equal(await reader(PRICE_LIST_OPTIONS, later).databaseCreated(), "2026-11-30T23:40:12.347Z");
  // `DENY SELECT ON sys.databases`: 229, as for any object; every other error still fails the cycle.
  const failing = (number: number) =>
    createNebimReader({
      query: () =>
        Promise.reject(translateSqlError({ number, message: "denied or gone" }, "", "reading sys.databases")),
      close: () => Promise.resolve(),
    }, PRICE_LIST_OPTIONS);
  assert.equal(await failing(229).databaseCreated(), "");
  await assert.rejects(failing(4060).databaseCreated(), /denied or gone/);
});
