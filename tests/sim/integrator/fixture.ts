/**
 * A small Nebim data set with every code the Integrator simulator checks, and helpers to talk to the
 * simulator over real HTTP on loopback.
 * @module
 */

import { FaultInjector } from "../../../sim/faults.ts";
import { NebimDataSet } from "../../../sim/nebim/dataset.ts";
import {
  type IntegratorSim,
  type IntegratorSimOptions,
  startIntegratorSim,
} from "../../../sim/integrator/server.ts";

export const DB = "V3_TEST";
export const USER = { userGroupCode: "ADM", userName: "eticaret", password: "s3cret-Pa55", officeCode: "M" };
export const STORE_USER = {
  userGroupCode: "MGZ",
  userName: "kasa",
  password: "kasa-pass",
  officeCode: "M",
  storeCode: "W01",
};
export const BARCODE = "8690000000017";
export const NOW = new Date("2026-11-01T10:00:00.000Z");

export function makeDataSet(): NebimDataSet {
  return NebimDataSet.fromJson({
    cdOffice: [{ OfficeCode: "M", CompanyCode: "1" }],
    cdCurrAcc: [
      { CurrAccTypeCode: 4, CurrAccCode: "WEB001", FirstLastName: "Web Müşteri" },
      { CurrAccTypeCode: 4, CurrAccCode: "BLK001", IsBlocked: true },
      { CurrAccTypeCode: 3, CurrAccCode: "B2B001" },
      { CurrAccTypeCode: 5, CurrAccCode: "W01" },
      { CurrAccTypeCode: 5, CurrAccCode: "S02" },
    ],
    cdWarehouse: [
      { WarehouseCode: "D01", OfficeCode: "M" },
      { WarehouseCode: "W01", OfficeCode: "M", CurrAccTypeCode: 5, CurrAccCode: "W01" },
    ],
    cdItem: [
      { ItemTypeCode: 1, ItemCode: "KML-1001", ItemTaxGrCode: "%20" },
      { ItemTypeCode: 1, ItemCode: "KML-2002", ItemTaxGrCode: "%10" },
      { ItemTypeCode: 1, ItemCode: "KML-3003", ItemTaxGrCode: "%20", IsBlocked: true },
      { ItemTypeCode: 1, ItemCode: "KML-4004", ItemTaxGrCode: "" },
      { ItemTypeCode: 5, ItemCode: "KARGO", ItemTaxGrCode: "%20" },
    ],
    prItemVariant: [
      { ItemTypeCode: 1, ItemCode: "KML-1001", ColorCode: "RED", ItemDim1Code: "M" },
      { ItemTypeCode: 1, ItemCode: "KML-1001", ColorCode: "RED", ItemDim1Code: "L" },
      { ItemTypeCode: 1, ItemCode: "KML-2002", ColorCode: "", ItemDim1Code: "STD", ItemDim2Code: "A" },
      { ItemTypeCode: 1, ItemCode: "KML-3003", ColorCode: "BLU", ItemDim1Code: "S" },
      { ItemTypeCode: 1, ItemCode: "KML-4004", ColorCode: "BLK", ItemDim1Code: "S" },
    ],
    prItemBarcode: [
      {
        Barcode: BARCODE,
        BarcodeTypeCode: "DEF",
        ItemTypeCode: 1,
        ItemCode: "KML-1001",
        ColorCode: "RED",
        ItemDim1Code: "M",
      },
    ],
    cdItemTaxGr: [{ ItemTaxGrCode: "%20" }, { ItemTaxGrCode: "%10" }],
    prItemTaxGrAtt: [
      { ItemTaxGrCode: "%20", CountryCode: "TR", ProcessCode: "R", SellVatCode: "KDV20" },
      { ItemTaxGrCode: "%10", CountryCode: "TR", ProcessCode: "R", SellVatCode: "KDV10" },
    ],
    cdVat: [{ VatCode: "KDV20", VatRate: 20 }, { VatCode: "KDV10", VatRate: 10 }],
    cdDeliveryCompany: [{ DeliveryCompanyCode: "ARAS" }],
    cdCreditCardType: [{ CreditCardTypeCode: "IYZ" }],
    cdOrderCancelReason: [{ OrderCancelReasonCode: "01" }],
  }, { clock: () => NOW });
}

export interface Harness {
  sim: IntegratorSim;
  data: NebimDataSet;
  /** The simulator's clock in ms; tests move it forward. */
  now: { ms: number };
  [Symbol.asyncDispose](): Promise<void>;
}

export async function harness(extra: Partial<IntegratorSimOptions> = {}): Promise<Harness> {
  const data = extra.data ?? makeDataSet();
  const now = { ms: 1_000_000 };
  const sim = await startIntegratorSim({
    data,
    databaseName: DB,
    users: [USER, STORE_USER],
    mode: "token",
    clock: () => now.ms,
    faults: new FaultInjector(),
    ...extra,
  });
  return { sim, data, now, [Symbol.asyncDispose]: () => sim.close() };
}

export interface Answer {
  status: number;
  json: Record<string, unknown> & { ExceptionMessage?: string };
  headers: Headers;
}

/** One request; the body is always read so no resource is left open. */
export async function request(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.body === undefined
      ? undefined
      : typeof init.body === "string"
      ? init.body
      : JSON.stringify(init.body),
    redirect: "manual",
  });
  const text = await res.text();
  let json: Answer["json"] = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { raw: text };
  }
  return { status: res.status, json, headers: res.headers };
}

export function connectBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ModelType: 1,
    DatabaseName: DB,
    UserGroupCode: USER.userGroupCode,
    UserName: USER.userName,
    Password: USER.password,
    ...over,
  };
}

/** Connects in token mode and returns the token. */
export async function connectToken(sim: IntegratorSim, over: Record<string, unknown> = {}): Promise<string> {
  const a = await request(`${sim.baseUrl}/IntegratorService/Connect`, { body: connectBody(over) });
  const token = a.json.Token;
  if (typeof token !== "string") throw new Error(`Connect gave no token: ${JSON.stringify(a.json)}`);
  return token;
}

/** Posts a model with the token in the header. */
export function post(sim: IntegratorSim, token: string, body: unknown): Promise<Answer> {
  return request(`${sim.baseUrl}/IntegratorService/Post`, { body, headers: { Token: token } });
}

/** A valid retail order (ModelType 6) as an integrator would send it; `over` replaces header fields. */
export function retailOrder(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ModelType: 6,
    CustomerCode: "WEB001",
    OfficeCode: "M",
    StoreCode: "W01",
    StoreWareHouseCode: "W01",
    PosTerminalID: 1,
    DocumentNumber: "SHOP-100234",
    Description: "web:SHOP-100234",
    InternalDescription: "SHOP-100234",
    IsSalesViaInternet: true,
    OrdersViaInternetInfo: {
      SalesURL: "www.example.com",
      PaymentTypeCode: 1,
      PaymentTypeDescription: "KREDIKARTI/BANKAKARTI",
      PaymentAgent: "IYZICO",
      PaymentDate: "2026-11-01",
      SendDate: "20261102",
    },
    Lines: [{ UsedBarcode: BARCODE, Qty1: 2, PriceVI: 120, LineDescription: "line-1" }],
    ...over,
  };
}
