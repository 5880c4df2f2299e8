/**
 * A small hand-built Nebim data set whose every row exists to prove one rule of the read queries.
 * Everything is last updated long ago (OLD), so an incremental-window test sees only what it adds.
 * @module
 */

import { NebimDataSet } from "../../../sim/nebim/dataset.ts";

export const OLD = "2026-01-01T00:00:00.000";
export const NOW = new Date("2026-11-10T12:00:00.000Z");
export const SINCE = new Date("2026-11-10T10:00:00.000Z");
export const UNTIL = new Date("2026-11-10T11:00:00.000Z");

const audit = { CreatedDate: OLD, LastUpdatedDate: OLD };
const dims = (c: string, d1: string) => ({
  ColorCode: c,
  ItemDim1Code: d1,
  ItemDim2Code: "",
  ItemDim3Code: "",
});
const guid = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;

export const HEADER = {
  h1: guid(101),
  h2: guid(102),
  unconfirmed: guid(103),
  future: guid(104),
  otherGroup: guid(105),
};
export const RESERVE = { mrk: guid(201), w02: guid(202) };
export const ORDER = guid(200);
export const DISPATCH = guid(203);
export const PICKING = guid(204);

/** A line of the fixture's one customer order: KZK-0101 in colour LAC. */
function orderLine(n: number, size: string, qty: number) {
  return {
    OrderLineID: guid(n),
    OrderHeaderID: ORDER,
    ItemTypeCode: 1,
    ItemCode: "KZK-0101",
    ColorCode: "LAC",
    ItemDim1Code: size,
    ItemDim2Code: "",
    ItemDim3Code: "",
    Qty1: qty,
    ...audit,
  };
}

/**
 * Items: KZK-0101 (colour-size, three variants), ESP-0420 (no dimensions, no variant rows), TSH-0001
 * (colour only, NULL description), SRV-1 (ItemTypeCode 2: never a product), EMPTY-1 (has dimensions but
 * no variant rows: no product).
 */
