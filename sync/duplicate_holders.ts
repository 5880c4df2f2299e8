/**
 * The items an incremental cycle reads again for the duplicates a merchant may have mended since.
 * @module
 */

import type { BindingView } from "./binding_index.ts";

/**
 * The items of the bound stock codes with an open `duplicate` problem (subjects: stock codes). Under barcode
 * stock codes such a code, on sale before another variant took its barcode too, went to stock 0; the merchant
 * mends it on that other variant, and the changed barcode row stamps only that item. Read again, the holder
 * takes its code back once Nebim no longer shares it (every cycle that reads asks: sync/products.ts), or keeps
 * it reported. So too under a template stock code, where the holder of a shared barcode sends the stock code
 * in the store's barcode field (sync/shared_barcode.ts) until read again. A code never pushed has no binding
 * to name its item: it waits for the full reconciliation.
 */
export function duplicateHolders(
  open: readonly { subject: string }[],
  bindings: ReadonlyMap<string, BindingView>,
): string[] {
  const items = new Set<string>();
  for (const { subject } of open) {
    const b = bindings.get(subject);
    if (b?.pushed) items.add(b.itemCode);
  }
  return [...items];
}
