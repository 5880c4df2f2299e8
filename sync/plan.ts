/**
 * Diff of what the store should show against what the agent last pushed (the ledger's bindings): pure.
 * The result says exactly which requests to send and why, so `sync products --dry-run` can print it and
 * the sync can send it. Seed rules live here: stock always; price unless disabled; name only when
 * enabled; `active` only on create; vanished stock codes go to 0 and are never deleted or deactivated.
 * @module
 */

import { formatKurus } from "../pricing/money.ts";
import { BindingIndex, type BindingView, type PushedFields } from "./binding_index.ts";
import type { DesiredVariant } from "./desired.ts";

export interface PlanOptions {
  updateNames: boolean;
  disablePriceUpdate: boolean;
  newProductsActive: boolean;
  zeroStockForVanished: boolean;
  /**
   * Keep a row with its reason for every planned action (default true). The running agent turns it off:
   * nothing prints them, and at 100,000 variants they cost seconds and tens of MB; `counts` stays.
   */
  explain?: boolean;
}

export interface NewVariant {
  stockCode: string;
  barcode: string;
  name1?: string;
  value1?: string;
  name2?: string;
  value2?: string;
  quantity: number;
  price: number;
  marketplacePrice: number;
}

/** A product/save entry: a create when `active` is set, else an addition to an existing product. */
export interface ProductWrite {
  productCode: string;
  name?: string;
  vatRate?: number;
  active?: boolean;
  variants: NewVariant[];
}

export interface StockPriceWrite {
  stockCode: string;
  quantity?: number;
  price?: number;
  marketplacePrice?: number;
}

export type Action = "create" | "addVariant" | "adopt" | "rename" | "stock" | "price" | "zero" | "held";

export interface PlanRow {
  stockCode: string;
  productCode: string;
  action: Action;
  why: string;
  /**
   * The variant's stock and prices (kuruş) once this cycle's writes are done; a held one's are Nebim's, an
   * adopted one's the store's as found (its stock or price row follows when Nebim's differ).
   */
  quantity: number;
  price: number | null;
  marketplacePrice: number | null;
}

/** What a row states about its variant: the quantity and prices it has (or would have) after the cycle. */
type RowValues = Pick<PlanRow, "stockCode" | "productCode" | "quantity" | "price" | "marketplacePrice">;

export interface Plan {
  products: ProductWrite[];
  stockPrice: StockPriceWrite[];
  /** Fields each stock code will have once its write succeeds (the binding's new `pushed`). */
  after: Map<string, PushedFields>;
  /** Stock codes whose write goes through product/save (their results come from there). */
  viaProductSave: Map<string, string>;
  vanished: string[];
  /** Each action with its reason (empty when `explain` is off). */
  rows: PlanRow[];
  /** How many of each action, explained or not. */
  counts: Record<Action, number>;
}

const tl = (k: number | null) => (k === null ? "—" : formatKurus(k));

/** Every action at zero: a plan's `counts` start here, and so does a cycle's tally of them. */
export function noActions(): Record<Action, number> {
  return { create: 0, addVariant: 0, adopt: 0, rename: 0, stock: 0, price: 0, zero: 0, held: 0 };
}

/** Counts the action; builds its row only when the plan is explained. */
function note(plan: Plan, explain: boolean, action: Action, row: () => RowValues, why: () => string) {
  plan.counts[action]++;
  if (!explain) return;
  const r = row();
  plan.rows.push({
    stockCode: r.stockCode,
    productCode: r.productCode,
    action,
    why: why(),
    quantity: r.quantity,
    price: r.price,
    marketplacePrice: r.marketplacePrice,
  });
}

/**
 * @param desired the variants of every item read this cycle
 * @param readItems the item codes read this cycle (a binding of one of them not in `desired` has vanished)
 * @param bindings current bindings by stock code
 * @param extraVanished bound stock codes known to be gone although their item was not read (full mode)
 */
