/**
 * Small store data and request helpers shared by the Qukasoft simulator tests.
 * @module
 */

import type { StoreData, StoreOrder, StoreProduct } from "../../../sim/qukasoft/types.ts";

export const KEY = "test-key-123";
export const SECRET = "test-secret-456";
export const AUTH = { apikey: KEY, apisecret: SECRET };

export function product(id: number, code: string, stockCodes: string[], price = 899.9): StoreProduct {
  return {
    id,
    productCode: code,
    name: `Ürün ${code}`,
    active: true,
    vatRate: 10,
    variants: stockCodes.map((stockCode, i) => ({
      stockCode,
      barcode: stockCode,
      name1: "Renk",
      value1: "Beyaz",
      name2: "Beden",
      value2: String(36 + i),
      quantity: 4,
      price,
      marketplacePrice: price + 50,
    })),
  };
}

export function order(id: number, code: string, status = 1, stockCode = "8690000000017"): StoreOrder {
  const address = {
    name: "Ayşe Yılmaz",
    address: "Moda Cd. 1",
    district: "Kadıköy",
    city: "İstanbul",
    country: "TR",
    zipCode: "34710",
    phone: "+905320000000",
  };
  return {
    id,
    code,
    status,
    platform: "trendyol",
    createdAt: "2026-11-27T14:03:11+03:00",
    currency: "TRY",
    customer: {
      name: "Ayşe Yılmaz",
      email: "ayse@example.com",
      phone: "+905320000000",
      identityNumber: "",
      taxNumber: "",
      taxOffice: "",
      companyName: "",
    },
    shippingAddress: address,
    billingAddress: { ...address },
    payment: { type: "credit_card", provider: "iyzico", installments: 1 },
    cargo: { company: "ARAS", price: 49.9 },
    discount: 0,
    total: 949.8,
    transferred: false,
    products: [{
      productId: 812,
      stockCode,
      barcode: stockCode,
      name: "Keten Gömlek",
      quantity: 1,
      price: 899.9,
      vatRate: 10,
      variant1Name: "Renk",
      value1: "Beyaz",
      variant2Name: "Beden",
      value2: "M",
    }],
  };
}

/** Five products (ids 811..815) and four orders (ids 30451..30454, statuses 1, 2, 1, 6). */
export function sampleData(): StoreData {
  return {
    products: [
      product(812, "KML-1001", ["8690000000017", "8690000000024"]),
      product(811, "KML-1000", ["8690000000000"]),
      product(813, "KML-1002", ["8690000000031"]),
      product(815, "KML-1004", ["8690000000055"]),
      product(814, "KML-1003", ["8690000000048"]),
    ],
    orders: [
      order(30451, "TY10293847", 1),
      order(30452, "WEB-000002", 2),
      order(30453, "TY10293849", 1),
      order(30454, "HB-000004", 6),
    ],
  };
}

/** Minimal structural view of an app (Hono's `request`), so helpers need no Hono types. */
export interface Requestable {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export function get(
  app: Requestable,
  path: string,
  headers: Record<string, string> = AUTH,
): Promise<Response> {
  return Promise.resolve(app.request(path, { headers }));
}

export function post(
  app: Requestable,
  path: string,
  body: unknown,
  headers: Record<string, string> = AUTH,
): Promise<Response> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return Promise.resolve(
    app.request(path, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: text,
    }),
  );
}

/** The `{ code, result }` or `{ code, message }` envelope of a response. */
export async function envelope<T = unknown>(
  res: Response,
): Promise<{ code: number; result: T; message?: string }> {
  return await res.json();
}
