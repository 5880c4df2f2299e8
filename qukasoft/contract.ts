/**
 * Every path, header, field name, limit and status code of the Qukasoft API as this project assumes it
 * (`docs/qukasoft-api.md`), with write_contract.ts for the write calls' bodies and answers. When Qukasoft
 * confirms the real contract for a merchant, these two files are the ones to replace; the rest of
 * `qukasoft/` works in the agent's terms (kuruş, typed results).
 *
 * Wire shapes are zod schemas so a response that breaks the contract is caught at the boundary with the
 * field named. Money on the wire is a decimal number in TRY with at most two decimals.
 * @module
 */

import { z } from "zod";
import { isRecord } from "../is_record.ts";

export const PATHS = {
  auth: "/auth",
  productList: "/product/lists",
  productSave: "/product/save",
  stockPrice: "/product/stockPrice",
  orderList: "/order/listsV2",
  setTransferred: "/order/setTransferred",
} as const;

export const HEADERS = { apiKey: "apikey", apiSecret: "apisecret", retryAfter: "Retry-After" } as const;

/** Query parameters of the list endpoints. */
export const QUERY = {
  pageStart: "pageStart",
  pageSize: "pageSize",
  orderBy: "orderBy",
  sort: "sort",
  status: "status",
  orderById: "id",
} as const;

export const LIMITS = {
  /** Products per POST /product/save. */
  saveProducts: 100,
  /** Items per POST /product/stockPrice. */
  stockPriceItems: 500,
  /** The page size asked for; the server may use less and says so. */
  pageSize: 100,
  /** Requests per window per store. */
  requestsPerWindow: 50,
  windowMs: 10_000,
} as const;

/** Order `status` values. */
export const ORDER_STATUS = {
  new: 1,
  preparing: 2,
  shipped: 3,
  delivered: 4,
  returned: 5,
  cancelled: 6,
} as const;

/** The per-item error message of POST /product/stockPrice for an unknown stock code. */
export const NOT_FOUND_MESSAGE = "not found";

/**
 * Whether a stockPrice item result says the store has no such stock code: the contract's one message, read as
 * a PHP store may word it ("Not found.", " NOT FOUND "). Only that message: "warehouse not found" is a refusal.
 */
export function isUnknownStockCode(r: { status: string; message?: string | null }): boolean {
  const said = r.message?.trim().replace(/\.$/, "").toLowerCase();
  return r.status === "error" && said === NOT_FOUND_MESSAGE;
}

/**
 * HTTP statuses worth another try: the rate limit, server errors and 408 (a proxy or the server gave up
 * waiting for the request, nothing was wrong with it). Every other 4xx is final.
 */
export function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** 401/403: the credentials are wrong or lack rights. */
export function isAuthStatus(status: number): boolean {
  return status === 401 || status === 403;
}

// ---- envelopes ---------------------------------------------------------------------------------------

export const errorEnvelope = z.object({ code: z.number(), message: z.string() });
export const okEnvelope = z.object({ code: z.number(), result: z.unknown() });

// ---- read side ---------------------------------------------------------------------------------------

/** Descriptive text the agent can live without: a missing or null value reads as "". */
const text = z.string().nullish().transform((v) => v ?? "");

/** `899.90`, `"899.90"`, `"899,90"`, `" 4 "`: digits with at most one decimal point or comma, no grouping. */
const NUMERIC_TEXT = /^\s*-?\d+(?:[.,]\d+)?\s*$/;

/**
 * A number as a PHP store sends it: a JSON number, or a numeric string (PDO hands a DECIMAL column, and
 * without native types every column, to json_encode as a string: `"899.90"`), its decimal point possibly a
 * comma. The contract says numbers; a string that reads as one exactly is taken, anything else
 * ("1.299,90", "", null) is refused, naming what came, rather than guessed at.
 */
const numeric = z.unknown().transform((v, ctx): number => {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && NUMERIC_TEXT.test(v)) return Number(v.trim().replace(",", "."));
  const shown = typeof v === "string"
    ? JSON.stringify(v.slice(0, 40))
    : v === undefined
    ? "nothing"
    : JSON.stringify(v);
  ctx.addIssue({ code: "custom", message: `expected a number, received ${shown}` });
  return z.NEVER;
});
const integer = numeric.refine(Number.isInteger, { message: "expected a whole number" });
const money = numeric;

/** `true`/`false`, or PHP's TINYINT forms `1`/`0` and `"1"`/`"0"`. */
const flag = z.union([
  z.boolean(),
  z.literal(1).transform(() => true),
  z.literal(0).transform(() => false),
  z.enum(["1", "true"]).transform(() => true),
  z.enum(["0", "false"]).transform(() => false),
], { error: "expected true or false" });

/**
 * `result` of GET /auth. Public client code only calls it to test the connection (peers.md A.8), so its shape
 * is not known: the store's name is read when it is given, and any other answer the envelope calls a success
 * still says the keys were taken.
 */
export const authResult = z.unknown().transform((r): { storeName?: string } =>
  isRecord(r) && typeof r.storeName === "string" ? { storeName: r.storeName } : {}
);

export const wireVariant = z.object({
  stockCode: z.string(),
  barcode: text,
  name1: text,
  value1: text,
  name2: text,
  value2: text,
  quantity: integer,
  price: money,
  // null where the merchant sells on no marketplace (the column never set): "not set", not unreadable.
  marketplacePrice: money.nullable(),
});

export const wireProduct = z.object({
  id: integer,
  productCode: z.string(),
  name: z.string(),
  active: flag,
  vatRate: numeric,
  variants: z.array(wireVariant),
});

const wireAddress = z.object({
  name: text,
  address: text,
  district: text,
  city: text,
  country: text,
  zipCode: text,
  phone: text,
});

export const wireOrderLine = z.object({
  productId: integer,
  stockCode: z.string(),
  barcode: text,
  name: z.string(),
  quantity: integer,
  price: money,
  vatRate: numeric,
  variant1Name: text,
  value1: text,
  variant2Name: text,
  value2: text,
});

export const wireOrder = z.object({
  id: integer,
  code: z.string(),
  status: integer,
  platform: z.string(),
  createdAt: z.string(),
  currency: z.string(),
  customer: z.object({
    name: text,
    email: text,
    phone: text,
    identityNumber: text,
    taxNumber: text,
    taxOffice: text,
    companyName: text,
  }),
  shippingAddress: wireAddress,
  billingAddress: wireAddress,
  payment: z.object({ type: text, provider: text, installments: integer }),
  cargo: z.object({ company: text, price: money }),
  discount: money,
  total: money,
  // Absent on an order never marked (the contract's example has none); `true` once marked.
  transferred: flag.default(false),
  products: z.array(wireOrderLine),
});

/** `result` of the list endpoints: the server reports the page size it actually used. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    total: integer,
    pageSize: integer.refine((n) => n >= 1, { message: "expected at least 1" }),
    list: z.array(item),
  });
}

export type WireProduct = z.infer<typeof wireProduct>;
export type WireOrder = z.infer<typeof wireOrder>;
export type WireAddress = z.infer<typeof wireAddress>;
