import assert from "node:assert/strict";
import { BARCODE, connectBody, connectToken, harness, NOW, post, request, retailOrder } from "./fixture.ts";

const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
Deno.test("Post ModelType 6: numbered, written to the four order tables, echoed with OrderNumber and LineIDs", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const a = await post(h.sim, token, retailOrder());
  assert.equal(a.status, 200);
  assert.equal(a.json.ExceptionMessage, undefined, String(a.json.ExceptionMessage));
  assert.equal(a.json.OrderNumber, "1-R-7-1");
  assert.match(String(a.json.OrderHeaderID), GUID);
  assert.equal(a.json.DocumentNumber, "SHOP-100234");
  const line = (a.json.Lines as Record<string, unknown>[])[0]!;
  assert.match(String(line.LineID), GUID);
  assert.equal(line.ItemCode, "KML-1001");
  assert.equal(line.UsedBarcode, BARCODE);

  const [header] = h.data.rows("trOrderHeader");
  assert.ok(header);
  assert.equal(header.OrderHeaderID, a.json.OrderHeaderID);
  assert.deepEqual(
    {
      ProcessCode: header.ProcessCode,
      OrderNumber: header.OrderNumber,
      CurrAccTypeCode: header.CurrAccTypeCode,
      CurrAccCode: header.CurrAccCode,
      CompanyCode: header.CompanyCode,
      OfficeCode: header.OfficeCode,
      StoreCode: header.StoreCode,
      WarehouseCode: header.WarehouseCode,
      POSTerminalID: header.POSTerminalID,
      DocumentNumber: header.DocumentNumber,
      Description: header.Description,
      InternalDescription: header.InternalDescription,
      IsSalesViaInternet: header.IsSalesViaInternet,
      IsCompleted: header.IsCompleted,
      OrderDate: (header.OrderDate as Date).toISOString(),
      CreatedUserName: header.CreatedUserName,
    },
    {
      ProcessCode: "R",
      OrderNumber: "1-R-7-1",
      CurrAccTypeCode: 4,
      CurrAccCode: "WEB001",
      CompanyCode: "1",
      OfficeCode: "M",
      StoreCode: "W01",
      WarehouseCode: "W01",
      POSTerminalID: 1,
      DocumentNumber: "SHOP-100234",
      Description: "web:SHOP-100234",
      InternalDescription: "SHOP-100234",
      IsSalesViaInternet: true,
      IsCompleted: true,
      OrderDate: "2026-11-01T00:00:00.000Z",
      CreatedUserName: "eticaret",
    },
  );
  const [row] = h.data.rows("trOrderLine");
  assert.ok(row);
  assert.equal(row.OrderLineID, line.LineID);
  assert.equal(row.OrderHeaderID, header.OrderHeaderID);
  assert.deepEqual(
    [row.ItemTypeCode, row.ItemCode, row.ColorCode, row.ItemDim1Code, row.ItemDim2Code, row.ItemDim3Code],
    [1, "KML-1001", "RED", "M", "", ""],
  );
  assert.deepEqual([row.Qty1, row.VatCode, row.VatRate, row.Price, row.UsedBarcode, row.LineDescription], [
    2,
    "KDV20",
    20,
    100,
    BARCODE,
    "line-1",
  ]);
  const [cur] = h.data.rows("trOrderLineCurrency");
  assert.deepEqual(
    { ...cur },
    {
      OrderLineID: row.OrderLineID,
      CurrencyCode: "TRY",
      PriceVI: 120,
      AmountVI: 240,
      NetAmount: 200,
      Vat: 40,
    },
  );
  const [web] = h.data.rows("tpOrdersViaInternetInfo");
  assert.ok(web);
  assert.equal(web.OrderHeaderID, header.OrderHeaderID);
  assert.deepEqual(
    [web.SalesURL, web.PaymentTypeCode, web.PaymentTypeDescription, web.PaymentAgent],
    ["www.example.com", 1, "KREDIKARTI/BANKAKARTI", "IYZICO"],
  );
  assert.equal((web.PaymentDate as Date).toISOString(), "2026-11-01T00:00:00.000Z");
  assert.equal((web.SendDate as Date).toISOString(), "2026-11-02T00:00:00.000Z");
});

Deno.test("Post is not idempotent: the same JSON twice makes two orders", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const body = retailOrder();
  const first = await post(h.sim, token, body);
  const second = await post(h.sim, token, body);
  assert.equal(first.json.OrderNumber, "1-R-7-1");
  assert.equal(second.json.OrderNumber, "1-R-7-2");
  const headers = h.data.rows("trOrderHeader").filter((r) => r.DocumentNumber === "SHOP-100234");
  assert.equal(headers.length, 2);
  assert.notEqual(headers[0]!.OrderHeaderID, headers[1]!.OrderHeaderID);
  assert.equal(h.data.rows("trOrderLine").length, 2);
});

