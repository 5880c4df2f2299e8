/**
 * A tiny Nebim catalogue builder for end-to-end tests: an item with its description, tax group, cost and
 * variants (each with a DEF barcode and stock in W01), written into a NebimDataSet with Nebim's columns.
 * @module
 */

import { NebimDataSet, type Row } from "../../sim/nebim/dataset.ts";

export interface VariantSpec {
  color?: string;
  size?: string;
  barcode: string;
  stock?: number;
  /** Open in W01, each on its own customer order: reserved, in a dispatch order, being picked. */
  reserved?: number;
  dispatched?: number;
  picking?: number;
}

export interface ItemSpec {
  code: string;
  name?: string | null;
  tax?: string;
  /** Cost in TL (base price code 1). null = no price row. */
  cost?: number | null;
  blocked?: boolean;
  variants: VariantSpec[];
}

/** An item of one variant (size STD): 40 TL before VAT, 10 in stock; `extra` replaces any of it. */
export function oneSizeItem(code: string, barcode: string, extra: Partial<ItemSpec> = {}): ItemSpec {
  return { code, name: "Pamuk Çorap", cost: 40, variants: [{ size: "STD", barcode, stock: 10 }], ...extra };
}

/** `count` items of one variant each: `${prefix}${i}` with barcode `${barcodePrefix}` + i in 5 digits. */
export function plainItems(count: number, prefix: string, barcodePrefix: string, stock: number): ItemSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `${prefix}${i}`,
    cost: 100,
    variants: [{ barcode: `${barcodePrefix}${String(i).padStart(5, "0")}`, stock }],
  }));
}

