/**
 * The items a cycle reads again for the duplicates a merchant may have mended since.
 * @module
 */

import { codeKey } from "../nebim/code_key.ts";
import type { BindingView } from "./binding_index.ts";
import type { VariantKey } from "../nebim/types.ts";
import { stockCodeOf, type StockCodeSetting } from "./stock_code.ts";

/**
 * The items of the bound stock codes with an open `duplicate` problem (subjects: stock codes). Under barcode
 * stock codes such a code, on sale before another variant took its barcode too, went to stock 0; the merchant
 * mends it on that other variant, and the changed barcode row stamps only that item. Read again, the holder
 * takes its code back once Nebim no longer shares it (every cycle that reads asks: sync/products.ts), or keeps
 * it reported. So too under a template stock code, where the holder of a shared barcode sends the stock code
 * in the store's barcode field (sync/shared_barcode.ts) until read again.
 *
 * Under a template, also every item a problem records (`items`: those whose variants make the same code): no
 * query ahead of the cycle finds such a code shared, as the shared barcodes are, so only reading its items
 * together does; one read alone would take the code and close the problem, until the next full cycle opened
 * it again. A problem recorded without its items (an older agent's), of a code never pushed, waits for the
 * full reconciliation.
 * @param template whether stock codes come from a template (catalog.stockCode.from)
 */
export function duplicateHolders(
  open: readonly { subject: string; items?: readonly string[] }[],
  bindings: ReadonlyMap<string, BindingView>,
  template: boolean,
): string[] {
  const items = new Set<string>();
  for (const { subject, items: recorded } of open) {
    const b = bindings.get(subject);
    if (b?.pushed) items.add(b.itemCode);
    if (template) recorded?.forEach((item) => items.add(item));
  }
  return [...items];
}

/**
 * Under a template: stock code → the items an open duplicate problem records (BatchContext.knownDuplicates),
 * or undefined when none records two. A cycle's batches read them together, so that a pair split across
 * batches is held by neither, as in one batch, rather than pushed by the first and zeroed at the end.
 */
export function recordedItems(
  open: readonly { subject: string; items?: readonly string[] }[],
): Map<string, readonly string[]> | undefined {
  let known: Map<string, readonly string[]> | undefined;
  for (const { subject, items } of open) {
    if (items && items.length > 1) (known ??= new Map()).set(subject, items);
  }
  return known;
}

/**
 * Adds to `into` the items an open duplicate records for `code` (`known`: recordedItems) that the batch does
 * not hold (`inBatch`: its items by codeKey, item_batches.ts itemsRead): a batch reads them with its own.
 */
export function addRecordedOthers(
  known: ReadonlyMap<string, readonly string[]>,
  code: string,
  inBatch: ReadonlySet<string>,
  into: Set<string>,
): void {
  known.get(code)?.forEach((i) => {
    if (!inBatch.has(codeKey(i))) into.add(i);
  });
}

/**
 * Under a template: `known` (recordedItems) with the codes Nebim's items make twice (`keys`: the variant keys
 * CatalogSource.templateCodeVariants found), each code with every item that makes it. Their codes are made
 * here again, and compared exactly: SQL Server grouped them case-blind. Asked before the cycle, as the shared
 * barcodes are under barcode stock codes: a batch reads such a code's other items with its own, and no
 * batch takes it, where the first would push it and a later one's clash zero it at the cycle's end.
 */
export function withTemplateDuplicates(
  known: Map<string, readonly string[]> | undefined,
  keys: readonly VariantKey[],
  setting: StockCodeSetting,
): Map<string, readonly string[]> | undefined {
  const makers = new Map<string, Map<string, string>>(); // code → item key → item code
  const add = (code: string, item: string) => {
    const items = makers.get(code) ?? new Map<string, string>();
    makers.set(code, items);
    if (!items.has(codeKey(item))) items.set(codeKey(item), item);
  };
  for (const key of keys) {
    const code = stockCodeOf({ key, barcodes: [] }, setting);
    if (typeof code === "string") add(code, key.itemCode);
  }
  makers.forEach((items, code) => {
    if (items.size < 2) return;
    known?.get(code)?.forEach((item) => add(code, item));
    (known ??= new Map()).set(code, [...items.values()]);
  });
  return known;
}

/** Records `d`'s item among the items that make its stock code (each item once, in the order met). */
export function addMaker(
  makers: Map<string, string[]>,
  d: { stockCode: string; key: { itemCode: string } },
): void {
  const items = makers.get(d.stockCode) ?? [];
  if (!items.includes(d.key.itemCode)) makers.set(d.stockCode, [...items, d.key.itemCode]);
}
