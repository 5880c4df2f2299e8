/**
 * `POST /product/stockPrice` semantics: each item sets any of quantity, price and marketplacePrice of one
 * stock code, found as the store's collation compares codes (collation.ts) and answered as the store keeps
 * it. An unknown stock code is `{ stockCode, status: "error", message: "not found" }`; an invalid value, or a
 * code a test made the store refuse (StoreState.refuse), rejects that item whole (nothing of it is applied).
 * @module
 */

import type { StoreState } from "./state.ts";
import { asObject, code, int, money } from "./fields.ts";
import { errorMessage } from "../error_message.ts";

export interface StockPriceItemResult {
  stockCode: string;
  status: "updated" | "error";
  message?: string;
}

export function updateStockPrice(
  state: StoreState,
  items: readonly unknown[],
  notFound = "not found",
): StockPriceItemResult[] {
  return items.map((item, i): StockPriceItemResult => {
    const path = `items[${i}]`;
    let stockCode = "";
    try {
      const o = asObject(item, path);
      stockCode = code(o, "stockCode", path);
      const quantity = o.quantity === undefined ? undefined : int(o, "quantity", path, { min: 0 });
      const price = o.price === undefined ? undefined : money(o, "price", path);
      const marketplacePrice = o.marketplacePrice === undefined
        ? undefined
        : money(o, "marketplacePrice", path);
      const refused = state.refusal(stockCode);
      if (refused !== undefined) return { stockCode, status: "error", message: refused };
      const found = state.variant(stockCode);
      if (!found) return { stockCode, status: "error", message: notFound };
      if (quantity !== undefined) found.variant.quantity = quantity;
      if (price !== undefined) found.variant.price = price;
      if (marketplacePrice !== undefined) found.variant.marketplacePrice = marketplacePrice;
      return { stockCode: found.variant.stockCode, status: "updated" };
    } catch (e) {
      return { stockCode, status: "error", message: errorMessage(e) };
    }
  });
}
