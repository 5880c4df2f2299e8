/**
 * A quirk of PHP stores the simulator can show: a per-item result built as a fixed-shape array, so one without
 * a message says `"message": null` (json_encode writes PHP's null) rather than leaving the key out.
 * @module
 */

import type { ProductSaveResult } from "./product_save.ts";
import type { StockPriceItemResult } from "./stock_price.ts";

/** One item's result with `message: null` when it has none. */
function nullMessage<T extends { message?: string }>(r: T): Omit<T, "message"> & { message: string | null } {
  return { ...r, message: r.message ?? null };
}

/** A POST /product/save answer's list, its products' and their variants' results each with a message key. */
export function savedWithNullMessages(list: readonly ProductSaveResult[]): ProductSaveResult[] {
  return list.map((r) => ({ ...nullMessage(r), variants: r.variants.map(nullMessage) }) as ProductSaveResult);
}

/** A POST /product/stockPrice answer's list, each result with a message key. */
export function stockPriceWithNullMessages(list: readonly StockPriceItemResult[]): StockPriceItemResult[] {
  return list.map((r) => nullMessage(r) as StockPriceItemResult);
}
