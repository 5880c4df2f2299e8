/**
 * Post of a sales order: ModelType 6 (retail, process R) and 5 (wholesale, process WS), research/nebim.md
 * §4.1–4.3. The model is checked against V3's codes, numbered, written to trOrderHeader, trOrderLine,
 * trOrderLineCurrency and tpOrdersViaInternetInfo (where the SQL side reads it), and echoed back with
 * the generated OrderNumber, OrderHeaderID and Lines[].LineID. Like the real service it is not
 * idempotent: the same JSON twice makes two orders.
 * @module
 */

import { DataSetError, type NebimDataSet, type Row } from "../nebim/dataset.ts";
import {
  field,
  isObject,
  type JsonObject,
  NebimRejection,
  readBool,
  readDate,
  readNumber,
  readText,
  setField,
} from "./json.ts";
import { requireCode, sameCode } from "./lookup.ts";
import { resolveLines, round4 } from "./order_lines.ts";
import type { SimUser } from "./sessions.ts";

/** The number series in the middle of an order number: `1-R-7-1234`. */
const SERIES = "7";

interface Header {
  processCode: "R" | "WS";
  currAccTypeCode: 3 | 4;
  customerCode: string;
  officeCode: string;
  companyCode: string;
  storeCode: string;
  warehouseCode: string;
  posTerminalId: number;
}

export function postOrder(data: NebimDataSet, user: SimUser, body: JsonObject, modelType: 5 | 6): JsonObject {
  const h = readHeader(data, user, body, modelType);
  checkPayments(data, body);
  const deliveryCompanyCode = readText(body, "DeliveryCompanyCode", { max: 10 });
  if (deliveryCompanyCode) {
    requireCode(
      data,
      "cdDeliveryCompany",
      { DeliveryCompanyCode: deliveryCompanyCode },
      "DeliveryCompanyCode",
      deliveryCompanyCode,
    );
  }
  const web = field(body, "OrdersViaInternetInfo");
  if (web !== undefined && web !== null && !isObject(web)) {
    throw new NebimRejection("OrdersViaInternetInfo must be an object.");
  }
  const lines = resolveLines(data, body, h.processCode);
  const now = data.clock();
  const orderNumber = nextOrderNumber(data, h.processCode);
  const headerId = crypto.randomUUID().toUpperCase();
  const audit = { CreatedUserName: user.userName, LastUpdatedUserName: user.userName };

  const writes: [string, Record<string, unknown>][] = [["trOrderHeader", {
    OrderHeaderID: headerId,
    OrderTypeCode: 1,
    ProcessCode: h.processCode,
    OrderNumber: orderNumber,
    OrderDate: readDate(body, "OrderDate") ?? now,
    DocumentNumber: readText(body, "DocumentNumber", { max: 30 }),
    Description: readText(body, "Description", { max: 200 }),
    InternalDescription: readText(body, "InternalDescription", { max: 200 }),
    CurrAccTypeCode: h.currAccTypeCode,
    CurrAccCode: h.customerCode,
    CompanyCode: h.companyCode,
    OfficeCode: h.officeCode,
    StoreCode: h.storeCode,
    POSTerminalID: h.posTerminalId,
    WarehouseCode: h.warehouseCode,
    DeliveryCompanyCode: deliveryCompanyCode,
    ShipmentMethodCode: readText(body, "ShipmentMethodCode", { max: 10 }),
    IsSalesViaInternet: readBool(body, "IsSalesViaInternet", false),
    IsCompleted: readBool(body, "IsCompleted", true),
    IsInclutedVat: true,
    LocalCurrencyCode: "TRY",
    ...audit,
  }]];
  if (isObject(web)) {
    const p = "OrdersViaInternetInfo.";
    writes.push(["tpOrdersViaInternetInfo", {
      OrderHeaderID: headerId,
      SalesURL: readText(web, "SalesURL", { path: p, max: 30 }),
      PaymentTypeCode: readNumber(web, "PaymentTypeCode", { path: p, integer: true, min: 0, max: 255 }) ?? 0,
      PaymentTypeDescription: readText(web, "PaymentTypeDescription", { path: p, max: 100 }),
      PaymentAgent: readText(web, "PaymentAgent", { path: p, max: 100 }),
      PaymentDate: readDate(web, "PaymentDate", p) ?? null,
      SendDate: readDate(web, "SendDate", p) ?? null,
    }]);
  }
  const lineIds = lines.map(() => crypto.randomUUID().toUpperCase());
  lines.forEach((l, i) => {
    const lineId = lineIds[i]!;
    const amountVI = round4(l.priceVI * l.qty);
    const net = round4(amountVI / (1 + l.vatRate / 100));
    writes.push(["trOrderLine", {
      OrderLineID: lineId,
      OrderHeaderID: headerId,
      SortOrder: i + 1,
      ...l.item,
      Qty1: l.qty,
      UsedBarcode: l.usedBarcode,
      LineDescription: l.lineDescription,
      VatCode: l.vatCode,
      VatRate: l.vatRate,
      Price: l.price,
      DocCurrencyCode: "TRY",
      ...audit,
    }]);
    writes.push(["trOrderLineCurrency", {
      OrderLineID: lineId,
      CurrencyCode: "TRY",
      PriceVI: l.priceVI,
      AmountVI: amountVI,
      NetAmount: net,
      Vat: round4(amountVI - net),
    }]);
  });
  writeAll(data, writes);

  const echo = structuredClone(body);
  setField(echo, "ModelType", modelType);
  setField(echo, "OrderNumber", orderNumber);
  setField(echo, "OrderHeaderID", headerId);
  const echoLines = field(echo, "Lines");
  if (Array.isArray(echoLines)) {
    echoLines.forEach((line, i) => {
      if (!isObject(line)) return;
      setField(line, "LineID", lineIds[i]!);
      for (const [k, v] of Object.entries(lines[i]!.item)) setField(line, k, v);
    });
  }
  return echo;
}

