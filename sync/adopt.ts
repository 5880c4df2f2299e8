/**
 * Taking over what the store already shows (DESIGN §4.8, rules 4–5). A full cycle lists the store's own
 * variants; a stock code Nebim has but the ledger does not know — created by the agent this one replaces,
 * by hand, or by a write whose record was lost — is bound to the product the store keeps it in, with the
 * store's quantity, prices and name as the last pushed state. From then on it is an existing product:
 * stock always, price unless disabled, name only when enabled, `active` never. Creating it again would
 * overwrite the merchant's name, price and active flag, or be refused as a duplicate stock code.
 * Store variants Nebim has no stock code for are left alone: they may be the merchant's own.
 * @module
 */

import type { BindingIndex, PushedFields } from "./binding_index.ts";
import type { DesiredVariant } from "./desired.ts";
import type { BindingWrite, StoreVariantState } from "./ports.ts";
import { storeCodeKey } from "../qukasoft/code_key.ts";
import { codeKey } from "../nebim/code_key.ts";

/**
 * Binds each desired variant the ledger has not pushed and the store already has (`unbound`, by storeCodeKey
 * of the stock code, as the store finds it whatever its case; each is taken once) in `bindings`, under Nebim's
 * spelling, and returns the records the ledger must keep for them.
 */
export function adoptFromStore(
  desired: readonly DesiredVariant[],
  bindings: BindingIndex,
  unbound: Map<string, StoreVariantState>,
): BindingWrite[] {
  const out: BindingWrite[] = [];
  for (const d of desired) {
    const key = storeCodeKey(d.stockCode);
    const s = unbound.get(key);
    if (!s || bindings.get(d.stockCode)?.pushed) continue;
    unbound.delete(key);
    const pushed = storePushed(s);
    bindings.set(d.stockCode, {
      stockCode: d.stockCode,
      productCode: s.productCode,
      itemCode: d.key.itemCode,
      pushed,
      vanished: false,
    });
    out.push({
      stockCode: d.stockCode,
      productCode: s.productCode,
      itemCode: d.key.itemCode,
      variantKey: d.key,
      pushed,
      vanished: false,
    });
  }
  return out;
}

/**
 * The bound codes of `desired` whose store state a full cycle read (`drifted`: it differs from the ledger's)
 * and whose plan sends nothing (`planned` has the codes it writes): the store already shows what Nebim says,
 * through a write whose answer was lost, or the merchant's hand. The ledger records the store's state for them
 * all the same, or an incremental cycle planned from it later (after a restart, or a failed cycle) would
 * compare Nebim with a value the store no longer has, and send nothing when Nebim goes back to that value.
 */
export function learnedFromStore(
  desired: readonly DesiredVariant[],
  bindings: BindingIndex,
  drifted: ReadonlySet<string>,
  planned: ReadonlyMap<string, unknown>,
): BindingWrite[] {
  const out: BindingWrite[] = [];
  for (const d of desired) {
    const b = bindings.get(d.stockCode);
    if (!drifted.has(d.stockCode) || planned.has(d.stockCode) || !b?.pushed) continue;
    if (b.itemCode !== d.key.itemCode) continue; // moved to another item: its write records it
    out.push({
      stockCode: d.stockCode,
      productCode: b.productCode,
      itemCode: b.itemCode,
      variantKey: d.key,
      pushed: b.pushed,
      vanished: b.vanished,
    });
  }
  return out;
}

/**
 * True when the store's state of a bound code differs from what the ledger says was pushed. The product code
 * as spelled: a binding with Nebim's spelling of a product the store spells otherwise learns the store's.
 */
export function storeDiffers(
  b: { productCode: string; pushed: PushedFields | null },
  s: StoreVariantState,
): boolean {
  const p = b.pushed;
  return p === null || b.productCode !== s.productCode || p.quantity !== s.quantity || p.price !== s.price ||
    p.marketplacePrice !== s.marketplacePrice || p.name !== s.name || p.vatRate !== s.vatRate ||
    p.barcode !== s.barcode || (p.label ?? null) !== s.label;
}

/** A store variant's state as the fields the agent last pushed. */
export function storePushed(s: StoreVariantState): PushedFields {
  return {
    quantity: s.quantity,
    price: s.price,
    marketplacePrice: s.marketplacePrice,
    name: s.name,
    vatRate: s.vatRate,
    barcode: s.barcode,
    label: s.label,
  };
}

/**
 * The codes a batch took whose binding names another item (Nebim moved the barcode to it, or re-coded the
 * item) and whose plan writes nothing (`planned`), the store already showing what Nebim says: each bound to
 * its item now, in `bindings` and in the records returned. Else only a write would move the binding, and an
 * incremental cycle reading the old item (an open duplicate's holder, a stock movement) would find the code
 * gone from it and zero a code still on sale. A dirty binding is left: its write is owed, and records it.
 */
export function movedUnwritten(
  desired: readonly DesiredVariant[],
  bindings: BindingIndex,
  planned: ReadonlyMap<string, unknown>,
): BindingWrite[] {
  const out: BindingWrite[] = [];
  for (const d of desired) {
    // Most codes stay on their item: told by the binding's columns, without a view of each.
    const item = bindings.settledItem(d.stockCode);
    if (item === undefined || planned.has(d.stockCode)) continue;
    // The same item as Nebim compares codes (as spelled first: nearly always so).
    if (item === d.key.itemCode || codeKey(item) === codeKey(d.key.itemCode)) continue;
    const b = bindings.get(d.stockCode)!;
    const w: BindingWrite = {
      stockCode: d.stockCode,
      productCode: b.productCode,
      itemCode: d.key.itemCode,
      variantKey: d.key,
      pushed: b.pushed!, // settled: pushed
      vanished: b.vanished,
    };
    out.push(w);
    bindings.set(d.stockCode, { ...b, itemCode: w.itemCode });
  }
  return out;
}
