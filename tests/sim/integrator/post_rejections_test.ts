import assert from "node:assert/strict";
import { BARCODE, connectToken, harness, post, retailOrder, STORE_USER } from "./fixture.ts";

const ORDER_TABLES = ["trOrderHeader", "trOrderLine", "trOrderLineCurrency", "tpOrdersViaInternetInfo"];

const REJECTIONS: [string, Record<string, unknown>, RegExp][] = [
  ["missing CustomerCode", { CustomerCode: undefined }, /CustomerCode is required/],
  ["unknown CustomerCode", { CustomerCode: "NOPE" }, /CustomerCode "NOPE".*cdCurrAcc, CurrAccTypeCode 4/],
  ["wholesale customer on a retail order", { CustomerCode: "B2B001" }, /CustomerCode "B2B001"/],
  ["blocked customer", { CustomerCode: "BLK001" }, /CustomerCode "BLK001" is blocked/],
  ["missing OfficeCode", { OfficeCode: "" }, /OfficeCode is required/],
  ["unknown OfficeCode", { OfficeCode: "X" }, /OfficeCode "X".*cdOffice/],
  ["missing StoreCode", { StoreCode: null }, /StoreCode is required/],
  ["StoreCode that is not a store account", { StoreCode: "WEB001" }, /StoreCode "WEB001".*CurrAccTypeCode 5/],
  ["missing StoreWareHouseCode", { StoreWareHouseCode: undefined }, /StoreWareHouseCode is required/],
  ["unknown StoreWareHouseCode", { StoreWareHouseCode: "ZZ" }, /StoreWareHouseCode "ZZ".*cdWarehouse/],
  ["PosTerminalID not a number", { PosTerminalID: "abc" }, /PosTerminalID must be an integer/],
  ["missing Lines", { Lines: undefined }, /Lines is required/],
  ["empty Lines", { Lines: [] }, /Lines is required/],
  ["line without a variant", { Lines: [{ Qty1: 1 }] }, /Lines\[0\]\.UsedBarcode or ItemCode/],
  [
    "unknown barcode",
    { Lines: [{ UsedBarcode: "999", Qty1: 1 }] },
    /Lines\[0\]\.UsedBarcode "999".*prItemBarcode/,
  ],
  ["Qty1 zero", { Lines: [{ UsedBarcode: BARCODE, Qty1: 0 }] }, /Lines\[0\]\.Qty1 must be greater than 0/],
  ["Qty1 missing", { Lines: [{ UsedBarcode: BARCODE }] }, /Lines\[0\]\.Qty1 is required/],
  [
    "unknown variant",
    { Lines: [{ ItemCode: "KML-1001", ColorCode: "GRN", ItemDim1Code: "M", Qty1: 1 }] },
    /variant "KML-1001\/GRN\/M\/\/".*prItemVariant/,
  ],
  [
    "blocked item",
    { Lines: [{ ItemCode: "KML-3003", ColorCode: "BLU", ItemDim1Code: "S", Qty1: 1 }] },
    /blocked.*cdItem/,
  ],
  [
    "broken tax chain",
    { Lines: [{ ItemCode: "KML-4004", ColorCode: "BLK", ItemDim1Code: "S", Qty1: 1 }] },
    /no ItemTaxGrCode/,
  ],
  [
    "negative PriceVI",
    { Lines: [{ UsedBarcode: BARCODE, Qty1: 1, PriceVI: -1 }] },
    /Lines\[0\]\.PriceVI is out of range/,
  ],
  [
    "unknown DeliveryCompanyCode",
    { DeliveryCompanyCode: "YOK" },
    /DeliveryCompanyCode "YOK".*cdDeliveryCompany/,
  ],
  [
    "unknown card type",
    { Payments: [{ PaymentType: 2, CreditCardTypeCode: "ZZZ" }] },
    /Payments\[0\]\.CreditCardTypeCode "ZZZ"/,
  ],
  [
    "unknown top-level card type",
    { CreditCardTypeCode: "ZZZ" },
    /CreditCardTypeCode "ZZZ".*cdCreditCardType/,
  ],
  ["unknown ModelType", { ModelType: 8 }, /ModelType 8 is not supported/],
  ["missing ModelType", { ModelType: undefined }, /ModelType is required/],
  ["bad OrderDate", { OrderDate: "31/12/2026" }, /OrderDate is not a valid date/],
  ["DocumentNumber too long", { DocumentNumber: "x".repeat(31) }, /DocumentNumber is longer than 30/],
  [
    "SalesURL too long",
    { OrdersViaInternetInfo: { SalesURL: "w".repeat(31) } },
    /OrdersViaInternetInfo\.SalesURL is longer/,
  ],
];

Deno.test("missing fields and unknown codes: HTTP 200 + ExceptionMessage naming them, nothing written", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  for (const [name, over, message] of REJECTIONS) {
    const a = await post(h.sim, token, retailOrder(over));
    assert.equal(a.status, 200, name);
    assert.match(String(a.json.ExceptionMessage), message, name);
    assert.equal(a.json.OrderNumber, undefined, name);
  }
  assert.deepEqual(ORDER_TABLES.map((t) => h.data.rows(t).length), [0, 0, 0, 0]);
});

Deno.test("a bad second line rejects the whole order: nothing of the first line is written", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const a = await post(
    h.sim,
    token,
    retailOrder({
      Lines: [{ UsedBarcode: BARCODE, Qty1: 1, PriceVI: 120 }, {
        UsedBarcode: BARCODE,
        Qty1: -2,
        PriceVI: 120,
      }],
    }),
  );
  assert.match(String(a.json.ExceptionMessage), /Lines\[1\]\.Qty1/);
  assert.deepEqual(ORDER_TABLES.map((t) => h.data.rows(t).length), [0, 0, 0, 0]);
});

Deno.test("a store user may post only for its own store", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim, {
    UserGroupCode: STORE_USER.userGroupCode,
    UserName: STORE_USER.userName,
    Password: STORE_USER.password,
  });
  const other = await post(h.sim, token, retailOrder({ StoreCode: "S02" }));
  assert.match(String(other.json.ExceptionMessage), /StoreCode "S02".*only post for store W01/);
  const own = await post(h.sim, token, retailOrder());
  assert.equal(own.json.OrderNumber, "1-R-7-1");
  assert.equal(h.data.rows("trOrderHeader")[0]?.CreatedUserName, "kasa");
});
