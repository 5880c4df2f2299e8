/**
 * The Nebim data-set file (DESIGN §9): the shipped example loads as it is, every malformed case is a
 * DataSetError naming table, row and column, extra columns are kept, defaults are filled, and a generated
 * data set survives its file form unchanged.
 */
import assert from "node:assert/strict";
import { DataSetError, NebimDataSet } from "../../../sim/nebim/dataset.ts";
import { generateNebim } from "../../../sim/generate/nebim.ts";
import { NEBIM_TABLES } from "../../../sim/nebim/schema.ts";

const NOW = new Date("2026-11-10T12:00:00.123Z");
const clock = () => NOW;
const EXAMPLE = new URL("../../../examples/nebim-dataset.example.json", import.meta.url);

/** One valid cdItem row; cases spread a change over it. */
const ITEM = { ItemTypeCode: 1, ItemCode: "KZK-0101" };

/** Loads `data` expecting a DataSetError; returns it for the caller's checks. */
function loadError(data: unknown): DataSetError {
  try {
    NebimDataSet.fromJson(data, { clock });
  } catch (e) {
    assert.ok(e instanceof DataSetError, `expected a DataSetError, got ${e}`);
    return e;
  }
  assert.fail("the data set loaded, but it is malformed");
}

/** Asserts the error names table, row and column both as fields and in its message. */
function assertNames(e: DataSetError, table: string, row: number | undefined, column: string | undefined) {
  assert.deepEqual([e.table, e.row, e.column], [table, row, column]);
  assert.match(e.message, new RegExp(`\\b${table}\\b`));
  if (row !== undefined) assert.match(e.message, new RegExp(`row ${row}\\b`));
  if (column !== undefined) assert.match(e.message, new RegExp(`\\b${column}\\b`));
}

Deno.test("fromJson() loads the shipped example data set as it is", async () => {
  const json = JSON.parse(await Deno.readTextFile(EXAMPLE));
  const ds = NebimDataSet.fromJson(json, { clock });
  for (const [table, rows] of Object.entries(json as Record<string, unknown[]>)) {
    assert.equal(ds.rows(table).length, rows.length, table);
  }
  assert.deepEqual(ds.rows("cdItem").map((r) => r.ItemCode), ["KZK-0101", "ESP-0420"]);
  const price = ds.rows("prItemBasePrice")[0]!;
  assert.deepEqual([price.Price, price.PriceDate], [310, new Date("2026-10-01T00:00:00Z")]);
  assert.equal(ds.rows("cdItemDesc")[0]!.ItemDescription, "Yün Kazak Örgü");
});

Deno.test("fromJson(): a missing required column names table, row and column", () => {
  const e = loadError({ cdItem: [ITEM, { ItemTypeCode: 1 }] });
  assertNames(e, "cdItem", 1, "ItemCode");
  assert.match(e.message, /missing required column/);
});

Deno.test("fromJson(): an unknown table is named, with the tables that are known", () => {
  const e = loadError({ cdItem: [ITEM], cdItems: [] });
  assertNames(e, "cdItems", undefined, undefined);
  assert.match(e.message, /unknown table/);
  assert.match(e.message, /prItemVariant/);
});

Deno.test("fromJson(): table names compare case-insensitively, as SQL Server's do", () => {
  const ds = NebimDataSet.fromJson({ CDITEM: [ITEM] }, { clock });
  assert.equal(ds.rows("cdItem").length, 1);
});

Deno.test("fromJson(): column names compare case-insensitively too: FOR JSON writes them as the SELECT spelt them", () => {
  // `SELECT itemcode, isblocked, usEInternet FROM cdItem FOR JSON PATH` runs on Nebim's case-insensitive
  // database and writes those keys: the blocked, not-for-internet item loaded unblocked and for sale.
  const ds = NebimDataSet.fromJson({
    cdItem: [{ ItemTypeCode: 1, itemcode: "KZK-0101", isblocked: 1, usEInternet: false }],
  }, { clock });
  const row = ds.rows("cdItem")[0]!;
  assert.deepEqual([row.ItemCode, row.IsBlocked, row.UseInternet], ["KZK-0101", true, false]);
  assert.equal("isblocked" in row, false, "not kept beside it as an extra column");
  assertNames(
    loadError({ cdItem: [{ ...ITEM, IsBlocked: false, ISBLOCKED: true }] }),
    "cdItem",
    0,
    "ISBLOCKED",
  );
});

