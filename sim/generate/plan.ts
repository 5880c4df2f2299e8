/**
 * The first stage of the Nebim generator: a plan of items and variants (names, codes, barcodes, flags,
 * prices) drawn from the seeded PRNG, before any table row exists. Anomalies edit the plan; the rows are
 * written from it afterwards (nebim.ts).
 * @module
 */

import type { Random } from "../random.ts";
import { ean13, upcA } from "./codes.ts";
import {
  ADJECTIVES,
  AUDIENCES,
  COLORS,
  LETTER_SIZES,
  NUMERIC_SIZES,
  PRODUCT_KINDS,
  type ProductKind,
  STYLES,
  type TaxGroup,
} from "./words.ts";

export interface PlannedVariant {
  color: string;
  size: string;
  /** The DEF barcode: the stock code under the default settings. */
  barcode: string;
  extra?: { barcode: string; type: "EAN2" | "UPC" };
  blocked: boolean;
  useInternet: boolean;
  /** A variant-level line in the current WEB price list (VAT-inclusive kuruş), overriding the item's. */
  overrideKurus?: number;
  /** Audit times: indexes into the sorted audit pool, created ≤ updated. */
  created: number;
  updated: number;
}

export interface PlannedItem {
  code: string;
  /** Null = no cdItemDesc row. */
  name: string | null;
  dimType: 0 | 1 | 2;
  taxGroup: string;
  vatRate: number;
  blocked: boolean;
  useInternet: boolean;
  /** BasePriceCode 1 (cost, VAT-exclusive) in kuruş. */
  costKurus: number;
  /** VAT-inclusive retail price in kuruş: the current WEB list price. */
  retailKurus: number;
  /** Whether the current WEB price list has an item-level line (else the older list's price applies). */
  inCurrentList: boolean;
  /** Its item-level line in the current list is disabled (IsDisabled), so the older list applies. */
  currentLineDisabled: boolean;
  /** Currency of the current list's item-level line (an anomaly makes it "EUR"). */
  currentLineCurrency: string;
  variants: PlannedVariant[];
  created: number;
  updated: number;
  /** Set when an anomaly was planted here: keeps it out of the order stock codes. */
  anomaly?: string;
}

export const VAT_RATES: Record<TaxGroup, number> = { "%1": 1, "%10": 10, "%20": 20 };

/** 48271 is coprime with 10^9, so `offset + i·48271 mod 10^9` never repeats for i < 10^9: unique barcodes. */
const STRIDE = 48_271;
const BODY = 1_000_000_000;

export interface PlanOptions {
  variants: number;
  auditPoolSize: number;
}

/** Plans items until exactly `variants` variants exist. */
export function planCatalogue(rng: Random, o: PlanOptions): PlannedItem[] {
  const items: PlannedItem[] = [];
  // Small catalogues still get several items (anomalies need nine distinct ones).
  const cap = Math.max(1, Math.floor(o.variants / 12));
  const defOffset = rng.int(0, BODY - 1);
  const extraOffset = rng.int(0, BODY - 1);
  let made = 0;
  let extras = 0;
  let number = 10_001;
  while (made < o.variants) {
    const kind = rng.pick(PRODUCT_KINDS);
    const grid = variantGrid(rng, kind);
    const keep = grid.slice(0, Math.min(grid.length, cap, o.variants - made));
    const created = rng.int(0, o.auditPoolSize - 1);
    const vat = VAT_RATES[kind.taxGroup];
    const costKurus = costOf(rng, kind);
    const item: PlannedItem = {
      code: `${kind.prefix}-${String(number++).padStart(5, "0")}`,
      name: nameOf(rng, kind),
      dimType: kind.shape === "none" ? 0 : kind.shape === "color" ? 1 : 2,
      taxGroup: kind.taxGroup,
      vatRate: vat,
      blocked: rng.chance(0.015),
      useInternet: !rng.chance(0.02),
      costKurus,
      retailKurus: endIn90(costKurus * (1.8 + rng.next() * 0.8) * (1 + vat / 100)),
      inCurrentList: rng.chance(0.65),
      currentLineDisabled: rng.chance(0.005),
      currentLineCurrency: "TRY",
      variants: [],
      created,
      updated: rng.chance(0.3) ? rng.int(created, o.auditPoolSize - 1) : created,
    };
    for (const [color, size] of keep) {
      const vCreated = rng.int(created, o.auditPoolSize - 1);
      const v: PlannedVariant = {
        color,
        size,
        barcode: ean13("869", (defOffset + made * STRIDE) % BODY),
        blocked: rng.chance(0.01),
        useInternet: !rng.chance(0.005),
        created: vCreated,
        updated: rng.chance(0.2) ? rng.int(vCreated, o.auditPoolSize - 1) : vCreated,
      };
      if (rng.chance(0.25)) {
        const n = (extraOffset + extras++ * STRIDE) % BODY;
        v.extra = rng.chance(0.5)
          ? { barcode: ean13("868", n), type: "EAN2" }
          : { barcode: upcA(n), type: "UPC" };
      }
      if (rng.chance(0.04)) v.overrideKurus = endIn90(item.retailKurus * (0.85 + rng.next() * 0.25));
      item.variants.push(v);
      made++;
    }
    items.push(item);
  }
  return items;
}