export function planPush(
  desired: readonly DesiredVariant[],
  readItems: ReadonlySet<string>,
  bindings: ReadonlyMap<string, BindingView>,
  options: PlanOptions,
  extraVanished: readonly string[] = [],
): Plan {
  const plan: Plan = {
    products: [],
    stockPrice: [],
    after: new Map(),
    viaProductSave: new Map(),
    vanished: [],
    rows: [],
    counts: noActions(),
  };
  const explain = options.explain ?? true;
  const index = bindings instanceof BindingIndex ? bindings : new BindingIndex(bindings);
  const knownProducts = { has: (code: string) => index.knowsProduct(code) };
  const creates = new Map<string, ProductWrite>();
  const additions = new Map<string, ProductWrite>();
  const renamed = new Set<string>();
  const seen = new Set<string>();

  for (const d of desired) {
    seen.add(d.stockCode);
    const b = bindings.get(d.stockCode);
    if (!b?.pushed) {
      planNew(
        plan,
        d,
        knownProducts.has(d.productCode) ? additions : creates,
        knownProducts,
        options,
        explain,
      );
      continue;
    }
    const was = b.pushed;
    const next: PushedFields = { ...was, quantity: d.quantity };
    const write: StockPriceWrite = { stockCode: d.stockCode };
    let changed = false;
    if (was.quantity !== d.quantity || b.vanished) {
      write.quantity = d.quantity;
      changed = true;
    }
    if (!options.disablePriceUpdate && d.price !== null && d.marketplacePrice !== null) {
      if (was.price !== d.price || was.marketplacePrice !== d.marketplacePrice) {
        write.price = d.price;
        write.marketplacePrice = d.marketplacePrice;
        next.price = d.price;
        next.marketplacePrice = d.marketplacePrice;
        changed = true;
      }
    }
    // A rename goes to the product the store keeps the variant in. When Nebim now groups it elsewhere (a
    // barcode moved to another item, a changed grouping), that product is not this name's: left alone.
    if (
      options.updateNames && d.name !== null && d.name !== was.name && b.productCode === d.productCode
    ) {
      next.name = d.name;
      if (!renamed.has(d.productCode)) {
        renamed.add(d.productCode);
        plan.products.push({ productCode: d.productCode, name: d.name, variants: [] });
        note(plan, explain, "rename", () => ({ ...d, ...next }), () => `name "${was.name}" → "${d.name}"`);
      }
    }
    if (changed) {
      plan.stockPrice.push(write);
      note(
        plan,
        explain,
        write.price !== undefined ? "price" : "stock",
        () => ({ ...d, ...next }),
        () => changeWhy(was, write),
      );
    }
    if (changed || next.name !== was.name) plan.after.set(d.stockCode, next);
  }
  plan.products.push(...creates.values(), ...additions.values());

  const gone = new Set(extraVanished);
  for (const item of readItems) {
    for (const code of index.codesOfItem(item)) if (!seen.has(code)) gone.add(code);
  }

  for (const code of gone) {
    const b = bindings.get(code);
    if (!b?.pushed || seen.has(code)) continue;
    plan.vanished.push(code);
    if (!options.zeroStockForVanished || (b.vanished && b.pushed.quantity === 0)) continue;
    if (b.pushed.quantity !== 0 || !b.vanished) {
      plan.stockPrice.push({ stockCode: code, quantity: 0 });
      plan.after.set(code, { ...b.pushed, quantity: 0 });
      const pushed = b.pushed;
      note(
        plan,
        explain,
        "zero",
        () => ({ ...b, ...pushed, quantity: 0 }),
        () => "no longer sellable in Nebim: stock 0",
      );
    }
  }
  return plan;
}

function planNew(
  plan: Plan,
  d: DesiredVariant,
  target: Map<string, ProductWrite>,
  knownProducts: { has(productCode: string): boolean },
  options: PlanOptions,
  explain: boolean,
): void {
  const held = !d.sellable
    ? "not sellable online (blocked or UseInternet off): not created"
    : d.name === null
    ? "no usable name: not created"
    : d.price === null || d.marketplacePrice === null
    ? "no valid price: not created"
    : null;
  if (held) {
    note(plan, explain, "held", () => d, () => held);
    return;
  }
  const isNew = !knownProducts.has(d.productCode);
  let p = target.get(d.productCode);
  if (!p) {
    p = isNew
      ? { productCode: d.productCode, name: d.name!, active: options.newProductsActive, variants: [] }
      : { productCode: d.productCode, variants: [] };
    if (isNew && d.vatRate !== null) p.vatRate = d.vatRate;
    target.set(d.productCode, p);
  }
  const v: NewVariant = {
    stockCode: d.stockCode,
    barcode: d.barcode,
    quantity: d.quantity,
    price: d.price!,
    marketplacePrice: d.marketplacePrice!,
  };
  // Assigned rather than spread: one of these per created variant, 95,000 in a first full sync.
  const vv = d.variantValues;
  if (vv.name1 !== undefined) v.name1 = vv.name1;
  if (vv.value1 !== undefined) v.value1 = vv.value1;
  if (vv.name2 !== undefined) v.name2 = vv.name2;
  if (vv.value2 !== undefined) v.value2 = vv.value2;
  p.variants.push(v);
  plan.after.set(d.stockCode, {
    quantity: d.quantity,
    price: d.price,
    marketplacePrice: d.marketplacePrice,
    name: d.name,
  });
  plan.viaProductSave.set(d.stockCode, d.productCode);
  note(
    plan,
    explain,
    isNew ? "create" : "addVariant",
    () => d,
    () =>
      `${isNew ? "new product" : "new variant"}: quantity ${d.quantity}, price ${tl(d.price)}/${
        tl(d.marketplacePrice)
      }`,
  );
}

function changeWhy(was: PushedFields, write: StockPriceWrite): string {
  const why: string[] = [];
  if (write.quantity !== undefined) why.push(`quantity ${was.quantity} → ${write.quantity}`);
  if (write.price !== undefined) {
    why.push(
      `price ${tl(was.price)}/${tl(was.marketplacePrice)} → ${tl(write.price)}/${
        tl(write.marketplacePrice ?? null)
      }`,
    );
  }
  return why.join("; ");
}