Deno.test("fromJson(): a duplicate key names table, row and the key's columns and values", () => {
  const e = loadError({ cdItem: [ITEM, { ...ITEM, ItemCode: "ESP-0420" }, ITEM] });
  assertNames(e, "cdItem", 2, "ItemTypeCode");
  assert.match(e.message, /duplicate key \(ItemTypeCode, ItemCode\) = \(1, "KZK-0101"\)/);
});

Deno.test("fromJson(): keys differing only in letter case collide (case-insensitive collation)", () => {
  const e = loadError({ cdItem: [ITEM, { ...ITEM, ItemCode: "kzk-0101" }] });
  assertNames(e, "cdItem", 1, "ItemTypeCode");
  assert.match(e.message, /duplicate key/);
  // The same holds for a key column that defaults: "" and "" collide across the dimension columns.
  const key = { ItemTypeCode: 1, ItemCode: "ESP-0420" };
  assertNames(
    loadError({ prItemVariant: [key, { ...key, ColorCode: "" }] }),
    "prItemVariant",
    1,
    "ItemTypeCode",
  );
});

Deno.test("fromJson(): keys collide as under Turkish_CI_AS: i with İ and a trailing space, never i with I", () => {
  const item = (ItemCode: string) => ({ ...ITEM, ItemCode });
  assert.match(loadError({ cdItem: [item("KAZAKİ"), item("kazaki ")] }).message, /duplicate key/);
  assert.match(loadError({ cdItem: [item("KAZAKI"), item("kazakı")] }).message, /duplicate key/);
  const ds = NebimDataSet.fromJson({ cdItem: [item("KAZAKİ"), item("KAZAKI")] }, { clock });
  assert.equal(ds.rows("cdItem").length, 2);
});

Deno.test("fromJson(): text in a number column names table, row and column", () => {
  const price = { ItemTypeCode: 1, ItemCode: "A", BasePriceCode: 1, Price: 10 };
  assertNames(
    loadError({ prItemBasePrice: [price, { ...price, ItemCode: "B", Price: "on TL" }] }),
    "prItemBasePrice",
    1,
    "Price",
  );
  const e = loadError({ cdItem: [{ ...ITEM, ItemTypeCode: "bir" }] });
  assertNames(e, "cdItem", 0, "ItemTypeCode");
  assert.match(e.message, /must be an integer \(got "bir"\)/);
  assertNames(loadError({ cdItem: [{ ...ITEM, ItemDimTypeCode: 1.5 }] }), "cdItem", 0, "ItemDimTypeCode");
});

Deno.test("fromJson(): numbers written as text load as numbers (some exports quote them)", () => {
  const ds = NebimDataSet.fromJson({
    prItemBasePrice: [{ ItemTypeCode: "1", ItemCode: "A", BasePriceCode: "1", Price: "310.5000" }],
  }, { clock });
  const row = ds.rows("prItemBasePrice")[0]!;
  assert.deepEqual([row.ItemTypeCode, row.BasePriceCode, row.Price], [1, 1, 310.5]);
});

Deno.test("fromJson(): a bad date names table, row and column and shows the format", () => {
  for (const bad of ["2026-02-30", "01.11.2026", "yarın", 20261101]) {
    const e = loadError({ cdItem: [{ ...ITEM, LastUpdatedDate: bad }] });
    assertNames(e, "cdItem", 0, "LastUpdatedDate");
    assert.match(e.message, /must be a date text such as 2026-11-01T10:00:00\.000/, String(bad));
  }
});

