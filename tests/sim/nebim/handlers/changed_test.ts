import assert from "node:assert/strict";
import type { NebimDataSet } from "../../../../sim/nebim/dataset.ts";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import { type ChangedItemsInput, changedItemsQuery } from "../../../../nebim/sql/queries.ts";
import { runRows } from "../../../nebim/sql/handler_pool.ts";
import { commit as commitStock, variantKey } from "../../../support/catalog.ts";
import { CHANGED as BASE, CHANGED_PRICE_LIST as PRICE_LIST } from "../changed_input.ts";
import { fixture, HEADER, OLD, ORDER } from "../fixture.ts";

const AT_SINCE = "2026-11-10T10:00:00.000";
const AT_UNTIL = "2026-11-10T11:00:00.000";
const JUST_BEFORE = "2026-11-10T09:59:59.997";

let serial = 1000;
const guid = () => `00000000-0000-0000-0001-${String(++serial).padStart(12, "0")}`;
const dims = { ColorCode: "", ItemDim1Code: "", ItemDim2Code: "", ItemDim3Code: "" };
const stamp = (at: string) => ({ CreatedDate: at, LastUpdatedDate: at });

/**
 * Commits one unit of `item` in a stage, in `warehouse` (MRK, configured in BASE): the order line, the
 * stage's line and its header dated `at` where given, the rest old.
 */
function commit(
  ds: NebimDataSet,
  stage: "Reserve" | "DispOrder" | "Picking",
  item: string,
  at: { order?: string; line?: string; header?: string },
  warehouse = "MRK",
): void {
  commitStock(ds, variantKey(item), stage, 1, {
    warehouse,
    dates: { order: at.order ?? OLD, line: at.line ?? OLD, header: at.header ?? OLD },
  });
}

async function changed(data: NebimDataSet, input: ChangedItemsInput = BASE): Promise<string[]> {
  const rows = await runRows(createNebimHandler(data), changedItemsQuery(input));
  return rows.map((r) => String(r.ItemCode)).sort();
}

/** Per contributing table: how to make `item` look changed at `at` through that table alone. */
const TOUCH: Record<
  string,
  { input?: ChangedItemsInput; touch: (ds: NebimDataSet, at: string, item: string) => void }
