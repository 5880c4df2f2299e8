/**
 * Under a template stock code a variant's barcode is only the store's barcode field, so a barcode Nebim has
 * on more than one variant does not make two variants one, as under barcode stock codes (run_batch.ts holds
 * those): each keeps its stock code, stock and price. But the store, and the marketplaces it lists on, would
 * show one barcode on two variants (a marketplace refuses the second; an order by barcode names either).
 * @module
 */

import { codeKey } from "../nebim/code_key.ts";
import type { DesiredVariant, Problem } from "./desired.ts";

/**
 * The variants with a barcode of `shared` (Nebim's sharedBarcodes, by code key) given the stock code as their
 * barcode instead, as a variant without a barcode is, each reported.
 */
export function withoutSharedBarcodes(
  variants: readonly DesiredVariant[],
  shared: ReadonlySet<string>,
  problems: Problem[],
): DesiredVariant[] {
  if (shared.size === 0) return variants as DesiredVariant[];
  return variants.map((d) => {
    if (d.barcode === d.stockCode || !shared.has(codeKey(d.barcode))) return d;
    problems.push({
      subject: d.stockCode,
      kind: "duplicate",
      reason:
        `barcode "${d.barcode}" is also on another variant in Nebim; the store gets the stock code as ` +
        "this variant's barcode until one of them has another",
    });
    return { ...d, barcode: d.stockCode };
  });
}

/** The code keys of Nebim's shared barcodes, for {@link withoutSharedBarcodes}. */
export function sharedBarcodeKeys(barcodes: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const b of barcodes) keys.add(codeKey(b.trim()));
  return keys;
}
