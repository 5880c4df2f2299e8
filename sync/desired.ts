/**
 * What the store should show for each Nebim variant: pure mapping from `NebimVariant` and the settings
 * to a `DesiredVariant`, with every problem reported per record. No I/O, no clock.
 * @module
 */

import type { NebimVariant, VariantKey } from "../nebim/types.ts";
import { type PriceDecision, priceFor, type PriceRules } from "../pricing/rules.ts";
import { plainText } from "./plain_text.ts";
import { wholeUnits } from "./whole_units.ts";
import { keyText, slash } from "./key_text.ts";
import { productCodeOf, stockCodeOf, type StockCodeSetting, storeBarcode } from "./stock_code.ts";

/** Qukasoft's longest product name (assumed, see qukasoft/contract.ts); longer names are held, not cut. */
export const MAX_NAME_LENGTH = 255;
/**
 * The most stock the agent sends (assumed: a store's 32-bit stock column). More is a Nebim data error (a
 * receipt keyed in as a barcode): the store would clamp or refuse it, and a refused item loses its price update
 * with it; pushed as 0 and reported, as negative stock is.
 */
export const MAX_QUANTITY = 2_147_483_647;
/** Characters a stock code may have: it must match Qukasoft exactly, so anything odd is reported. */
const STOCK_CODE = /^[A-Z0-9][A-Z0-9._\-\/]{0,49}$/;

export interface MappingOptions {
  stockCode: StockCodeSetting;
  groupBy: "item" | "itemColor";
  subtractReservations: boolean;
  safetyStock: number;
  rules: PriceRules;
  /**
   * Which cost was read, naming its settings ("no base price 1 for country …"), for the reason a variant
   * without one is held: a wrong code or country holds every variant, whose prices Nebim has under another.
   */
  costSource?: string;
}

/** The store-side content the agent owns for one stock code. */
export interface DesiredVariant {
  stockCode: string;
  productCode: string;
  key: VariantKey;
  /** Product name; null when Nebim has none (the product cannot be created then). */
  name: string | null;
  barcode: string;
  variantValues: { name1?: string; value1?: string; name2?: string; value2?: string };
  quantity: number;
  /** Kuruş; null = price held (reason in problems), push stock only. */
  price: number | null;
  marketplacePrice: number | null;
  vatRate: number | null;
  /** False for blocked or not-for-internet variants: they get stock 0 and are never created. */
  sellable: boolean;
}

export interface Problem {
  /** The stock code, or the variant key text when there is no stock code. */
  subject: string;
  /**
   * `massZero`: a cycle's zeros held by catalog.vanishLimit (subject `catalog.vanishLimit`). `unreadable`: a
   * product the store lists with a value the agent cannot read (subject `product:<code>`, sync/overlay_store.ts).
   * `grouping`: a stock code the store keeps in a product beside another Nebim item's codes (sync/run_batch.ts).
   */
  kind:
    | "stockCode"
    | "duplicate"
    | "name"
    | "price"
    | "vat"
    | "stock"
    | "store"
    | "massZero"
    | "unreadable"
    | "grouping";
  reason: string;
  /**
   * The Nebim items the problem is about: a duplicate's, those whose variants share the code; a variant's, its
   * item (ledger/types.ts ProblemReport.items).
   */
  items?: string[];
}

export interface MappingResult {
  variants: DesiredVariant[];
  problems: Problem[];
  /** The variants held because another variant of the batch has their stock code. */
  duplicates?: DesiredVariant[];
}

/** The product's name: the item's description, with the colour's (`color`) when products are item + colour. */
function nameOf(v: NebimVariant, groupBy: MappingOptions["groupBy"], color: string): string | null {
  const base = plainText(v.itemName);
  if (!base) return null;
  return groupBy === "itemColor" && color ? `${base} ${color}` : base;
}