/** Rounds a kuruş amount to a price ending in ,90 TL (at least 0,90). */
export function endIn90(kurus: number): number {
  return Math.max(0, Math.floor(kurus / 100)) * 100 + 90;
}

function costOf(rng: Random, kind: ProductKind): number {
  const [lo, hi] = kind.taxGroup === "%1"
    ? [40, 350]
    : kind.shape === "none"
    ? [30, 600]
    : kind.shape === "shoeSize"
    ? [400, 2500]
    : [120, 1800];
  return rng.int(lo * 100, hi * 100);
}

function nameOf(rng: Random, kind: ProductKind): string {
  const parts: string[] = [];
  if (kind.shape === "none") {
    if (rng.chance(0.5)) parts.push(rng.pick(kind.taxGroup === "%1" ? FOOD : GOODS));
  } else {
    if (rng.chance(0.6)) parts.push(rng.pick(AUDIENCES));
    if (rng.chance(0.5)) parts.push(rng.pick(ADJECTIVES));
  }
  if (kind.materials.length && rng.chance(0.7)) parts.push(rng.pick(kind.materials));
  parts.push(kind.noun);
  if (kind.shape !== "none" && rng.chance(0.25)) parts.push(rng.pick(STYLES));
  return parts.join(" ");
}

const FOOD = ["Organik", "Geleneksel", "Ev Yapımı", "Köy", "Ege", "Karadeniz"];
const GOODS = ["El Yapımı", "Doğal", "Özel Seri", "Lüks", "Hediyelik"];

/** The colour × size combinations of one item, in display order. */
function variantGrid(rng: Random, kind: ProductKind): [string, string][] {
  switch (kind.shape) {
    case "none":
      return [["", ""]];
    case "color":
      return pickColors(rng, rng.int(1, 5)).map((c) => [c, ""]);
    case "colorSize":
      return cross(pickColors(rng, rng.int(1, 4)), run(rng, LETTER_SIZES.map((s) => s.code), 3, 6));
    case "numericSize":
      return cross(
        pickColors(rng, rng.int(1, 3)),
        run(rng, NUMERIC_SIZES.map((s) => s.code).filter((c) => Number(c) % 2 === 0), 3, 5),
      );
    case "shoeSize":
      return cross(pickColors(rng, rng.int(1, 3)), run(rng, NUMERIC_SIZES.map((s) => s.code), 4, 7));
  }
}

function pickColors(rng: Random, n: number): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const c = rng.pick(COLORS).code;
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** A contiguous run of `min..max` sizes (a size chart does not skip sizes). */
function run(rng: Random, sizes: readonly string[], min: number, max: number): string[] {
  const len = rng.int(min, Math.min(max, sizes.length));
  const start = rng.int(0, sizes.length - len);
  return sizes.slice(start, start + len);
}

function cross(colors: string[], sizes: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const c of colors) for (const s of sizes) out.push([c, s]);
  return out;
}