/** A settable SQL Server clock: tests move it, never sleep. */
export class ManualClock {
  #t: number;
  constructor(start = "2026-11-20T10:00:00.000Z") {
    this.#t = Date.parse(start);
  }
  now = (): Date => new Date(this.#t);
  advance(ms: number): void {
    this.#t += ms;
  }
}

let stockId = 1;
let commitId = 1;
const guid = (prefix: number, n: number) =>
  `${String(prefix).padStart(8, "0")}-0000-0000-0000-${String(n).padStart(12, "0")}`;

/** The reference rows every catalogue needs: VAT chain, warehouses, colour names. */
export function baseDataSet(clock: ManualClock): NebimDataSet {
  const data = NebimDataSet.fromJson({
    cdVat: [{ VatCode: "%10", VatRate: 10 }, { VatCode: "%20", VatRate: 20 }],
    cdItemTaxGr: [{ ItemTaxGrCode: "%10" }, { ItemTaxGrCode: "%20" }],
    prItemTaxGrAtt: [
      { ItemTaxGrCode: "%10", CountryCode: "TR", ProcessCode: "R", SellVatCode: "%10" },
      { ItemTaxGrCode: "%20", CountryCode: "TR", ProcessCode: "R", SellVatCode: "%20" },
    ],
    cdWarehouse: [{ WarehouseCode: "W01" }, { WarehouseCode: "MRK" }],
    cdColorDesc: [
      { ColorCode: "BEY", LangCode: "TR", ColorDescription: "Beyaz" },
      { ColorCode: "LAC", LangCode: "TR", ColorDescription: "Lacivert" },
    ],
  }, { clock: clock.now });
  return data;
}

export function addItem(data: NebimDataSet, spec: ItemSpec): void {
  data.insert("cdItem", {
    ItemTypeCode: 1,
    ItemCode: spec.code,
    ItemDimTypeCode: spec.variants.some((v) => v.size) ? 2 : spec.variants.some((v) => v.color) ? 1 : 0,
    ItemTaxGrCode: spec.tax ?? "%20",
    IsBlocked: spec.blocked ?? false,
  });
  if (spec.name !== null) {
    data.insert("cdItemDesc", {
      ItemTypeCode: 1,
      ItemCode: spec.code,
      LangCode: "TR",
      ItemDescription: spec.name ?? spec.code,
    });
  }
  if (spec.cost !== null) {
    data.insert("prItemBasePrice", {
      ItemTypeCode: 1,
      ItemCode: spec.code,
      CountryCode: "TR",
      SeasonCode: "",
      BasePriceCode: 1,
      CurrencyCode: "TRY",
      Price: spec.cost ?? 100,
    });
  }
  for (const v of spec.variants) addVariant(data, spec.code, v);
}

/** Nebim's variant key columns of a product (ItemTypeCode 1) in a colour and size ("" for none). */
export function variantKey(itemCode: string, v: { color?: string; size?: string } = {}) {
  return {
    ItemTypeCode: 1,
    ItemCode: itemCode,
    ColorCode: v.color ?? "",
    ItemDim1Code: v.size ?? "",
    ItemDim2Code: "",
    ItemDim3Code: "",
  };
}

/**
 * Re-coding in Nebim: the item's variant in `from` colour and `size` is gone, and its barcode names a new
 * variant in `to` colour instead (the barcode, and so a barcode stock code, moves between products).
 */
export function moveBarcode(
  data: NebimDataSet,
  itemCode: string,
  barcode: string,
  { size, from, to }: { size: string; from: string; to: string },
): void {
  data.delete(
    "prItemVariant",
    (r) => r.ItemCode === itemCode && r.ColorCode === from && r.ItemDim1Code === size,
  );
  data.insert("prItemVariant", variantKey(itemCode, { color: to, size }));
  data.update("prItemBarcode", (r) => r.Barcode === barcode, { ColorCode: to });
}

/** The tables with an item's rows that {@link recodeItem} moves. */
const ITEM_TABLES = [
  "cdItem",
  "cdItemDesc",
  "prItemVariant",
  "prItemBarcode",
  "prItemBasePrice",
  "trPriceListLine",
  "trStock",
  "trOrderLine",
];

/**
 * Nebim's item code change: every row of the item under the new code, their dates kept (as a restore keeps
 * them, no window sees the change: only a full cycle finds the old code gone).
 */
export function recodeItem(data: NebimDataSet, from: string, to: string): void {
  rekey(data, ITEM_TABLES, (r) => r.ItemCode === from, { ItemCode: to });
}

/**
 * Rows of `tables` matching `where` under another key (`patch`), the rest of each kept. Deleted and inserted
 * again: NebimDataSet.update would leave its index of each table's keys naming the old ones.
 */
function rekey(data: NebimDataSet, tables: readonly string[], where: (r: Row) => boolean, patch: Row): void {
  for (const table of tables) {
    const rows = data.rows(table).filter(where).map((r) => ({ ...r, ...patch }));
    data.delete(table, where);
    for (const r of rows) data.insert(table, r);
  }
}

/**
 * A variant given another colour in Nebim (the same item and size): its rows, barcodes, stock and order lines
 * under the new colour, their dates kept. A colour-level price line stays with the colour it names.
 */
export function recolorVariant(
  data: NebimDataSet,
  itemCode: string,
  { size, from, to }: { size: string; from: string; to: string },
): void {
  const key = variantKey(itemCode, { color: from, size });
  const mine = (r: Row) =>
    r.ItemCode === key.ItemCode && r.ColorCode === key.ColorCode && r.ItemDim1Code === key.ItemDim1Code &&
    r.ItemDim2Code === "" && r.ItemDim3Code === "";
  rekey(data, ["prItemVariant", "prItemBarcode", "trStock", "trOrderLine"], mine, { ColorCode: to });
}

/** An item deleted from Nebim, every row of it (it had never been sold, or Nebim would refuse). */
export function deleteItem(data: NebimDataSet, itemCode: string): void {
  for (const table of ITEM_TABLES) data.delete(table, (r) => r.ItemCode === itemCode);
}

/** One more variant of an item already in the data set: its DEF barcode, stock and committed stock. */
export function addVariant(data: NebimDataSet, itemCode: string, v: VariantSpec): void {
  const key = variantKey(itemCode, v);
  data.insert("prItemVariant", key);
  data.insert("prItemBarcode", { ...key, Barcode: v.barcode, BarcodeTypeCode: "DEF" });
  if (v.stock) addStock(data, key, v.stock);
  if (v.reserved) commit(data, key, "Reserve", v.reserved);
  if (v.dispatched) commit(data, key, "DispOrder", v.dispatched);
  if (v.picking) commit(data, key, "Picking", v.picking);
}

export interface CommitOptions {
  /** The stage header's warehouse; default W01. */
  warehouse?: string;
  /** CreatedDate/LastUpdatedDate of the order line, the stage line and its header; default the clock's now. */
  dates?: { order: string; line: string; header: string };
}

/**
 * Commits `qty` of a variant to an open customer order, in one stage (Reserve, DispOrder or Picking): the
 * order line carries the item; the stage's header, line and open state row point at it.
 */
export function commit(
  data: NebimDataSet,
  key: Record<string, unknown>,
  stage: "Reserve" | "DispOrder" | "Picking",
  qty: number,
  o: CommitOptions = {},
): void {
  const stamp = (
    at: string | undefined,
  ) => (at === undefined ? {} : { CreatedDate: at, LastUpdatedDate: at });
  const n = commitId++;
  const orderLineId = guid(9, n);
  data.insert("trOrderHeader", {
    OrderHeaderID: guid(6, n),
    ProcessCode: "R",
    OrderNumber: `1-R-2-${n}`,
    CurrAccTypeCode: 4,
    CurrAccCode: "WEB001",
  });
  data.insert("trOrderLine", {
    OrderLineID: orderLineId,
    OrderHeaderID: guid(6, n),
    ...key,
    Qty1: qty,
    ...stamp(o.dates?.order),
  });
  const headerId = guid(7, n);
  const lineId = guid(8, n);
  data.insert(`tr${stage}Header`, {
    [`${stage}HeaderID`]: headerId,
    [`${stage}Number`]: `${stage}-${n}`,
    WarehouseCode: o.warehouse ?? "W01",
    ...stamp(o.dates?.header),
  });
  data.insert(`tr${stage}Line`, {
    [`${stage}LineID`]: lineId,
    [`${stage}HeaderID`]: headerId,
    OrderLineID: orderLineId,
    Qty1: qty,
    ...stamp(o.dates?.line),
  });
  data.insert(`st${stage}`, { OrderLineID: orderLineId, [`${stage}LineID`]: lineId, Qty1: qty });
}

export function addStock(
  data: NebimDataSet,
  key: Record<string, unknown>,
  qty: number,
  warehouse = "W01",
): void {
  data.insert("trStock", {
    StockID: stockId++,
    ...key,
    WarehouseCode: warehouse,
    In_Qty1: Math.max(qty, 0),
    Out_Qty1: Math.max(-qty, 0),
  });
}

let priceListId = 1;

/**
 * A confirmed price list of PriceGroupCode WEB, in force since January, with one item-level line for
 * `itemCode`; `header` and `line` set other columns (IsTaxIncluded, DocCurrencyCode, …).
 */
export function addPriceList(
  data: NebimDataSet,
  itemCode: string,
  price: number,
  header: Record<string, unknown> = {},
  line: Record<string, unknown> = {},
): void {
  const n = priceListId++;
  data.insert("trPriceListHeader", {
    PriceListHeaderID: guid(10, n),
    PriceListNumber: `PL-${n}`,
    PriceGroupCode: "WEB",
    ValidDate: "2026-01-01",
    ...header,
  });
  data.insert("trPriceListLine", {
    PriceListLineID: guid(11, n),
    PriceListHeaderID: guid(10, n),
    ItemTypeCode: 1,
    ItemCode: itemCode,
    Price: price,
    ...line,
  });
}
