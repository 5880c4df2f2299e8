/**
 * A quirk of PHP stores the simulator can show: numbers as strings. PDO hands every column of a MySQL row to
 * PHP as a string unless told otherwise (a DECIMAL always), and json_encode writes what it got: `"899.90"`,
 * `"812"`, `"1"` for a TINYINT flag; and PDO::lastInsertId() gives a new row's id as a string whatever the
 * options. The contract says numbers; the agent reads both.
 * @module
 */

import type { ListPage } from "./state.ts";
import type { StoreOrder, StoreProduct } from "./types.ts";
import type { ProductSaveResult } from "./product_save.ts";

/** What a store may do beyond the contract's letter; read on every request, so a test may change it. */
export interface StoreQuirks {
  /**
   * GET /product/lists and GET /order/listsV2 write their numbers and flags as PDO hands them over (strings),
   * and POST /product/save its ids.
   */
  numbersAsText: boolean;
  /** POST /product/save and /product/stockPrice give an item without a message `"message": null`. */
  nullMessages?: boolean;
  /** POST /product/save and /product/stockPrice list their items' results last first. */
  reversedAnswers?: boolean;
  /**
   * POST /product/stockPrice words an unknown stock code's message so (e.g. "Not found."), not the contract's
   * "not found".
   */
  notFoundMessage?: string;
  /** A PHP warning is printed before the body of every success answer (php_warning.ts). */
  phpWarnings?: boolean;
  /** A PHP warning is printed after the body of every success answer, as PHP shuts the request down. */
  phpShutdownWarnings?: boolean;
}

/** A product list page as a PDO-backed store writes it. */
export function productsAsText(page: ListPage<StoreProduct>): unknown {
  return {
    total: String(page.total), // COUNT(*) comes back as a string too
    pageSize: page.pageSize,
    list: page.list.map((p) => ({
      ...p,
      id: String(p.id),
      active: p.active ? "1" : "0",
      vatRate: p.vatRate.toFixed(2),
      variants: p.variants.map((v) => ({
        ...v,
        quantity: String(v.quantity),
        price: v.price.toFixed(2),
        marketplacePrice: v.marketplacePrice?.toFixed(2) ?? null,
      })),
    })),
  };
}

/** A POST /product/save answer's list as a PDO-backed store writes it: the ids as strings. */
export function savedAsText(list: readonly ProductSaveResult[]): unknown {
  return list.map((r) => ({ ...r, id: String(r.id) }));
}

/** An order list page (as listed: `transferred` only once marked) as a PDO-backed store writes it. */
export function ordersAsText(
  page: ListPage<Omit<StoreOrder, "transferred"> & { transferred?: boolean }>,
): unknown {
  const money = (n: number) => n.toFixed(2);
  return {
    total: String(page.total),
    pageSize: page.pageSize,
    list: page.list.map((o) => ({
      ...o,
      id: String(o.id),
      status: String(o.status),
      ...(o.transferred === undefined ? {} : { transferred: o.transferred ? "1" : "0" }),
      payment: { ...o.payment, installments: String(o.payment.installments) },
      cargo: { ...o.cargo, price: money(o.cargo.price) },
      discount: money(o.discount),
      total: money(o.total),
      products: o.products.map((l) => ({
        ...l,
        productId: String(l.productId),
        quantity: String(l.quantity),
        price: money(l.price),
        vatRate: l.vatRate.toFixed(2),
      })),
    })),
  };
}
