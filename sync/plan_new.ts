/**
 * The plan for a stock code the agent has not pushed: a new product, or a new variant of one the store has.
 * @module
 */

import type { DesiredVariant } from "./desired.ts";
import type { NewVariant, Plan, PlanOptions, ProductWrite } from "./plan.ts";
import { addRow, note, tl } from "./plan_row.ts";

export function planNew(
  plan: Plan,
  d: DesiredVariant,
  target: Map<string, ProductWrite>,
  knownProducts: { has(productCode: string): boolean; lost?(productCode: string): boolean },
  options: PlanOptions,
  explain: boolean,
): void {
  const isNew = !knownProducts.has(d.productCode);
  const held = !d.sellable
    ? "not sellable online (blocked or UseInternet off): not created"
    : d.name === null
    ? "no usable name: not created"
    : d.price === null || d.marketplacePrice === null
    ? "no valid price: not created"
    : isNew && d.vatRate === null
    ? "no VAT rate: a product is not created without one (the store would give it its default)"
    : null;
  if (held) {
    if (note(plan, explain, "held")) addRow(plan, "held", d, held);
    return;
  }
  // A product the merchant deleted in the panel comes back passive, whatever newProductsActive says: made
  // again by an incremental cycle (which takes it for still there) it gets the store's default, passive,
  // and a full cycle must not make it differently. The merchant turns it on, or blocks it in Nebim.
  const lost = isNew && (knownProducts.lost?.(d.productCode) ?? false);
  let p = target.get(d.productCode);
  if (!p) {
    p = isNew
      ? {
        productCode: d.productCode,
        name: d.name!,
        active: options.newProductsActive && !lost,
        variants: [],
      }
      : { productCode: d.productCode, variants: [] };
    if (isNew) p.vatRate = d.vatRate!;
    target.set(d.productCode, p);
  }
  // One literal per shape rather than names added to it: one of these per created variant, 95,000 in a first
  // full sync, and each added property grew the object's store. A value goes with its name only, "" when it
  // has none (the store writer sends the variant as it is).
  const { stockCode, barcode, quantity } = d;
  const priceKurus = d.price!, marketplacePriceKurus = d.marketplacePrice!;
  const { name1, name2 } = d.variantValues;
  const value1 = d.variantValues.value1 ?? "", value2 = d.variantValues.value2 ?? "";
  const v: NewVariant = name1 === undefined
    ? name2 === undefined
      ? { stockCode, barcode, quantity, priceKurus, marketplacePriceKurus }
      : { stockCode, barcode, name2, value2, quantity, priceKurus, marketplacePriceKurus }
    : name2 === undefined
    ? { stockCode, barcode, name1, value1, quantity, priceKurus, marketplacePriceKurus }
    : { stockCode, barcode, name1, value1, name2, value2, quantity, priceKurus, marketplacePriceKurus };
  p.variants.push(v);
  plan.after.set(d.stockCode, {
    quantity: d.quantity,
    price: d.price,
    marketplacePrice: d.marketplacePrice,
    name: d.name,
    // A product created now has the rate it is sent; one it joins has the store's (set by planPush).
    vatRate: p.vatRate ?? null,
    barcode: d.barcode,
    label: value1,
  });
  plan.viaProductSave.set(d.stockCode, d.productCode);
  const action = isNew ? "create" : "addVariant";
  if (note(plan, explain, action)) {
    addRow(
      plan,
      action,
      d,
      `${
        isNew ? (lost ? "product deleted in the store, made again passive" : "new product") : "new variant"
      }: quantity ${d.quantity}, price ${tl(d.price)}/${tl(d.marketplacePrice)}`,
    );
  }
}
