/**
 * Diff of what the store should show against what the agent last pushed (the ledger's bindings): pure.
 * The result says exactly which requests to send and why, so `sync products --dry-run` can print it and
 * the sync can send it. Seed rules live here: stock always; price unless disabled; name and colour label
 * only when enabled; the product's VAT rate and a variant's barcode when Nebim's differ from the store's;
 * `active` only on create; vanished stock codes go to 0 and are never deleted or deactivated.
 * @module
 */

import { BindingIndex, type BindingView, type PushedFields } from "./binding_index.ts";
import type { DesiredVariant } from "./desired.ts";
import { planNew } from "./plan_new.ts";
import { type Action, addRow, again, changeWhy, noActions, note, type PlanRow } from "./plan_row.ts";
import type { VanishLimit } from "./vanish_limit.ts";
import { sameStoreCode } from "../qukasoft/code_key.ts";
import { productVat, soleAfterBatch } from "./product_vat.ts";

export { type Action, noActions, type PlanRow };

export interface PlanOptions {
  updateNames: boolean;
  disablePriceUpdate: boolean;
  newProductsActive: boolean;
  zeroStockForVanished: boolean;
  /**
   * The stock code is the barcode (`catalog.stockCode.from` "barcode"): a changed barcode is a new stock code
   * (a re-code), and a store barcode that differs from it (an adopted product's) is the merchant's.
   */
  barcodeIsStockCode: boolean;
  /** At most how many codes one cycle zeroes as vanished unconfirmed (sync/zero_vanished.ts); null: no limit. */
  vanishLimit: VanishLimit | null;
  /**
   * Keep a row with its reason for every planned action (default true). The running agent turns it off:
   * nothing prints them, and at 100,000 variants they cost seconds and tens of MB; `counts` stays.
   */
  explain?: boolean;
}

/**
 * A variant to create, named as the store client takes it (qukasoft/types.ts QVariantInput), so the store
 * writer hands it over as it is: a full sync creates every variant of the catalogue. A `name1`/`name2`
 * comes with its `value1`/`value2`.
 */
export interface NewVariant {
  stockCode: string;
  barcode: string;
  name1?: string;
  value1?: string;
  name2?: string;
  value2?: string;
  quantity: number;
  /** Kuruş. */
  priceKurus: number;
  marketplacePriceKurus: number;
}

/**
 * A new barcode or colour label for a variant the store has: the save leaves its other fields as they are. In
 * the client's form too: only the stock code and what changed are sent.
 */
export interface VariantEdit {
  stockCode: string;
  barcode?: string;
  name1?: string;
  value1?: string;
}

/**
 * A product/save entry: a create when `active` is set, else an update of an existing product (its name, VAT
 * rate, changed barcodes and colour labels, new variants).
 */
export interface ProductWrite {
  productCode: string;
  name?: string;
  vatRate?: number;
  active?: boolean;
  variants: (NewVariant | VariantEdit)[];
}

export interface StockPriceWrite {
  stockCode: string;
  quantity?: number;
  price?: number;
  marketplacePrice?: number;
}

export interface Plan {
  products: ProductWrite[];
  stockPrice: StockPriceWrite[];
  /** Fields each stock code will have once its write succeeds (the binding's new `pushed`). */
  after: Map<string, PushedFields>;
  /** Stock codes whose write goes through product/save (their results come from there). */
  viaProductSave: Map<string, string>;
  /** Variants the store keeps in a product beside another Nebim item's codes, with it (a moved barcode). */
  elsewhere: { variant: DesiredVariant; storeProduct: string }[];
  vanished: string[];
  /** Each action with its reason (empty when `explain` is off). */
  rows: PlanRow[];
  /** How many of each action, explained or not. */
  counts: Record<Action, number>;
}

/**
 * @param desired the variants of every item read this cycle
 * @param bindings current bindings by stock code
 * @param vanished bound stock codes to zero: which codes vanished is the cycle's to say, once every batch
 *   was read (sync/zero_vanished.ts); a code also in `desired` is planned from it, not zeroed
 */