Deno.test("Post ModelType 5 (wholesale): type-3 customer, WarehouseCode, WS numbering of its own", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const ws = await post(h.sim, token, {
    ModelType: 5,
    CustomerCode: "B2B001",
    OfficeCode: "M",
    WarehouseCode: "D01",
    Lines: [{ UsedBarcode: BARCODE, Qty1: 1, PriceVI: 60 }],
  });
  assert.equal(ws.json.OrderNumber, "1-WS-7-1", String(ws.json.ExceptionMessage));
  const retail = await post(h.sim, token, retailOrder());
  assert.equal(retail.json.OrderNumber, "1-R-7-1");
  const header = h.data.rows("trOrderHeader").find((r) => r.ProcessCode === "WS");
  assert.deepEqual([header?.CurrAccTypeCode, header?.CurrAccCode, header?.WarehouseCode, header?.StoreCode], [
    3,
    "B2B001",
    "D01",
    "",
  ]);
  const wrongType = await post(h.sim, token, {
    ModelType: 5,
    CustomerCode: "WEB001",
    OfficeCode: "M",
    WarehouseCode: "D01",
    Lines: [{ UsedBarcode: BARCODE, Qty1: 1 }],
  });
  assert.match(String(wrongType.json.ExceptionMessage), /CustomerCode "WEB001".*CurrAccTypeCode 3/);
  const noWarehouse = await post(h.sim, token, {
    ModelType: 5,
    CustomerCode: "B2B001",
    OfficeCode: "M",
    Lines: [],
  });
  assert.match(String(noWarehouse.json.ExceptionMessage), /WarehouseCode/);
});

Deno.test("the order number continues after orders already in the data set", async () => {
  await using h = await harness();
  h.data.insert("trOrderHeader", {
    ProcessCode: "R",
    OrderNumber: "1-R-7-41",
    CurrAccTypeCode: 4,
    CurrAccCode: "WEB001",
  });
  const token = await connectToken(h.sim);
  assert.equal((await post(h.sim, token, retailOrder())).json.OrderNumber, "1-R-7-42");
});

Deno.test("a line may name its variant by codes (with ItemDim2Code); VAT comes from the tax group chain", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const a = await post(
    h.sim,
    token,
    retailOrder({
      Lines: [
        { ItemCode: "KML-2002", ColorCode: "", ItemDim1Code: "STD", ItemDim2Code: "A", Qty1: 3, PriceVI: 55 },
        { ItemTypeCode: 1, ItemCode: "kml-1001", ColorCode: "RED", ItemDim1Code: "L", Qty1: 1, Price: 100 },
      ],
    }),
  );
  assert.equal(a.json.ExceptionMessage, undefined, String(a.json.ExceptionMessage));
  const [l1, l2] = h.data.rows("trOrderLine");
  assert.deepEqual([l1?.ItemCode, l1?.ItemDim2Code, l1?.VatCode, l1?.VatRate, l1?.Price, l1?.SortOrder], [
    "KML-2002",
    "A",
    "KDV10",
    10,
    50,
    1,
  ]);
  // A VAT-exclusive Price alone is taken as it is; PriceVI is derived from it.
  assert.deepEqual([l2?.ItemCode, l2?.Price, l2?.VatRate, l2?.SortOrder], ["KML-1001", 100, 20, 2]);
  const c2 = h.data.rows("trOrderLineCurrency").find((c) => c.OrderLineID === l2?.OrderLineID);
  assert.equal(c2?.PriceVI, 120);
});

Deno.test("a service item (ItemTypeCode 5, e.g. the cargo fee) needs only its cdItem card", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const ok = await post(
    h.sim,
    token,
    retailOrder({
      Lines: [{ UsedBarcode: BARCODE, Qty1: 1, PriceVI: 120 }, {
        ItemTypeCode: 5,
        ItemCode: "KARGO",
        Qty1: 1,
        PriceVI: 30,
      }],
    }),
  );
  assert.equal(ok.json.ExceptionMessage, undefined, String(ok.json.ExceptionMessage));
  const cargo = h.data.rows("trOrderLine").find((r) => r.ItemTypeCode === 5);
  assert.deepEqual([cargo?.ItemCode, cargo?.ColorCode, cargo?.Price], ["KARGO", "", 25]);
  const unknown = await post(
    h.sim,
    token,
    retailOrder({ Lines: [{ ItemTypeCode: 5, ItemCode: "NAKLIYE", Qty1: 1 }] }),
  );
  assert.match(String(unknown.json.ExceptionMessage), /ItemCode "5\/NAKLIYE".*cdItem/);
});