/** Available stock: on-hand − committed to open orders (by setting) − safety stock, whole units, never below 0. */
export function availableStock(
  v: NebimVariant,
  o: Pick<MappingOptions, "subtractReservations" | "safetyStock">,
): number {
  const raw = v.onHand - (o.subtractReservations ? v.reserved : 0) - o.safetyStock;
  return Math.max(0, wholeUnits(raw));
}

/** Maps one cycle's variants. Duplicate stock codes inside the batch are all held and reported. */
export function mapVariants(variants: readonly NebimVariant[], o: MappingOptions): MappingResult {
  const problems: Problem[] = [];
  // The first variant of each stock code; the codes more than one variant has, with all of them (rare: no
  // list per code for the rest).
  const byCode = new Map<string, DesiredVariant>();
  const shared = new Map<string, DesiredVariant[]>();
  for (const v of variants) {
    const before = problems.length;
    const d = variantOf(v, o, problems);
    // Each of the variant's problems names its item: an incremental cycle that reads the item and no longer
    // finds the problem closes it (sync/item_problems.ts), though its subject is gone (a barcode replaced).
    if (problems.length > before) {
      const items = [v.key.itemCode];
      for (let i = before; i < problems.length; i++) problems[i]!.items = items;
    }
    if (d === undefined) continue;
    const code = d.stockCode;
    const first = byCode.get(code);
    if (first === undefined) byCode.set(code, d);
    else {
      const list = shared.get(code);
      if (list) list.push(d);
      else shared.set(code, [first, d]);
    }
  }
  const out: DesiredVariant[] = [];
  const duplicates: DesiredVariant[] = [];
  byCode.forEach((first, code) => {
    const list = shared.get(code);
    if (list) {
      duplicates.push(...list);
      problems.push({
        subject: code,
        kind: "duplicate",
        reason: `stock code "${code}" is used by ${list.length} variants (${
          list.map((d) => keyText(d.key)).join(", ")
        })`,
        items: [...new Set(list.map((d) => d.key.itemCode))],
      });
    } else out.push(first);
  });
  return { variants: out, problems, duplicates };
}

/** The variant mapped, or undefined (and a problem) when it has no usable stock code. */
function variantOf(v: NebimVariant, o: MappingOptions, problems: Problem[]): DesiredVariant | undefined {
  const code = stockCodeOf(v, o.stockCode);
  if (typeof code !== "string") {
    problems.push({ subject: keyText(v.key), kind: "stockCode", reason: code.reason });
    return undefined;
  }
  if (!STOCK_CODE.test(code)) {
    problems.push({
      subject: code,
      kind: "stockCode",
      reason: `stock code "${code}" of ${keyText(v.key)} has spaces, lowercase or other characters ` +
        `(allowed: A-Z 0-9 . _ - /, at most 50); it must match Qukasoft exactly`,
    });
    return undefined;
  }
  return desiredOf(v, code, o, problems);
}

const VAT_HELD = "a new product is not created, a product the store has keeps its VAT";

function noVat(v: NebimVariant): string {
  return v.taxGroupCode === ""
    ? `no VAT rate: item ${v.key.itemCode} has no tax group in Nebim`
    : `no VAT rate: tax group "${v.taxGroupCode}" of ${v.key.itemCode} has none in Nebim`;
}

/** A held price's reason from the price rules, which know no item, with the item in front. */
function itemNamed(item: string, decision: PriceDecision): PriceDecision {
  return decision.ok ? decision : { ok: false, reason: `item ${item}: ${decision.reason}` };
}