export function planPush(
  desired: readonly DesiredVariant[],
  bindings: ReadonlyMap<string, BindingView>,
  options: PlanOptions,
  vanished: readonly string[] = [],
): Plan {
  const plan: Plan = {
    products: [],
    stockPrice: [],
    after: new Map(),
    viaProductSave: new Map(),
    elsewhere: [],
    vanished: [],
    rows: [],
    counts: noActions(),
  };
  const explain = options.explain ?? true;
  const index = bindings instanceof BindingIndex ? bindings : new BindingIndex(bindings);
  const knownProducts = {
    has: (code: string) => index.knowsProduct(code),
    lost: (code: string) => index.lostProduct(code),
  };
  const creates = new Map<string, ProductWrite>();
  const additions = new Map<string, ProductWrite>();
  // Renames, VAT, barcode and colour label changes of existing products: one product/save entry each, its
  // variants only the changed barcodes and labels.
  const updates = new Map<string, ProductWrite>();
  const update = (productCode: string) => {
    let p = updates.get(productCode);
    if (!p) updates.set(productCode, p = { productCode, variants: [] });
    return p;
  };
  const vatTo = new Map<string, number>(); // product code → the VAT rate it is sent

  // The store product a bound variant's rate and label go to when Nebim groups it elsewhere: asked once per
  // product and item (soleAfterBatch walks the batch).
  const sole = new Map<string, string | undefined>();
  const soleIn = (productCode: string, itemCode: string) => {
    const key = `${productCode}\0${itemCode}`;
    if (!sole.has(key)) sole.set(key, soleAfterBatch(index, productCode, itemCode, desired));
    return sole.get(key);
  };
  // A product the store has → the first variant planned to join it.
  const joining = new Map<string, DesiredVariant>();

  for (const d of desired) {
    const b = bindings.get(d.stockCode);
    if (!b?.pushed) {
      const known = knownProducts.has(d.productCode);
      planNew(plan, d, known ? additions : creates, knownProducts, options, explain);
      if (known && !joining.has(d.productCode) && plan.viaProductSave.has(d.stockCode)) {
        joining.set(d.productCode, d);
      }
      continue;
    }
    const was = b.pushed;
    // A failed or unanswered write may have reached the store, whole or in part: what the ledger says was
    // pushed is not sure, so every field is sent again (Nebim may since have gone back to it).
    const doubt = b.dirty === true;
    const next: PushedFields = { ...was, quantity: d.quantity };
    const write: StockPriceWrite = { stockCode: d.stockCode };
    let changed = false;
    if (doubt || was.quantity !== d.quantity || b.vanished) {
      write.quantity = d.quantity;
      changed = true;
    }
    if (!options.disablePriceUpdate && d.price !== null && d.marketplacePrice !== null) {
      if (doubt || was.price !== d.price || was.marketplacePrice !== d.marketplacePrice) {
        write.price = d.price;
        write.marketplacePrice = d.marketplacePrice;
        next.price = d.price;
        next.marketplacePrice = d.marketplacePrice;
        changed = true;
      }
    } else if (doubt && !options.disablePriceUpdate) {
      // Held (no valid cost), not sent again: the store may show the lost write's. Not known: Nebim's next is.
      next.price = next.marketplacePrice = null;
    }
    // A rename or a VAT change goes to the product the store keeps the variant in. When Nebim now groups it
    // elsewhere (a barcode moved to another item, a changed grouping), that product is not this one's: left
    // alone. The store's spelling of its code may differ in case from Nebim's: the same product.
    const own = sameStoreCode(b.productCode, d.productCode);
    if (own && options.updateNames && d.name !== null && (doubt || d.name !== was.name)) {
      next.name = d.name;
      const p = update(d.productCode);
      if (p.name === undefined) {
        p.name = d.name;
        if (note(plan, explain, "rename")) {
          addRow(plan, "rename", { ...d, ...next }, again(doubt, `name "${was.name}" → "${d.name}"`));
        }
      }
    } else if (own && options.updateNames && doubt) next.name = null; // no usable name: as a held price
    // The store puts the product's rate on its invoices and order lines: it follows Nebim, price updates
    // on or off. Not known (a binding from before the agent kept it): the next full reconciliation reads
    // the store's and sends Nebim's only if they differ, rather than every product once. The rate is the
    // item's: it goes to the store's product under another grouping too, unless another item sells there.
    const vatProduct = own ? d.productCode : soleIn(b.productCode, d.key.itemCode);
    if (vatProduct === undefined) plan.elsewhere.push({ variant: d, storeProduct: b.productCode });
    if (vatProduct && d.vatRate !== null && was.vatRate !== null && (doubt || d.vatRate !== was.vatRate)) {
      if (!vatTo.has(vatProduct)) {
        vatTo.set(vatProduct, d.vatRate);
        update(vatProduct).vatRate = d.vatRate;
        if (note(plan, explain, "vat")) {
          addRow(plan, "vat", { ...d, ...next }, again(doubt, `VAT ${was.vatRate} % → ${d.vatRate} %`));
        }
      }
    }
    // Marketplaces match a product on its barcode. Under a template stock code Nebim changes it without a
    // re-code (a new barcode sorting first, one deleted or re-typed): it goes to the product the store keeps
    // the variant in, whichever product Nebim groups it under now. Not known (a binding from before the agent
    // kept it): learned from the store by the next full reconciliation, as the VAT rate is.
    let edit: VariantEdit | undefined;
    if (!options.barcodeIsStockCode && was.barcode !== null && (doubt || d.barcode !== was.barcode)) {
      next.barcode = d.barcode;
      edit = { stockCode: d.stockCode, barcode: d.barcode };
      if (note(plan, explain, "barcode")) {
        addRow(plan, "barcode", { ...d, ...next }, again(doubt, `barcode ${was.barcode} → ${d.barcode}`));
      }
    }
    // The colour's description is the variant's label in the store: it follows Nebim as names do, in the
    // product the store keeps the variant in while that holds only this item's codes, as the VAT rate (a code
    // Nebim moved to another item keeps the colour its create gave it). Not known (a binding from before the
    // agent kept it): learned from the store by the next full reconciliation, as the barcode is. A variant
    // with no colour has no label to change.
    const label = d.variantValues.value1;
    if (
      vatProduct !== undefined && options.updateNames && label !== undefined && was.label != null &&
      (doubt || label !== was.label)
    ) {
      next.label = label;
      edit ??= { stockCode: d.stockCode };
      // The option's own name stays the store's ("Color" on a product the merchant made), unless it had none.
      if (was.label === "") edit.name1 = d.variantValues.name1;
      edit.value1 = label;
      if (note(plan, explain, "label")) {
        addRow(plan, "label", { ...d, ...next }, again(doubt, `colour "${was.label}" → "${label}"`));
      }
    }
    if (edit) update(b.productCode).variants.push(edit);
    if (changed) {
      plan.stockPrice.push(write);
      const action = write.price !== undefined ? "price" : "stock";
      if (note(plan, explain, action)) {
        // A code zeroed as vanished is sent once back on sale, though its stock be the same 0: the row says so.
        const back = b.vanished ? "back on sale in Nebim: " : "";
        addRow(plan, action, { ...d, ...next }, again(doubt, back + changeWhy(was, write)));
      }
    }
    if (changed || next.name !== was.name || next.barcode !== was.barcode || next.label !== was.label) {
      plan.after.set(d.stockCode, next);
    }
  }
  // New variants joining a product the store has carry its rate (and its name, when names follow Nebim): the
  // product's bound codes may all be gone (every variant re-coded), and then nothing else would send them.
  for (const p of additions.values()) {
    const d = joining.get(p.productCode)!;
    if (d.vatRate !== null && !vatTo.has(p.productCode)) {
      p.vatRate = d.vatRate;
      vatTo.set(p.productCode, d.vatRate);
    }
    if (options.updateNames && d.name !== null && updates.get(p.productCode)?.name === undefined) {
      p.name = d.name;
    }
    // Without a rate from Nebim (an unknown tax group) the product keeps the store's, which its bound codes
    // know: recorded so, once Nebim has a rate again a differing one is sent, though every code was re-coded.
    const rate = vatTo.get(p.productCode) ?? index.storeVat(d.key.itemCode, p.productCode);
    for (const v of p.variants) {
      const after = plan.after.get(v.stockCode)!;
      after.vatRate = rate ?? after.vatRate;
    }
  }
  plan.products.push(...updates.values(), ...creates.values(), ...additions.values());
  if (vatTo.size) productVat(plan, desired, bindings, vatTo);

  // A vanished code also in `desired` is planned from it, not zeroed.
  const seen = vanished.length ? new Set(desired.map((d) => d.stockCode)) : undefined;
  for (const code of new Set(vanished)) {
    const b = bindings.get(code);
    if (!b?.pushed || seen!.has(code)) continue;
    plan.vanished.push(code);
    const done = b.vanished && b.pushed.quantity === 0 && !b.dirty; // a zero in doubt is sent again
    if (!options.zeroStockForVanished || done) continue;
    plan.stockPrice.push({ stockCode: code, quantity: 0 });
    plan.after.set(code, { ...b.pushed, quantity: 0 });
    if (note(plan, explain, "zero")) {
      addRow(plan, "zero", { ...b, ...b.pushed, quantity: 0 }, "no longer sellable in Nebim: stock 0");
    }
  }
  return plan;
}