Deno.test("codes are looked up as V3's Turkish_CI_AS compares them: i is İ, ı is I, trailing spaces do not count", async () => {
  await using h = await harness();
  h.data.insert("cdItem", { ItemTypeCode: 5, ItemCode: "NAKLİYE", ItemTaxGrCode: "%20" });
  const token = await connectToken(h.sim);
  const line = (ItemCode: string) =>
    retailOrder({ Lines: [{ ItemTypeCode: 5, ItemCode, Qty1: 1, PriceVI: 30 }] });
  for (const code of ["nakliye", "NAKLİYE ", "Nakliye"]) {
    const ok = await post(h.sim, token, line(code));
    assert.equal(ok.json.ExceptionMessage, undefined, `${code}: ${ok.json.ExceptionMessage}`);
  }
  for (const code of ["NAKLIYE", "naklıye"]) {
    const no = await post(h.sim, token, line(code));
    assert.match(String(no.json.ExceptionMessage), /not found in cdItem/, code);
  }
});

Deno.test("numbers sent as strings and keys in any case are accepted, like the real binder", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const body = {
    ModelType: "6",
    customercode: "WEB001",
    OfficeCode: "M",
    StoreCode: "W01",
    StoreWarehouseCode: "W01",
    POSTerminalID: "3",
    IsSalesViaInternet: "true",
    OrdersViaInternetInfo: { SalesUrl: "www.example.com", PaymentTypeCode: "2" },
    Lines: [{ usedBarcode: BARCODE, Qty1: "1", PriceVI: "99.90" }],
  };
  const a = await post(h.sim, token, body);
  assert.equal(a.json.ExceptionMessage, undefined, String(a.json.ExceptionMessage));
  // The echo keeps the sender's spelling of keys.
  assert.equal(a.json.ModelType, 6);
  assert.match(String((a.json.Lines as Record<string, unknown>[])[0]!.LineID), GUID);
  const header = h.data.rows("trOrderHeader")[0];
  assert.deepEqual([
    header?.CurrAccCode,
    header?.WarehouseCode,
    header?.POSTerminalID,
    header?.IsSalesViaInternet,
  ], [
    "WEB001",
    "W01",
    3,
    true,
  ]);
  const web = h.data.rows("tpOrdersViaInternetInfo")[0];
  assert.deepEqual([web?.SalesURL, web?.PaymentTypeCode], ["www.example.com", 2]);
  assert.equal(h.data.rows("trOrderLineCurrency")[0]?.PriceVI, 99.9);
});

Deno.test("OrderDate accepts Nebim's date forms (dd.MM.yyyy, yyyyMMdd, /Date(ms)/)", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  for (
    const [sent, want] of [
      ["20.09.2026", "2026-09-20"],
      ["20260921", "2026-09-21"],
      [`/Date(${Date.UTC(2026, 8, 22)})/`, "2026-09-22"],
    ]
  ) {
    const a = await post(h.sim, token, retailOrder({ OrderDate: sent }));
    assert.equal(a.json.ExceptionMessage, undefined, String(a.json.ExceptionMessage));
    const header = h.data.rows("trOrderHeader").find((r) => r.OrderNumber === a.json.OrderNumber);
    assert.equal((header?.OrderDate as Date).toISOString().slice(0, 10), want, String(sent));
  }
});

Deno.test("DeliveryCompanyCode and CreditCardTypeCode are accepted when defined in V3", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const a = await post(
    h.sim,
    token,
    retailOrder({
      DeliveryCompanyCode: "aras",
      ShipmentMethodCode: 2,
      Payments: [{ PaymentType: 2, Code: "", CreditCardTypeCode: "IYZ", InstallmentCount: "1", Amount: 240 }],
    }),
  );
  assert.equal(a.json.ExceptionMessage, undefined, String(a.json.ExceptionMessage));
  const header = h.data.rows("trOrderHeader")[0];
  assert.deepEqual([header?.DeliveryCompanyCode, header?.ShipmentMethodCode], ["aras", "2"]);
});

Deno.test("the order date defaults to the data set's clock (SQL Server's GETDATE)", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  await post(h.sim, token, retailOrder());
  const header = h.data.rows("trOrderHeader")[0];
  assert.equal(
    (header?.OrderDate as Date).getTime(),
    Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()),
  );
});

Deno.test("session mode: Post under /(S(id))/IntegratorService/Post? saves the order", async () => {
  await using h = await harness({ mode: "session" });
  const c = await request(`${h.sim.baseUrl}/IntegratorService/Connect`, { body: connectBody() });
  const a = await request(`${h.sim.baseUrl}/(S(${c.json.SessionID}))/IntegratorService/Post?`, {
    body: retailOrder(),
  });
  assert.equal(a.json.OrderNumber, "1-R-7-1", String(a.json.ExceptionMessage));
  assert.equal(h.data.rows("trOrderHeader").length, 1);
});