Deno.test("fromJson(): the date forms SQL Server's FOR JSON writes all load", () => {
  const ds = NebimDataSet.fromJson({
    cdItem: [
      { ...ITEM, ItemCode: "A", LastUpdatedDate: "2026-11-01T10:00:00" },
      { ...ITEM, ItemCode: "B", LastUpdatedDate: "2026-11-01T10:00:00.123" },
      { ...ITEM, ItemCode: "C", LastUpdatedDate: "2026-11-01 10:00:00" },
    ],
    prItemBasePrice: [{
      ItemTypeCode: 1,
      ItemCode: "A",
      BasePriceCode: 1,
      Price: 1,
      PriceDate: "2026-10-01",
    }],
  }, { clock });
  assert.deepEqual(ds.rows("cdItem").map((r) => (r.LastUpdatedDate as Date).toISOString()), [
    "2026-11-01T10:00:00.000Z",
    "2026-11-01T10:00:00.123Z",
    "2026-11-01T10:00:00.000Z",
  ]);
  assert.equal((ds.rows("prItemBasePrice")[0]!.PriceDate as Date).toISOString(), "2026-10-01T00:00:00.000Z");
});

Deno.test("fromJson(): a bad bit names table, row and column", () => {
  for (const bad of ["evet", 2, "true"]) {
    const e = loadError({ cdItem: [{ ...ITEM, IsBlocked: bad }] });
    assertNames(e, "cdItem", 0, "IsBlocked");
    assert.match(e.message, /must be true\/false or 0\/1/);
  }
  const ds = NebimDataSet.fromJson({ cdItem: [{ ...ITEM, IsBlocked: 1, UseInternet: 0 }] }, { clock });
  assert.deepEqual([ds.rows("cdItem")[0]!.IsBlocked, ds.rows("cdItem")[0]!.UseInternet], [true, false]);
});

Deno.test("fromJson(): a value longer than its column names table, row, column and the length", () => {
  const e = loadError({ cdItem: [{ ...ITEM, ItemCode: "X".repeat(31) }] });
  assertNames(e, "cdItem", 0, "ItemCode");
  assert.match(e.message, /longer than nvarchar\(30\)/);
  // 30 characters fit: the limit counts characters, Turkish letters included.
  const ok = NebimDataSet.fromJson({ cdItem: [{ ...ITEM, ItemCode: "Ş".repeat(30) }] }, { clock });
  assert.equal(ok.rows("cdItem").length, 1);
});

Deno.test("fromJson(): null in a NOT NULL column, and a bad uniqueidentifier, are named", () => {
  assertNames(loadError({ cdItem: [{ ...ITEM, ItemDimTypeCode: null }] }), "cdItem", 0, "ItemDimTypeCode");
  const e = loadError({ trOrderHeader: [{ OrderHeaderID: "not-a-guid" }] });
  assertNames(e, "trOrderHeader", 0, "OrderHeaderID");
  assert.match(e.message, /uniqueidentifier/);
});

Deno.test("fromJson(): a row that is not an object names table and row", () => {
  for (const bad of ["KZK-0101", null, [1, "KZK-0101"]]) {
    const e = loadError({ cdItem: [ITEM, bad] });
    assertNames(e, "cdItem", 1, undefined);
    assert.match(e.message, /expected an object/);
  }
});

Deno.test("fromJson(): a table that is not an array names the table", () => {
  for (const bad of [ITEM, "KZK-0101", null]) {
    const e = loadError({ cdItem: bad });
    assertNames(e, "cdItem", undefined, undefined);
    assert.match(e.message, /expected an array of rows/);
  }
});

Deno.test("fromJson(): a document that is not one object says what is expected", () => {
  for (const bad of [[{ cdItem: [] }], "cdItem", 42, null]) {
    const e = loadError(bad);
    assert.equal(e.table, "");
    assert.match(e.message, /expected one JSON object of table name → rows/);
  }
});

Deno.test("fromJson(): columns the schema does not know are kept as they are", () => {
  const ds = NebimDataSet.fromJson({
    cdItem: [{ ...ITEM, ProductHierarchyID: 12, RowGuid: "X", UseStore: true }],
  }, { clock });
  const row = ds.rows("cdItem")[0]!;
  assert.deepEqual([row.ProductHierarchyID, row.RowGuid, row.UseStore], [12, "X", true]);
});

