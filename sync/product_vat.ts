/**
 * A product's VAT rate as a plan sends it: which bound codes it reaches, and which store product an item's rate
 * may go to.
 * @module
 */

import { BindingIndex, type BindingView } from "./binding_index.ts";
import type { DesiredVariant } from "./desired.ts";
import type { Plan } from "./plan.ts";
import { storeCodeKey } from "../qukasoft/code_key.ts";
import { codeKey } from "../nebim/code_key.ts";

/**
 * Every bound variant of a product whose VAT rate is sent will have it once the save succeeds, whichever of
 * them asked for it: the variants that come before it in `desired` too, and those Nebim now groups under
 * another product (the store keeps them in this one). Left out, such a code, still sold and sure, would keep
 * the older rate for a variant joining later to take (BindingIndex.storeVat).
 */
export function productVat(
  plan: Plan,
  desired: readonly DesiredVariant[],
  bindings: ReadonlyMap<string, BindingView>,
  vatTo: ReadonlyMap<string, number>,
): void {
  let byStoreKey: Map<string, number> | undefined; // the store may spell a product's code otherwise
  for (const d of desired) {
    const b = bindings.get(d.stockCode);
    if (!b?.pushed) continue;
    let rate = vatTo.get(b.productCode);
    if (rate === undefined) {
      byStoreKey ??= new Map([...vatTo].map(([code, r]) => [storeCodeKey(code), r]));
      rate = byStoreKey.get(storeCodeKey(b.productCode));
    }
    if (rate === undefined) continue;
    const after = plan.after.get(d.stockCode);
    if (after) after.vatRate = rate;
    else if (b.pushed.vatRate !== rate) plan.after.set(d.stockCode, { ...b.pushed, vatRate: rate });
  }
}

/** `productCode` when `itemCode` is the only item with codes on sale in that store product, else undefined. */
export function soleItem(index: BindingIndex, productCode: string, itemCode: string): string | undefined {
  const items = index.itemsIn(productCode);
  return items.length === 1 && items[0] === codeKey(itemCode) ? productCode : undefined;
}
