/**
 * The per-item results a write call gives items the store did not answer for: not known to be written
 * (unwritten, unclear: tried again), or refused by the web server in front of the store as too large even
 * alone (oversized: the store never saw it).
 * @module
 */

import type { WireProductInput, WireStockPriceItem } from "./write_contract.ts";
import type { ProductSaveResult, StockPriceResult } from "./types.ts";

/** An item of the batch the store's answer did not mention: it may or may not have been applied. */
export const NO_RESULT = "no result from the store";

/** A product not known to be written: no result for it, or its request failed (it may have been applied). */
export function unwrittenSave(item: WireProductInput, message: string): ProductSaveResult {
  return { productCode: item.productCode, id: 0, status: "error", message, unclear: true, variants: [] };
}

/** A stock and price item not known to be written, as unwrittenSave. */
export function unwrittenStockPrice(item: WireStockPriceItem, message: string): StockPriceResult {
  return { stockCode: item.stockCode, status: "error", message, unclear: true };
}

/** A product refused as too large (413) even in a request of its own: told with how to mend it. */
export function oversizedSave(item: WireProductInput, message: string): ProductSaveResult {
  const why = `too large for the store's web server even alone (${item.variants?.length ?? 0} variants): ` +
    "raise its request body limit (nginx client_max_body_size)";
  return {
    productCode: item.productCode,
    id: 0,
    status: "error",
    message: `${message}: ${why}`,
    variants: [],
  };
}

/** A stock and price item refused as too large (413) even alone. */
export function oversizedStockPrice(item: WireStockPriceItem, message: string): StockPriceResult {
  return { stockCode: item.stockCode, status: "error", message };
}
