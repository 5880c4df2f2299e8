/**
 * Seeded Qukasoft orders in the shape of docs/qukasoft-api.md `order/listsV2` items (plus
 * `"transferred": false`): Turkish customers and addresses, 1–4 lines on catalogue stock codes, cargo,
 * discounts, totals exact in kuruş. A chosen number of orders carry one line whose stock code Nebim does
 * not have.
 * @module
 */

import { Random } from "../random.ts";
import type { StoreAddress, StoreCustomer, StoreOrder, StoreOrderLine } from "../qukasoft/types.ts";
import { ean13, isoTurkey, kurusToTry } from "./codes.ts";
import { DEFAULT_NOW } from "./nebim.ts";
import { endIn90 } from "./plan.ts";
import { personOf } from "./people.ts";
import { ADJECTIVES, COLORS, LETTER_SIZES, PRODUCT_KINDS } from "./words.ts";

// Generated orders are exactly the store's order records (sim/qukasoft/types.ts, i.e. docs/qukasoft-api.md).
export type StoreCustomerJson = StoreCustomer;
export type StoreAddressJson = StoreAddress;
export type StoreOrderLineJson = StoreOrderLine;
export type StoreOrderJson = StoreOrder;

export interface StoreGenOptions {
  seed: number;
  orders: number;
  stockCodes: string[];
  /** Orders with one line on a stock code not in `stockCodes`; default 3 % (rounded). */
  unmatched?: number;
  /** Id of the first order; later ids ascend, with a gap now and then. Default 501. */
  startId?: number;
  /** The newest order is a little before this. Default DEFAULT_NOW. */
  now?: Date;
}

export const CARGO_KURUS = 4990;
/** Orders at or above this (lines, VAT included) ship free. */
export const FREE_CARGO_FROM_KURUS = 100_000;

const PLATFORMS: readonly [string, number][] = [
  ["site", 35],
  ["trendyol", 25],
  ["hepsiburada", 15],
  ["n11", 8],
  ["amazon", 8],
  ["ciceksepeti", 9],
];
const STATUSES: readonly [number, number][] = [[1, 70], [2, 10], [3, 8], [4, 7], [5, 2], [6, 3]];

export function generateStoreOrders(o: StoreGenOptions): StoreOrderJson[] {
  if (!Number.isInteger(o.orders) || o.orders < 0) {
    throw new RangeError(`generateStoreOrders: orders must be a non-negative integer, got ${o.orders}`);
  }
  const unmatched = o.unmatched ?? Math.round(o.orders * 0.03);
  if (!Number.isInteger(unmatched) || unmatched < 0 || unmatched > o.orders) {
    throw new RangeError(
      `generateStoreOrders: unmatched must be an integer 0..orders (${o.orders}), got ${unmatched}`,
    );
  }
  if (o.orders > 0 && o.stockCodes.length === 0) {
    throw new RangeError("generateStoreOrders: stockCodes is empty, so no order can refer to the catalogue");
  }
  const rng = new Random((o.seed ^ 0x0bde_5) >>> 0);
  const now = (o.now ?? DEFAULT_NOW).getTime();
  const known = new Set(o.stockCodes);
  const unmatchedAt = pickIndexes(rng, o.orders, unmatched);
  // Orders arrive every few minutes; the newest is up to an hour before `now`.
  const gaps: number[] = [];
  for (let i = 0; i < o.orders; i++) gaps.push(rng.int(1, 13) * 60_000 + rng.int(0, 59) * 1000);
  let at = now - rng.int(1, 60) * 60_000 - gaps.reduce((s, g) => s + g, 0);
  let id = o.startId ?? 501;
  const out: StoreOrderJson[] = [];
  for (let i = 0; i < o.orders; i++) {
    if (i > 0) id += rng.chance(0.05) ? rng.int(2, 4) : 1;
    at += gaps[i]!;
    const platform = weighted(rng, PLATFORMS);
    const products = lines(rng, o.stockCodes);
    if (unmatchedAt.has(i)) {
      const line = rng.pick(products);
      line.stockCode = line.barcode = unknownCode(rng, known);
    }
    const subtotal = products.reduce((sum, l) => sum + Math.round(l.price * 100) * l.quantity, 0);
    const cargo = subtotal >= FREE_CARGO_FROM_KURUS || rng.chance(0.1) ? 0 : CARGO_KURUS;
    const discount = rng.chance(0.2) ? discountOf(rng, subtotal) : 0;
    const person = personOf(rng);
    out.push({
      id,
      code: codeOf(rng, platform, id),
      status: weighted(rng, STATUSES),
      platform,
      createdAt: isoTurkey(at),
      currency: "TRY",
      customer: person.customer,
      shippingAddress: person.shipping,
      billingAddress: person.billing,
      payment: paymentOf(rng, platform),
      cargo: { company: rng.chance(0.6) ? "ARAS" : "MNG", price: kurusToTry(cargo) },
      discount: kurusToTry(discount),
      total: kurusToTry(subtotal + cargo - discount),
      transferred: false,
      products,
    });
  }
  return out;
}