> = {
  cdItem: {
    touch: (ds, at, item) =>
      ds.insert("cdItem", { ItemTypeCode: 1, ItemCode: item, ItemDimTypeCode: 0, ...stamp(at) }),
  },
  cdItemDesc: {
    touch: (ds, at, item) =>
      ds.insert("cdItemDesc", {
        ItemTypeCode: 1,
        ItemCode: item,
        LangCode: "TR",
        ItemDescription: "x",
        ...stamp(at),
      }),
  },
  prItemVariant: {
    touch: (ds, at, item) =>
      ds.insert("prItemVariant", { ItemTypeCode: 1, ItemCode: item, ...dims, ...stamp(at) }),
  },
  cdColorDesc: {
    touch: (ds, at, item) => {
      const color = `C${++serial}`;
      ds.insert("cdColorDesc", { ColorCode: color, LangCode: "TR", ColorDescription: "Renk", ...stamp(at) });
      ds.insert("prItemVariant", {
        ItemTypeCode: 1,
        ItemCode: item,
        ...dims,
        ColorCode: color,
        ...stamp(OLD),
      });
    },
  },
  prItemBarcode: {
    touch: (ds, at, item) =>
      ds.insert("prItemBarcode", {
        Barcode: `B${++serial}`,
        BarcodeTypeCode: "DEF",
        ItemTypeCode: 1,
        ItemCode: item,
        ...dims,
        ...stamp(at),
      }),
  },
  prItemTaxGrAtt: {
    touch: (ds, at, item) => {
      const group = `G${++serial}`;
      ds.insert("prItemTaxGrAtt", {
        ItemTaxGrCode: group,
        CountryCode: "TR",
        ProcessCode: "R",
        SellVatCode: "%10",
        ...stamp(at),
      });
      ds.insert("cdItem", {
        ItemTypeCode: 1,
        ItemCode: item,
        ItemDimTypeCode: 0,
        ItemTaxGrCode: group,
        ...stamp(OLD),
      });
    },
  },
  cdVat: {
    touch: (ds, at, item) => {
      const vat = `V${++serial}`;
      ds.insert("cdVat", { VatCode: vat, VatRate: 10, ...stamp(at) });
      ds.insert("prItemTaxGrAtt", {
        ItemTaxGrCode: vat,
        CountryCode: "TR",
        ProcessCode: "R",
        SellVatCode: vat,
        ...stamp(OLD),
      });
      ds.insert("cdItem", {
        ItemTypeCode: 1,
        ItemCode: item,
        ItemDimTypeCode: 0,
        ItemTaxGrCode: vat,
        ...stamp(OLD),
      });
    },
  },
  prItemBasePrice: {
    touch: (ds, at, item) =>
      ds.insert("prItemBasePrice", {
        ItemTypeCode: 1,
        ItemCode: item,
        CountryCode: "TR",
        BasePriceCode: 1,
        Price: 1,
        ...stamp(at),
      }),
  },
  trPriceListLine: {
    input: PRICE_LIST,
    touch: (ds, at, item) =>
      ds.insert("trPriceListLine", {
        PriceListLineID: guid(),
        PriceListHeaderID: HEADER.h1,
        ItemTypeCode: 1,
        ItemCode: item,
        ...dims,
        Price: 1,
        ...stamp(at),
      }),
  },
  trPriceListHeader: {
    input: PRICE_LIST,
    touch: (ds, at, item) => {
      const id = guid();
      ds.insert("trPriceListHeader", {
        PriceListHeaderID: id,
        PriceListNumber: `PL-${serial}`,
        PriceListDate: "2026-01-01",
        PriceGroupCode: "WEB",
        ValidDate: "2026-01-01",
        ...stamp(at),
      });
      ds.insert("trPriceListLine", {
        PriceListLineID: guid(),
        PriceListHeaderID: id,
        ItemTypeCode: 1,
        ItemCode: item,
        ...dims,
        Price: 1,
        ...stamp(OLD),
      });
    },
  },
  trStock: {
    touch: (ds, at, item) =>
      ds.insert("trStock", {
        StockID: ++serial,
        ItemTypeCode: 1,
        ItemCode: item,
        ...dims,
        WarehouseCode: "MRK",
        In_Qty1: 1,
        ...stamp(at),
      }),
  },
  trOrderLine: { touch: (ds, at, item) => commit(ds, "Reserve", item, { order: at }) },
  ...Object.fromEntries(
    (["Reserve", "DispOrder", "Picking"] as const).flatMap((stage) => [
      [`tr${stage}Line`, {
        touch: (ds: NebimDataSet, at: string, item: string) => commit(ds, stage, item, { line: at }),
      }],
      [
        `tr${stage}Header`,
        { touch: (ds: NebimDataSet, at: string, item: string) => commit(ds, stage, item, { header: at }) },
      ],
    ]),
  ),
};

for (const [table, { input, touch }] of Object.entries(TOUCH)) {
  Deno.test(`changedItems: a change in ${table} within [since, until) is found; at until or before since it is not`, async () => {
    const data = fixture();
    assert.deepEqual(await changed(data, input), [], "the fixture itself has no recent change");
    touch(data, AT_SINCE, "IN-WINDOW");
    touch(data, AT_UNTIL, "AT-UNTIL");
    touch(data, JUST_BEFORE, "BEFORE");
    assert.deepEqual(await changed(data, input), ["IN-WINDOW"]);
  });
}

/** The alias each table's changedItems part puts its window on (`l` and `h` serve several parts). */
const ALIAS: Record<string, string> = {
  cdItem: "i",
  cdItemDesc: "d",
  prItemVariant: "v",
  cdColorDesc: "c",
  prItemBarcode: "b",
  prItemTaxGrAtt: "a",
  cdVat: "t",
  prItemBasePrice: "p",
  trStock: "s",
  trOrderLine: "o",
};
const aliasOf = (table: string) => ALIAS[table] ?? (table.endsWith("Line") ? "l" : "h");