function readHeader(data: NebimDataSet, user: SimUser, body: JsonObject, modelType: 5 | 6): Header {
  const retail = modelType === 6;
  const currAccTypeCode = retail ? 4 : 3;
  const customerCode = readText(body, "CustomerCode", { required: true, max: 30 });
  requireCode(
    data,
    "cdCurrAcc",
    { CurrAccTypeCode: currAccTypeCode, CurrAccCode: customerCode },
    "CustomerCode",
    customerCode,
  );
  const officeCode = readText(body, "OfficeCode", { required: true, max: 5 });
  const office = requireCode(data, "cdOffice", { OfficeCode: officeCode }, "OfficeCode", officeCode);
  let storeCode = "";
  let warehouseField = "WarehouseCode";
  let posTerminalId = 0;
  if (retail) {
    storeCode = readText(body, "StoreCode", { required: true, max: 30 });
    requireCode(data, "cdCurrAcc", { CurrAccTypeCode: 5, CurrAccCode: storeCode }, "StoreCode", storeCode);
    // A store user may only post for its own store (research/nebim.md §2.2).
    if (user.storeCode && !sameCode(storeCode, user.storeCode)) {
      throw new NebimRejection(
        `StoreCode "${storeCode}": user ${user.userName} may only post for store ${user.storeCode}.`,
      );
    }
    warehouseField = "StoreWareHouseCode";
    posTerminalId = readNumber(body, "PosTerminalID", { integer: true, min: 0, max: 32767 }) ?? 0;
  }
  const warehouseCode = readText(body, warehouseField, { required: true, max: 10 });
  requireCode(data, "cdWarehouse", { WarehouseCode: warehouseCode }, warehouseField, warehouseCode);
  return {
    processCode: retail ? "R" : "WS",
    currAccTypeCode,
    customerCode,
    officeCode: String(office.OfficeCode),
    companyCode: String(office.CompanyCode || "1"),
    storeCode,
    warehouseCode,
    posTerminalId,
  };
}

/** Payments are not booked by the simulator, but their codes are checked like the real service does. */
function checkPayments(data: NebimDataSet, body: JsonObject): void {
  const top = readText(body, "CreditCardTypeCode", { max: 10 });
  if (top) requireCode(data, "cdCreditCardType", { CreditCardTypeCode: top }, "CreditCardTypeCode", top);
  const payments = field(body, "Payments");
  if (payments === undefined || payments === null) return;
  if (!Array.isArray(payments)) throw new NebimRejection("Payments must be an array.");
  payments.forEach((p, i) => {
    const label = `Payments[${i}].`;
    if (!isObject(p)) throw new NebimRejection(`${label.slice(0, -1)} must be an object.`);
    readNumber(p, "PaymentType", { path: label, integer: true });
    readNumber(p, "Amount", { path: label });
    const card = readText(p, "CreditCardTypeCode", { path: label, max: 10 });
    if (card) {
      requireCode(data, "cdCreditCardType", { CreditCardTypeCode: card }, `${label}CreditCardTypeCode`, card);
    }
  });
}

/** The next running number of the process's series, continuing after any order already in the data. */
function nextOrderNumber(data: NebimDataSet, processCode: string): string {
  const pattern = new RegExp(`^1-${processCode}-${SERIES}-(\\d+)$`, "i");
  let max = 0;
  for (const r of data.rows("trOrderHeader")) {
    const m = typeof r.OrderNumber === "string" ? pattern.exec(r.OrderNumber) : null;
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `1-${processCode}-${SERIES}-${max + 1}`;
}

/** Inserts every row or none: a failure half-way removes what was written (one SQL transaction). */
function writeAll(data: NebimDataSet, writes: [string, Record<string, unknown>][]): void {
  const done: [string, Row][] = [];
  try {
    for (const [table, row] of writes) done.push([table, data.insert(table, fileForm(row))]);
  } catch (e) {
    for (const [table, row] of done.reverse()) data.delete(table, (r) => r === row);
    if (e instanceof DataSetError) {
      throw new NebimRejection(`Kayıt yapılamadı (the order could not be saved): ${e.message}`);
    }
    throw e;
  }
}

/** NebimDataSet.insert takes rows in data-set file form: dates as zone-less ISO text. */
function fileForm(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 23) : v]),
  );
}
