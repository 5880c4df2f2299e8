/**
 * The store's product list, page by page (offset paging that keeps its place while the merchant edits), each
 * product read on its own: one the agent cannot read is left out and reported, not a failure of the listing.
 * @module
 */

import { z } from "zod";
import { LIMITS, pageOf, QUERY, wireProduct } from "./contract.ts";
import { type CallSite, contractBreak } from "./classify.ts";
import { toQProduct } from "./map.ts";
import { describeIssue, type Requester } from "./request.ts";
import type { QProduct, UnreadableProduct } from "./types.ts";
import { errorMessage } from "../errors.ts";

const rawPage = pageOf(z.unknown());

/**
 * Every product, one page per iteration, oldest id first. A product with a field the agent cannot read (a
 * price of "12a", a missing `active`) is handed to `unreadable` and left out; a page none of whose products
 * can be read is a contract break (fatal): the store's shape changed, not one record.
 */
export async function* listProducts(
  request: Requester,
  site: CallSite,
  signal?: AbortSignal,
  unreadable?: (p: UnreadableProduct) => void,
): AsyncIterable<QProduct[]> {
  // Offset paging over a list the merchant may change meanwhile: a product deleted before the offset
  // moves the rest back, so the next page would start a row too far (a skipped product is taken for
  // gone and created again). Each page therefore starts at the last row already seen; when its first
  // row is one not seen yet, rows moved back, and the listing steps back a page to find its place.
  const seen = new Set<unknown>();
  let overlapped = false;
  let steppedBack = false;
  for (let pageStart = 0;;) {
    const query = { pageStart, pageSize: LIMITS.pageSize, orderBy: QUERY.orderById, sort: "asc" };
    const page = await request(site, rawPage, { query }, signal);
    const list = page.list.map(readProduct);
    if (overlapped && pageStart > 0 && (list.length === 0 || !seen.has(list[0]!.key))) {
      pageStart = Math.max(0, pageStart - page.pageSize);
      steppedBack = true;
      continue;
    }
    if (list.length && list.every((r) => "unreadable" in r)) {
      const first = list[0] as { unreadable: UnreadableProduct };
      throw contractBreak(site, `no product of the page can be read: ${describe(first.unreadable)}`);
    }
    const fresh = list.filter((r) => !seen.has(r.key));
    const products: QProduct[] = [];
    for (const r of fresh) {
      seen.add(r.key);
      if ("product" in r) products.push(r.product);
      else unreadable?.(r.unreadable);
    }
    if (products.length) yield products;
    if (pageStart + list.length >= page.total) return;
    // Nothing after the last row seen; but not on a page stepped back to: a store that reports the pageSize
    // asked for while serving fewer rows has its end of the list elsewhere (the rest was taken for gone).
    if (fresh.length === 0 && list.length < page.pageSize && !steppedBack) return;
    steppedBack = false;
    // One row of overlap, unless the store serves a single row per page.
    overlapped = list.length > 1;
    pageStart += overlapped ? list.length - 1 : Math.max(1, list.length);
  }
}

type Read =
  | { key: unknown; product: QProduct }
  | { key: unknown; unreadable: UnreadableProduct };

function readProduct(raw: unknown): Read {
  const loose = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const id = typeof loose.id === "number" ? loose.id : Number(loose.id);
  const productCode = typeof loose.productCode === "string" ? loose.productCode : "";
  // The row's identity for paging, even when the row cannot be read: its id, else its code, else itself.
  const key = Number.isSafeInteger(id) ? id : productCode ? `code:${productCode}` : JSON.stringify(raw);
  const parsed = wireProduct.safeParse(raw);
  let reason: string;
  if (parsed.success) {
    try {
      return { key, product: toQProduct(parsed.data) };
    } catch (e) {
      reason = errorMessage(e);
    }
  } else reason = describeIssue(parsed.error, "");
  const variants = Array.isArray(loose.variants) ? loose.variants as { stockCode?: unknown }[] : [];
  return {
    key,
    unreadable: {
      productCode,
      ...(Number.isSafeInteger(id) ? { id } : {}),
      stockCodes: variants.flatMap((v) => typeof v?.stockCode === "string" ? [v.stockCode] : []),
      reason,
    },
  };
}

/** `product "KML-1001" (id 812): variants[0].price: expected a number, received "12a"`. */
export function describe(p: UnreadableProduct): string {
  const who = p.productCode ? `product "${p.productCode}"` : "a product";
  return `${who}${p.id !== undefined ? ` (id ${p.id})` : ""}: ${p.reason}`;
}