function weighted<T>(rng: Random, table: readonly [T, number][]): T {
  let r = rng.next() * table.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}

function pickIndexes(rng: Random, n: number, k: number): Set<number> {
  const out = new Set<number>();
  while (out.size < k) out.add(rng.int(0, n - 1));
  return out;
}

/** Codes in each marketplace's own style; the id makes them unique. */
function codeOf(rng: Random, platform: string, id: number): string {
  const digits = (width: number) => String(id * 97 + rng.int(0, 96)).padStart(width, "0");
  switch (platform) {
    case "site":
      return `WEB-${String(id).padStart(6, "0")}`;
    case "trendyol":
      return `TY1${digits(7)}`;
    case "hepsiburada":
      return `HB2${digits(9)}`;
    case "n11":
      return `N11-${digits(9)}`;
    case "amazon":
      return `402-${digits(7)}-${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
    default:
      return `CS${digits(8)}`;
  }
}

function lines(rng: Random, stockCodes: readonly string[]): StoreOrderLineJson[] {
  const n = Math.min(rng.int(1, 4), stockCodes.length);
  const codes = new Set<string>();
  while (codes.size < n) codes.add(rng.pick(stockCodes));
  return [...codes].map((code) => {
    const kind = rng.pick(PRODUCT_KINDS);
    const sized = kind.shape !== "none" && kind.shape !== "color";
    return {
      productId: 0,
      stockCode: code,
      barcode: code,
      name: kind.shape === "none" ? kind.noun : `${rng.pick(ADJECTIVES)} ${kind.noun}`,
      quantity: rng.chance(0.8) ? 1 : rng.int(2, 3),
      price: kurusToTry(rng.chance(0.8) ? endIn90(rng.int(4_000, 300_000)) : rng.int(4_000, 300_000)),
      vatRate: kind.taxGroup === "%1" ? 1 : kind.taxGroup === "%10" ? 10 : 20,
      variant1Name: kind.shape === "none" ? "" : "Renk",
      value1: kind.shape === "none" ? "" : rng.pick(COLORS).tr,
      variant2Name: sized ? "Beden" : "",
      value2: sized ? rng.pick(LETTER_SIZES).code : "",
    };
  });
}

/** A valid EAN-13 with a prefix the generator never uses, checked against the catalogue anyway. */
function unknownCode(rng: Random, known: ReadonlySet<string>): string {
  for (;;) {
    const code = ean13("860", rng.int(0, 999_999_999));
    if (!known.has(code)) return code;
  }
}

/** A coupon (50/100 TL) or 5–15 % off, always below the lines' sum. */
function discountOf(rng: Random, subtotal: number): number {
  const d = rng.chance(0.5) ? rng.pick([5_000, 10_000]) : Math.round(subtotal * rng.int(5, 15) / 100);
  return Math.min(d, subtotal - 100 > 0 ? subtotal - 100 : 0);
}

function paymentOf(rng: Random, platform: string): StoreOrderJson["payment"] {
  if (platform !== "site") return { type: "credit_card", provider: platform, installments: 1 };
  const r = rng.next();
  if (r < 0.75) {
    return {
      type: "credit_card",
      provider: rng.chance(0.6) ? "iyzico" : "paytr",
      installments: rng.pick([1, 1, 1, 3, 6, 9]),
    };
  }
  return r < 0.9
    ? { type: "bank_transfer", provider: "", installments: 1 }
    : { type: "cash_on_delivery", provider: "", installments: 1 };
}