for (const [table, { input, touch }] of Object.entries(TOUCH)) {
  // The simulator must find a change through the part of the text that asks for it, not because the text
  // names the table somewhere else (cdItem is in the VAT part, trOrderLine in each stage's): a statement that
  // lost a part would pass every test against it and miss those changes on SQL Server.
  Deno.test(`changedItems: without its window on ${table}, a change there alone is not found`, async () => {
    const data = fixture();
    touch(data, AT_SINCE, "IN-WINDOW");
    const q = changedItemsQuery(input ?? BASE);
    const a = aliasOf(table);
    const window = new RegExp(`\\b${a}\\.LastUpdatedDate >= @since AND ${a}\\.LastUpdatedDate < @until`, "g");
    assert.match(q.sql, window);
    const rows = await runRows(createNebimHandler(data), { ...q, sql: q.sql.replace(window, "1 = 0") });
    assert.deepEqual(rows.map((r) => r.ItemCode), []);
  });
}

Deno.test("changedItems: an update (which stamps LastUpdatedDate from the clock) is found", async () => {
  let now = new Date("2026-11-10T10:30:00.000Z");
  const data = fixture(() => now);
  const handler = createNebimHandler(data);
  data.update("prItemVariant", (r) => r.ItemCode === "TSH-0001", { IsBlocked: true });
  now = new Date("2026-11-10T12:00:00.000Z");
  const rows = await runRows(handler, changedItemsQuery(BASE));
  assert.deepEqual(rows.map((r) => r.ItemCode), ["TSH-0001"]);
});

Deno.test("changedItems: a barcode of any type counts (one re-typed away from the configured type leaves its variant)", async () => {
  const data = fixture(() => new Date(`${AT_SINCE}Z`));
  TOUCH.prItemBarcode!.touch(data, OLD, "BARCODE-EAN");
  data.update("prItemBarcode", (r) => r.ItemCode === "BARCODE-EAN", { BarcodeTypeCode: "EAN" });
  assert.deepEqual(await changed(data), ["BARCODE-EAN"]);
});

Deno.test("changedItems: stock and committed stock count only in the configured warehouses (compared case-blind)", async () => {
  const data = fixture();
  data.insert("trStock", {
    StockID: 900,
    ItemTypeCode: 1,
    ItemCode: "STOCK-W02",
    ...dims,
    WarehouseCode: "W02",
    ...stamp(AT_SINCE),
  });
  data.insert("trStock", {
    StockID: 901,
    ItemTypeCode: 1,
    ItemCode: "STOCK-MRK",
    ...dims,
    WarehouseCode: "Mrk",
    ...stamp(AT_SINCE),
  });
  commit(data, "Reserve", "RES-W02", { line: AT_SINCE }, "W02");
  commit(data, "DispOrder", "DISP-W02", { header: AT_SINCE }, "W02");
  commit(data, "Picking", "PICK-W02", { line: AT_SINCE }, "W02");
  assert.deepEqual(await changed(data, { ...BASE, warehouses: ["mrk"] }), ["STOCK-MRK"]);
  assert.deepEqual(await changed(data, { ...BASE, warehouses: ["MRK", "W02"] }), [
    "DISP-W02",
    "PICK-W02",
    "RES-W02",
    "STOCK-MRK",
    "STOCK-W02",
  ]);
});

Deno.test("changedItems: without warehouses stock is not asked; without reservations they are not either", async () => {
  const data = fixture();
  data.insert("trStock", {
    StockID: 900,
    ItemTypeCode: 1,
    ItemCode: "STOCK",
    ...dims,
    WarehouseCode: "MRK",
    ...stamp(AT_SINCE),
  });
  commit(data, "Reserve", "RES", { line: AT_SINCE });
  commit(data, "Picking", "PICK", { order: AT_SINCE });
  assert.deepEqual(await changed(data, { ...BASE, warehouses: [] }), []);
  assert.deepEqual(await changed(data, { ...BASE, reservations: false }), ["STOCK"]);
});