function desiredOf(
  v: NebimVariant,
  stockCode: string,
  o: MappingOptions,
  problems: Problem[],
): DesiredVariant {
  const sellable = !v.itemBlocked && !v.variantBlocked && v.itemUseInternet && v.variantUseInternet;
  // The colour's description as the store shows it, else its code: in the name and the variant's value.
  const color = plainText(v.colorName) || v.key.colorCode;
  let name = nameOf(v, o.groupBy, color);
  if (name === null) {
    problems.push({
      subject: stockCode,
      kind: "name",
      reason: `no item description in Nebim for ${v.key.itemCode}`,
    });
  } else if (name.length > MAX_NAME_LENGTH) {
    problems.push({
      subject: stockCode,
      kind: "name",
      reason:
        `name of ${v.key.itemCode} is ${name.length} characters; the store takes at most ${MAX_NAME_LENGTH}`,
    });
    name = null;
  }
  if (v.onHand < 0) {
    problems.push({
      subject: stockCode,
      kind: "stock",
      reason: `negative stock ${v.onHand} in Nebim; pushed as 0`,
    });
  }
  let quantity = sellable ? availableStock(v, o) : 0;
  if (quantity > MAX_QUANTITY) {
    problems.push({
      subject: stockCode,
      kind: "stock",
      reason: `stock ${quantity} in Nebim is more than the store takes (${MAX_QUANTITY}); pushed as 0`,
    });
    quantity = 0;
  }
  let price: number | null = null;
  let marketplacePrice: number | null = null;
  let vatTold = false;
  // Each reason names the item: the subject is a barcode, and Nebim keeps a base price by item.
  const item = v.key.itemCode;
  if (v.costCurrency !== null && v.costCurrency.toUpperCase() !== "TRY") {
    // A blank code is no currency at all: lira is not assumed.
    const reason = v.costCurrency.trim() === ""
      ? `the cost of ${item} has no currency code in Nebim`
      : `cost of item ${item} is in ${v.costCurrency}, not TRY`;
    problems.push({ subject: stockCode, kind: "price", reason: `${reason}; price held` });
  } else {
    // costUnreadable names its item (or price-list line) already.
    const decision = v.costUnreadable !== undefined
      ? { ok: false as const, reason: v.costUnreadable }
      : v.costKurus === null && o.costSource !== undefined
      ? { ok: false as const, reason: `no cost in Nebim for item ${item}: ${o.costSource}` }
      : itemNamed(
        item,
        priceFor({
          costKurus: v.costKurus,
          vatRate: v.vatRate,
          costIncludesVat: v.costIncludesVat,
          costTenThousandths: v.costTenThousandths,
        }, o.rules),
      );
    if (decision.ok) {
      price = decision.site;
      marketplacePrice = decision.marketplace;
    } else {
      vatTold = v.vatRate === null && v.taxGroupCode !== "";
      const why = vatTold
        ? `${decision.reason} (tax group "${v.taxGroupCode}" has no VAT rate)`
        : decision.reason;
      problems.push({ subject: stockCode, kind: "price", reason: `${why}; price held` });
    }
  }
  // A VAT-inclusive cost prices a variant without its rate, but the store would give a product created
  // without one its own default VAT: reported whatever the price did; a new product is held (plan_new.ts).
  if (v.vatRate === null && !vatTold) {
    problems.push({ subject: stockCode, kind: "vat", reason: `${noVat(v)}; ${VAT_HELD}` });
  }
  const variantValues: DesiredVariant["variantValues"] = {};
  if (v.key.colorCode) {
    variantValues.name1 = "Renk";
    variantValues.value1 = color;
  }
  // The store has two variant slots: Nebim's second and third dimensions (a bra's cup, jeans' length) go
  // with the size, or variants that differ only there would show the store's shoppers the same choice twice.
  const size = slash(slash(v.key.itemDim1Code, v.key.itemDim2Code), v.key.itemDim3Code);
  if (size) {
    variantValues.name2 = "Beden";
    variantValues.value2 = size;
  }
  return {
    stockCode,
    productCode: productCodeOf(v, o.groupBy),
    key: v.key,
    name,
    barcode: storeBarcode(v.barcodes, stockCode),
    variantValues,
    quantity,
    price,
    marketplacePrice,
    vatRate: v.vatRate,
    sellable,
  };
}
