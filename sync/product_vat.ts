/**
 * A product's VAT rate as a plan sends it: which bound codes it reaches, and which store product an item's rate
 * may go to.
 * @module
 */

import type { BindingIndex, BindingView } from "./binding_index.ts";
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
  const items = index.liveCodesIn(productCode);
  return items.size === 1 && items.has(codeKey(itemCode)) ? productCode : undefined;
}

/**
 * soleItem, counting what `batch` reads: a product whose other items' codes on sale are all read now under
 * `itemCode` (Nebim moved them there: an item re-coded, its barcodes kept) is that item's once the batch binds
 * them to it (sync/adopt.ts movedUnwritten), as the next cycle would find it. Without this the product's rate
 * and labels waited for that cycle, a full one when nothing else of the item changes.
 */
export function soleAfterBatch(
  index: BindingIndex,
  productCode: string,
  itemCode: string,
  batch: readonly DesiredVariant[],
): string | undefined {
  const sole = soleItem(index, productCode, itemCode);
  if (sole !== undefined) return sole;
  const counts = index.liveCodesIn(productCode);
  if (counts.size === 0) return undefined;
  const item = codeKey(itemCode);
  const product = storeCodeKey(productCode);
  const moving = new Map<string, number>(); // another item's codes there, read now under `itemCode`
  for (const d of batch) {
    if (codeKey(d.key.itemCode) !== item) continue;
    const b = index.get(d.stockCode);
    if (!b?.pushed || b.vanished || storeCodeKey(b.productCode) !== product) continue;
    const from = codeKey(b.itemCode);
    if (from !== item) moving.set(from, (moving.get(from) ?? 0) + 1);
  }
  for (const [other, n] of counts) if (other !== item && (moving.get(other) ?? 0) < n) return undefined;
  return productCode;
}