Deno.test("changedItems: a cancelled order line counts even when its commitment rows are gone", async () => {
  const data = fixture();
  // Cancelling deletes the reservation's line and open row; only the order line's date says so.
  data.insert("trOrderLine", {
    OrderLineID: guid(),
    OrderHeaderID: ORDER,
    ItemTypeCode: 1,
    ItemCode: "CANCELLED",
    ...dims,
    Qty1: 3,
    CancelQty1: 3,
    ...stamp(AT_SINCE),
  });
  assert.deepEqual(await changed(data), ["CANCELLED"]);
  assert.deepEqual(await changed(data, { ...BASE, reservations: false }), []);
});

Deno.test("changedItems: only the configured price source is asked", async () => {
  const data = fixture();
  TOUCH.prItemBasePrice!.touch(data, AT_SINCE, "BASE");
  TOUCH.trPriceListLine!.touch(data, AT_SINCE, "LIST");
  assert.deepEqual(await changed(data, BASE), ["BASE"]);
  assert.deepEqual(await changed(data, PRICE_LIST), ["LIST"]);
});

Deno.test("changedItems: a price list whose ValidDate arrives within the window counts, though no row changed", async () => {
  const data = fixture();
  const id = guid();
  data.insert("trPriceListHeader", {
    PriceListHeaderID: id,
    PriceListNumber: "PL-9",
    PriceListDate: "2026-11-01",
    PriceGroupCode: "WEB",
    ValidDate: "2026-11-10",
    ...stamp(OLD),
  });
  data.insert("trPriceListLine", {
    PriceListLineID: guid(),
    PriceListHeaderID: id,
    ItemTypeCode: 1,
    ItemCode: "NEW-DAY",
    ...dims,
    Price: 1,
    ...stamp(OLD),
  });
  const overMidnight = {
    ...PRICE_LIST,
    since: new Date("2026-11-09T23:00:00Z"),
    until: new Date("2026-11-10T01:00:00Z"),
  };
  assert.deepEqual(await changed(data, overMidnight), ["NEW-DAY"]);
  assert.deepEqual(await changed(data, PRICE_LIST), [], "the same day: already valid before the window");
});

Deno.test("changedItems: an item changed in several tables, in several spellings, is listed once", async () => {
  const data = fixture();
  // Turkish_CI_AS: "multi-1" and "Multi-1" are "MULTİ-1"; "MULTI-1" (dotless) is another item.
  TOUCH.cdItem!.touch(data, AT_SINCE, "MULTİ-1");
  TOUCH.trStock!.touch(data, AT_SINCE, "multi-1 ");
  TOUCH.prItemBarcode!.touch(data, AT_SINCE, "Multi-1");
  assert.deepEqual(await changed(data), ["MULTİ-1"]);
  TOUCH.prItemBarcode!.touch(data, AT_SINCE, "MULTI-1");
  assert.deepEqual((await changed(data)).sort(), ["MULTI-1", "MULTİ-1"]);
});

Deno.test("changedItems: a tax group re-pointed at a VAT code cdVat lacks counts (its items' VAT is now unknown: held)", async () => {
  const data = fixture();
  data.insert("prItemTaxGrAtt", {
    ItemTaxGrCode: "%X",
    CountryCode: "TR",
    ProcessCode: "R",
    SellVatCode: "%99",
    ...stamp(AT_SINCE),
  });
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "VAT-GONE", ItemTaxGrCode: "%X", ...stamp(OLD) });
  assert.deepEqual(await changed(data), ["VAT-GONE"]);
  // The simulator joins cdVat as the statement does: an inner join drops the attribute, as SQL Server would.
  const q = changedItemsQuery(BASE);
  const sql = q.sql.replace(/LEFT JOIN cdVat/, "JOIN cdVat");
  assert.notEqual(sql, q.sql);
  assert.deepEqual((await runRows(createNebimHandler(data), { ...q, sql })).map((r) => r.ItemCode), []);
});