export function fixture(clock: () => Date = () => NOW): NebimDataSet {
  const ds = NebimDataSet.fromJson({
    cdItem: [
      { ItemTypeCode: 1, ItemCode: "KZK-0101", ItemDimTypeCode: 2, ItemTaxGrCode: "%20", ...audit },
      {
        ItemTypeCode: 1,
        ItemCode: "ESP-0420",
        ItemDimTypeCode: 0,
        ItemTaxGrCode: "%10",
        IsBlocked: true,
        ...audit,
      },
      {
        ItemTypeCode: 1,
        ItemCode: "TSH-0001",
        ItemDimTypeCode: 1,
        ItemTaxGrCode: "%99",
        UseInternet: false,
        ...audit,
      },
      { ItemTypeCode: 2, ItemCode: "SRV-1", ItemDimTypeCode: 0, ItemTaxGrCode: "%20", ...audit },
      { ItemTypeCode: 1, ItemCode: "EMPTY-1", ItemDimTypeCode: 2, ItemTaxGrCode: "%20", ...audit },
    ],
    cdItemDesc: [
      { ItemTypeCode: 1, ItemCode: "KZK-0101", LangCode: "TR", ItemDescription: "Yün Kazak", ...audit },
      { ItemTypeCode: 1, ItemCode: "KZK-0101", LangCode: "EN", ItemDescription: "Wool sweater", ...audit },
      { ItemTypeCode: 1, ItemCode: "ESP-0420", LangCode: "TR", ItemDescription: "  Keten Eşarp ", ...audit },
      { ItemTypeCode: 1, ItemCode: "TSH-0001", LangCode: "TR", ItemDescription: null, ...audit },
    ],
    prItemVariant: [
      { ItemTypeCode: 1, ItemCode: "KZK-0101", ...dims("LAC", "S"), ...audit },
      { ItemTypeCode: 1, ItemCode: "KZK-0101", ...dims("LAC", "XL"), IsBlocked: true, ...audit },
      { ItemTypeCode: 1, ItemCode: "KZK-0101", ...dims("EKR", "S"), UseInternet: false, ...audit },
      { ItemTypeCode: 1, ItemCode: "TSH-0001", ...dims("LAC", ""), ...audit },
      { ItemTypeCode: 2, ItemCode: "SRV-1", ...dims("", ""), ...audit },
    ],
    prItemBarcode: [
      {
        Barcode: "8690000000002",
        BarcodeTypeCode: "DEF",
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("LAC", "S"),
        ...audit,
      },
      {
        Barcode: "8690000000001",
        BarcodeTypeCode: "def",
        ItemTypeCode: 1,
        ItemCode: "kzk-0101",
        ...dims("lac", "s"),
        ...audit,
      },
      {
        Barcode: "EAN-LAC-S",
        BarcodeTypeCode: "EAN",
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("LAC", "S"),
        ...audit,
      },
      {
        Barcode: "8690000000003",
        BarcodeTypeCode: "DEF",
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("LAC", "XL"),
        ...audit,
      },
      {
        Barcode: "8690000000009",
        BarcodeTypeCode: "DEF",
        ItemTypeCode: 1,
        ItemCode: "ESP-0420",
        ...dims("", ""),
        ...audit,
      },
    ],
    cdColorDesc: [
      { ColorCode: "LAC", LangCode: "TR", ColorDescription: "Lacivert", ...audit },
      { ColorCode: "LAC", LangCode: "EN", ColorDescription: "Navy", ...audit },
      { ColorCode: "EKR", LangCode: "TR", ColorDescription: "Ekru ", ...audit },
    ],
    prItemBasePrice: [
      // KZK-0101: the season-less row wins over a newer seasonal one; other codes and countries are ignored.
      {
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        CountryCode: "TR",
        SeasonCode: "",
        BasePriceCode: 1,
        PriceDate: "2026-01-01",
        Price: 310,
        ...audit,
      },
      {
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        CountryCode: "TR",
        SeasonCode: "K26",
        BasePriceCode: 1,
        PriceDate: "2026-10-01",
        Price: 299,
        ...audit,
      },
      {
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        CountryCode: "TR",
        SeasonCode: "",
        BasePriceCode: 2,
        PriceDate: "2026-10-01",
        Price: 999,
        ...audit,
      },
      {
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        CountryCode: "DE",
        SeasonCode: "",
        BasePriceCode: 1,
        PriceDate: "2026-10-01",
        Price: 50,
        CurrencyCode: "EUR",
        ...audit,
      },
      // ESP-0420: no season-less row: the latest PriceDate wins.
      {
        ItemTypeCode: 1,
        ItemCode: "ESP-0420",
        CountryCode: "TR",
        SeasonCode: "Y25",
        BasePriceCode: 1,
        PriceDate: "2025-04-01",
        Price: 80,
        ...audit,
      },
      {
        ItemTypeCode: 1,
        ItemCode: "ESP-0420",
        CountryCode: "TR",
        SeasonCode: "K26",
        BasePriceCode: 1,
        PriceDate: "2026-09-01",
        Price: 84.5,
        ...audit,
      },
    ],
    trPriceListHeader: [
      {
        PriceListHeaderID: HEADER.h1,
        PriceListNumber: "PL-1",
        PriceListDate: "2026-09-20",
        PriceGroupCode: "WEB",
        ValidDate: "2026-10-01",
        IsTaxIncluded: true,
        ...audit,
      },
      {
        PriceListHeaderID: HEADER.h2,
        PriceListNumber: "PL-2",
        PriceListDate: "2026-10-20",
        PriceGroupCode: "web",
        ValidDate: "2026-11-01",
        IsTaxIncluded: false,
        DocCurrencyCode: "USD",
        ...audit,
      },
      {
        PriceListHeaderID: HEADER.unconfirmed,
        PriceListNumber: "PL-3",
        PriceListDate: "2026-11-05",
        PriceGroupCode: "WEB",
        ValidDate: "2026-11-05",
        IsConfirmed: false,
        ...audit,
      },
      {
        PriceListHeaderID: HEADER.future,
        PriceListNumber: "PL-4",
        PriceListDate: "2026-11-05",
        PriceGroupCode: "WEB",
        ValidDate: "2026-12-01",
        ...audit,
      },
      {
        PriceListHeaderID: HEADER.otherGroup,
        PriceListNumber: "PL-5",
        PriceListDate: "2026-11-05",
        PriceGroupCode: "MAG",
        ValidDate: "2026-11-05",
        ...audit,
      },
    ],
    trPriceListLine: [
      {
        PriceListLineID: guid(1),
        PriceListHeaderID: HEADER.h1,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("", ""),
        Price: 100,
        ...audit,
      },
      {
        PriceListLineID: guid(2),
        PriceListHeaderID: HEADER.h1,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("LAC", "S"),
        Price: 120,
        ...audit,
      },
      {
        PriceListLineID: guid(3),
        PriceListHeaderID: HEADER.h2,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("", ""),
        Price: 110,
        DocCurrencyCode: "USD",
        ...audit,
      },
      {
        PriceListLineID: guid(4),
        PriceListHeaderID: HEADER.h2,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("EKR", "S"),
        Price: 10,
        IsDisabled: true,
        ...audit,
      },
      {
        PriceListLineID: guid(5),
        PriceListHeaderID: HEADER.unconfirmed,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("", ""),
        Price: 50,
        ...audit,
      },
      {
        PriceListLineID: guid(6),
        PriceListHeaderID: HEADER.future,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("", ""),
        Price: 60,
        ...audit,
      },
      {
        PriceListLineID: guid(7),
        PriceListHeaderID: HEADER.otherGroup,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("", ""),
        Price: 70,
        ...audit,
      },
      {
        PriceListLineID: guid(8),
        PriceListHeaderID: HEADER.h1,
        ItemTypeCode: 1,
        ItemCode: "TSH-0001",
        ...dims("LAC", ""),
        Price: 899.9,
        ...audit,
      },
    ],
    trStock: [
      {
        StockID: 1,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("LAC", "S"),
        WarehouseCode: "MRK",
        In_Qty1: 12,
        Out_Qty1: 3,
        ...audit,
      },
      {
        StockID: 2,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("LAC", "S"),
        WarehouseCode: "W02",
        In_Qty1: 5,
        ...audit,
      },
      {
        StockID: 3,
        ItemTypeCode: 1,
        ItemCode: "kzk-0101",
        ...dims("lac", "s"),
        WarehouseCode: "mrk ",
        In_Qty1: 1,
        ...audit,
      },
      {
        StockID: 4,
        ItemTypeCode: 1,
        ItemCode: "KZK-0101",
        ...dims("LAC", "XL"),
        WarehouseCode: "MRK",
        In_Qty1: 2,
        Out_Qty1: 4,
        ...audit,
      },
      {
        StockID: 5,
        ItemTypeCode: 1,
        ItemCode: "ESP-0420",
        ...dims("", ""),
        WarehouseCode: "MRK",
        In_Qty1: 7,
        ...audit,
      },
      {
        StockID: 6,
        ItemTypeCode: 1,
        ItemCode: "ESP-0420",
        ...dims("", ""),
        WarehouseCode: "DEP",
        In_Qty1: 1.5,
        ...audit,
      },
    ],
    // Committed stock, each stage's item through its order line (trOrderLine), as in Nebim. KZK-0101 LAC/S:
    // reserved 2 + 0.5 open in MRK (line 304's order line mostly shipped), 4 in W02, and 1 picked in MRK;
    // LAC/XL: its reservation (303) moved on to a dispatch order in MRK, 1 open there.
    trOrderHeader: [
      {
        OrderHeaderID: ORDER,
        ProcessCode: "R",
        OrderNumber: "1-R-2-1",
        CurrAccTypeCode: 4,
        CurrAccCode: "WEB001",
      },
    ],
    trOrderLine: [
      orderLine(401, "S", 3),
      orderLine(402, "S", 4),
      orderLine(403, "XL", 1),
      orderLine(404, "S", 1),
      orderLine(405, "S", 1),
    ],
    trReserveHeader: [
      { ReserveHeaderID: RESERVE.mrk, ReserveNumber: "R-1", WarehouseCode: "MRK", ...audit },
      { ReserveHeaderID: RESERVE.w02, ReserveNumber: "R-2", WarehouseCode: "W02", ...audit },
    ],
    trReserveLine: [
      { ReserveLineID: guid(301), ReserveHeaderID: RESERVE.mrk, Qty1: 3, OrderLineID: guid(401), ...audit },
      { ReserveLineID: guid(302), ReserveHeaderID: RESERVE.w02, Qty1: 4, OrderLineID: guid(402), ...audit },
      { ReserveLineID: guid(303), ReserveHeaderID: RESERVE.mrk, Qty1: 1, OrderLineID: guid(403), ...audit },
      { ReserveLineID: guid(304), ReserveHeaderID: RESERVE.mrk, Qty1: 1, OrderLineID: guid(404), ...audit },
    ],
    // Line 303 is fully dispatched: no open state row.
    stReserve: [
      { OrderLineID: guid(401), ReserveLineID: guid(301), Qty1: 2 },
      { OrderLineID: guid(402), ReserveLineID: guid(302), Qty1: 4 },
      { OrderLineID: guid(404), ReserveLineID: guid(304), Qty1: 0.5 },
    ],
    trDispOrderHeader: [
      { DispOrderHeaderID: DISPATCH, DispOrderNumber: "DO-1", WarehouseCode: "MRK", ...audit },
    ],
    trDispOrderLine: [
      {
        DispOrderLineID: guid(501),
        DispOrderHeaderID: DISPATCH,
        Qty1: 1,
        OrderLineID: guid(403),
        ReserveLineID: guid(303),
        ...audit,
      },
    ],
    stDispOrder: [
      { OrderLineID: guid(403), ReserveLineID: guid(303), DispOrderLineID: guid(501), Qty1: 1 },
    ],
    trPickingHeader: [{ PickingHeaderID: PICKING, PickingNumber: "PI-1", WarehouseCode: "MRK", ...audit }],
    trPickingLine: [
      { PickingLineID: guid(601), PickingHeaderID: PICKING, Qty1: 1, OrderLineID: guid(405), ...audit },
    ],
    stPicking: [{ OrderLineID: guid(405), PickingLineID: guid(601), Qty1: 1 }],
    cdItemTaxGr: [{ ItemTaxGrCode: "%10" }, { ItemTaxGrCode: "%20" }, { ItemTaxGrCode: "%99" }],
    prItemTaxGrAtt: [
      { ItemTaxGrCode: "%10", CountryCode: "TR", ProcessCode: "R", SellVatCode: "%10", ...audit },
      { ItemTaxGrCode: "%20", CountryCode: "TR", ProcessCode: "R", SellVatCode: "%20", ...audit },
      { ItemTaxGrCode: "%20", CountryCode: "TR", ProcessCode: "WS", SellVatCode: "%1", ...audit },
      { ItemTaxGrCode: "%10", CountryCode: "DE", ProcessCode: "R", SellVatCode: "%7", ...audit },
      // %99 has an attribute pointing at a VAT code that does not exist: a broken chain.
      { ItemTaxGrCode: "%99", CountryCode: "TR", ProcessCode: "R", SellVatCode: "%XX", ...audit },
    ],
    cdVat: [
      { VatCode: "%10", VatRate: 10, ...audit },
      { VatCode: "%20", VatRate: 20, ...audit },
      { VatCode: "%1", VatRate: 1, ...audit },
      { VatCode: "%7", VatRate: 7, ...audit },
    ],
    cdWarehouse: [{ WarehouseCode: "MRK" }, { WarehouseCode: "W02" }],
  }, { clock });
  return ds;
}