Deno.test("fromJson(): left-out columns get Nebim's defaults; dates the load time, rounded as datetime", () => {
  const ds = NebimDataSet.fromJson({
    cdItem: [ITEM],
    cdItemDesc: [{ ...ITEM, LangCode: "TR" }],
    prItemBasePrice: [{ ItemTypeCode: 1, ItemCode: "KZK-0101", BasePriceCode: 1, Price: 310 }],
    trOrderHeader: [{ ProcessCode: "R", OrderNumber: "1-R-7-1", CurrAccTypeCode: 4, CurrAccCode: "WEB001" }],
  }, { clock });
  const item = ds.rows("cdItem")[0]!;
  assert.deepEqual(
    [item.ItemDimTypeCode, item.ItemTaxGrCode, item.UseInternet, item.IsBlocked, item.CreatedUserName],
    [0, "", true, false, "V3"],
  );
  // datetime keeps 1/300 s: .123 becomes .123 (37 ticks = 123.33 ms → 123).
  assert.equal((item.LastUpdatedDate as Date).toISOString(), "2026-11-10T12:00:00.123Z");
  assert.equal(ds.rows("cdItemDesc")[0]!.ItemDescription, null);
  const price = ds.rows("prItemBasePrice")[0]!;
  assert.deepEqual(
    [price.CountryCode, price.SeasonCode, price.CurrencyCode, (price.PriceDate as Date).toISOString()],
    ["", "", "TRY", "2026-11-10T00:00:00.000Z"],
  );
  assert.match(
    String(ds.rows("trOrderHeader")[0]!.OrderHeaderID),
    /^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/,
  );
});

Deno.test("a generated data set round-trips through JSON text unchanged", () => {
  const generated = generateNebim({ variants: 40, seed: 5, anomalies: true, clock });
  const json = generated.data.toJson();
  assert.ok(Object.keys(json).length >= 10, "most tables carry rows");
  const again = NebimDataSet.fromJson(JSON.parse(JSON.stringify(json)), { clock });
  assert.deepEqual(again.toJson(), json);
  for (const t of NEBIM_TABLES) {
    assert.equal(again.rows(t.name).length, generated.data.rows(t.name).length, t.name);
  }
});

Deno.test("NebimDataSet.fromJson() refuses dates that would roll over (month 13, minute 61)", () => {
  for (const bad of ["2026-13-01", "2026-02-30", "2026-11-01T10:61:00"]) {
    assert.throws(
      () =>
        NebimDataSet.fromJson({
          prItemBasePrice: [{ ItemTypeCode: 1, ItemCode: "A", BasePriceCode: 1, Price: 1, PriceDate: bad }],
        }),
      /prItemBasePrice row 0: column "PriceDate"/,
      bad,
    );
  }
});

Deno.test("NebimDataSet.toJson() writes extra columns back out", () => {
  const ds = NebimDataSet.fromJson({ cdWarehouse: [{ WarehouseCode: "W01", WarehouseDescription: "Web" }] });
  assert.equal(ds.toJson().cdWarehouse![0]!.WarehouseDescription, "Web");
});

Deno.test("fromJson(): a time loads from FOR JSON's text as that time on 1970-01-01; the defaults fill in", () => {
  const header = {
    PriceListHeaderID: "00000000-0000-0000-0000-000000000001",
    PriceListNumber: "1",
    PriceGroupCode: "W",
  };
  const ds = NebimDataSet.fromJson({
    trPriceListHeader: [{ ...header, ValidDate: "2026-11-20", ValidTime: "14:00:00.1234567" }],
    trPriceListLine: [{
      PriceListLineID: "00000000-0000-0000-0000-000000000002",
      PriceListHeaderID: header.PriceListHeaderID,
      ItemTypeCode: 1,
      ItemCode: "A",
      Price: 1,
    }],
  }, { clock });
  const [h] = ds.rows("trPriceListHeader");
  assert.deepEqual(h!.ValidTime, new Date("1970-01-01T14:00:00.123Z"));
  const [l] = ds.rows("trPriceListLine");
  assert.deepEqual([l!.ValidDate, l!.ValidTime], [new Date("1900-01-01T00:00:00Z"), new Date(0)]);
  assert.equal(ds.toJson().trPriceListHeader![0]!.ValidTime, "14:00:00.123");
  for (const bad of ["24:00:00", "2 pm", 1400]) {
    const e = loadError({ trPriceListHeader: [{ ...header, ValidTime: bad }] });
    assertNames(e, "trPriceListHeader", 0, "ValidTime");
  }
});
