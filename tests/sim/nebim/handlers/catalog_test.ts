import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import {
  barcodesQuery,
  itemCodesPageQuery,
  serverTimeQuery,
  sharedBarcodesQuery,
  variantsQuery,
} from "../../../../nebim/sql/queries.ts";
import { runRows, toRequest } from "../../../nebim/sql/handler_pool.ts";
import { fixture, NOW } from "../fixture.ts";

Deno.test("serverTime answers the data set's clock", async () => {
  const rows = await runRows(createNebimHandler(fixture()), serverTimeQuery());
  assert.deepEqual(rows, [{ ServerTime: NOW }]);
});

Deno.test("variants: every variant of the listed items with names and flags of both levels, in key order", async () => {
  const rows = await runRows(createNebimHandler(fixture()), variantsQuery(["KZK-0101"], "TR"));
  assert.deepEqual(rows, [
    {
      ItemCode: "KZK-0101",
      ColorCode: "EKR",
      ItemDim1Code: "S",
      ItemDim2Code: "",
      ItemDim3Code: "",
      ItemDescription: "Yün Kazak",
      ColorDescription: "Ekru ",
      ItemIsBlocked: false,
      ItemUseInternet: true,
      VariantIsBlocked: false,
      VariantUseInternet: false,
      ItemTaxGrCode: "%20",
    },
    {
      ItemCode: "KZK-0101",
      ColorCode: "LAC",
      ItemDim1Code: "S",
      ItemDim2Code: "",
      ItemDim3Code: "",
      ItemDescription: "Yün Kazak",
      ColorDescription: "Lacivert",
      ItemIsBlocked: false,
      ItemUseInternet: true,
      VariantIsBlocked: false,
      VariantUseInternet: true,
      ItemTaxGrCode: "%20",
    },
    {
      ItemCode: "KZK-0101",
      ColorCode: "LAC",
      ItemDim1Code: "XL",
      ItemDim2Code: "",
      ItemDim3Code: "",
      ItemDescription: "Yün Kazak",
      ColorDescription: "Lacivert",
      ItemIsBlocked: false,
      ItemUseInternet: true,
      VariantIsBlocked: true,
      VariantUseInternet: true,
      ItemTaxGrCode: "%20",
    },
  ]);
});

Deno.test("variants: the language parameter picks the descriptions", async () => {
  const rows = await runRows(createNebimHandler(fixture()), variantsQuery(["KZK-0101"], "en"));
  assert.deepEqual(rows.map((r) => [r.ItemDescription, r.ColorDescription]), [
    ["Wool sweater", null],
    ["Wool sweater", "Navy"],
    ["Wool sweater", "Navy"],
  ]);
});

Deno.test("variants: a dimensionless item without variant rows is one row with NULL variant columns", async () => {
  const rows = await runRows(createNebimHandler(fixture()), variantsQuery(["ESP-0420", "EMPTY-1"], "TR"));
  assert.deepEqual(rows, [{
    ItemCode: "ESP-0420",
    ColorCode: null,
    ItemDim1Code: null,
    ItemDim2Code: null,
    ItemDim3Code: null,
    ItemDescription: "  Keten Eşarp ",
    ColorDescription: null,
    ItemIsBlocked: true,
    ItemUseInternet: true,
    VariantIsBlocked: null,
    VariantUseInternet: null,
    ItemTaxGrCode: "%10",
  }]);
});

Deno.test("variants: codes match case- and trailing-space-blind; other item types and unlisted items never", async () => {
  const handler = createNebimHandler(fixture());
  const rows = await runRows(handler, variantsQuery(["tsh-0001  ", "SRV-1"], "TR"));
  assert.deepEqual(rows.map((r) => [r.ItemCode, r.ColorCode, r.ItemDescription]), [[
    "TSH-0001",
    "LAC",
    null,
  ]]);
  assert.deepEqual(await runRows(handler, variantsQuery(["NOPE"], "TR")), []);
});

Deno.test("variants: result columns carry schema.ts types (nvarchar lengths, bit flags, outer side nullable)", async () => {
  const q = variantsQuery(["KZK-0101"], "TR");
  const result = await createNebimHandler(fixture())(toRequest(q.sql, q.params));
  const cols = Object.fromEntries(result.resultSets[0]!.columns.map((c) => [c.name, c]));
  assert.deepEqual(cols.ItemCode, { name: "ItemCode", type: "nvarchar", length: 30, nullable: false });
  assert.deepEqual(cols.ColorCode, { name: "ColorCode", type: "nvarchar", length: 10, nullable: true });
  assert.deepEqual(cols.ItemDescription, {
    name: "ItemDescription",
    type: "nvarchar",
    length: 500,
    nullable: true,
  });
  assert.deepEqual(cols.ItemIsBlocked, { name: "ItemIsBlocked", type: "bit", nullable: false });
  assert.deepEqual(cols.VariantUseInternet, { name: "VariantUseInternet", type: "bit", nullable: true });
});

Deno.test("barcodes: only the configured type (compared case-blind), ordered by barcode", async () => {
  const rows = await runRows(createNebimHandler(fixture()), barcodesQuery(["KZK-0101", "ESP-0420"], "DEF"));
  assert.deepEqual(rows.map((r) => [r.ItemCode, r.ColorCode, r.ItemDim1Code, r.Barcode]), [
    ["kzk-0101", "lac", "s", "8690000000001"],
    ["KZK-0101", "LAC", "S", "8690000000002"],
    ["KZK-0101", "LAC", "XL", "8690000000003"],
    ["ESP-0420", "", "", "8690000000009"],
  ]);
  const ean = await runRows(createNebimHandler(fixture()), barcodesQuery(["KZK-0101"], "EAN"));
  assert.deepEqual(ean.map((r) => r.Barcode), ["EAN-LAC-S"]);
});

Deno.test("sharedBarcodes: rows per barcode as the statement counts them, per variant after SELECT DISTINCT", async () => {
  const data = fixture();
  const key = { ItemTypeCode: 1, ItemCode: "KZK-0101", ColorCode: "LAC", ItemDim1Code: "XL" };
  // 8690000000003 again on its own variant, under a pack unit.
  data.insert("prItemBarcode", {
    ...key,
    Barcode: "8690000000003",
    BarcodeTypeCode: "DEF",
    UnitOfMeasureCode: "PK",
  });
  const handler = createNebimHandler(data);
  assert.deepEqual((await runRows(handler, sharedBarcodesQuery("DEF"))).map((r) => r.Barcode), []);
  const perRow = `/* nebim:sharedBarcodes */
SELECT b.Barcode FROM prItemBarcode b WITH (NOLOCK)
WHERE b.ItemTypeCode = 1 AND b.BarcodeTypeCode = @barcodeTypeCode
GROUP BY b.Barcode HAVING COUNT(*) > 1`;
  const rows = await handler(toRequest(perRow, sharedBarcodesQuery("DEF").params));
  assert.deepEqual(rows.resultSets[0]!.rows, [["8690000000003"]]);
  // On a second variant it is shared either way.
  data.insert("prItemBarcode", {
    ...key,
    ItemDim1Code: "S",
    Barcode: "8690000000003",
    BarcodeTypeCode: "DEF",
  });
  assert.deepEqual((await runRows(handler, sharedBarcodesQuery("DEF"))).map((r) => r.Barcode), [
    "8690000000003",
  ]);
});

Deno.test("itemCodesPage: keyset pages of product codes in order, TOP applied, other item types left out", async () => {
  const handler = createNebimHandler(fixture());
  const page1 = await runRows(handler, itemCodesPageQuery("", 2));
  assert.deepEqual(page1.map((r) => r.ItemCode), ["EMPTY-1", "ESP-0420"]);
  const page2 = await runRows(handler, itemCodesPageQuery("ESP-0420", 2));
  assert.deepEqual(page2.map((r) => r.ItemCode), ["KZK-0101", "TSH-0001"]);
  const page3 = await runRows(handler, itemCodesPageQuery("TSH-0001", 2));
  assert.deepEqual(page3, []);
  // `>` compares like the ORDER BY: case-blind.
  const fromLower = await runRows(handler, itemCodesPageQuery("kzk-0101", 10));
  assert.deepEqual(fromLower.map((r) => r.ItemCode), ["TSH-0001"]);
});

Deno.test("itemCodesPage: an item inserted after the first page is seen by the next", async () => {
  const data = fixture();
  const handler = createNebimHandler(data);
  await runRows(handler, itemCodesPageQuery("", 10));
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "ZZZ-9", ItemDimTypeCode: 0 });
  const rows = await runRows(handler, itemCodesPageQuery("TSH-0001", 10));
  assert.deepEqual(rows.map((r) => r.ItemCode), ["ZZZ-9"]);
});

Deno.test("sharedBarcodes: the HAVING count as the statement has it (>= 1 holds every barcode)", async () => {
  const q = sharedBarcodesQuery("DEF");
  const shared = async (sql: string) =>
    (await runRows(createNebimHandler(fixture()), { ...q, sql })).map((r) => String(r.Barcode));
  assert.deepEqual(await shared(q.sql), []);
  assert.ok((await shared(q.sql.replace("COUNT(*) > 1", "COUNT(*) >= 1"))).length > 1);
});

Deno.test("itemCodesPage: without ORDER BY, TOP takes rows in the table's order, not the codes'", async () => {
  const data = fixture();
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "AAA-1", ItemDimTypeCode: 0 });
  const q = itemCodesPageQuery("", 1);
  const page = async (sql: string) =>
    (await runRows(createNebimHandler(data), { ...q, sql })).map((r) => String(r.ItemCode));
  assert.deepEqual(await page(q.sql), ["AAA-1"]);
  assert.deepEqual(await page(q.sql.replace(/\s+ORDER BY i\.ItemCode$/, "")), ["KZK-0101"]);
});
