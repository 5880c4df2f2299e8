/**
 * The write side of the Qukasoft contract (`docs/qukasoft-api.md`), beside contract.ts: the request bodies of
 * POST /product/save, /product/stockPrice and /order/setTransferred, and the zod schemas of their answers
 * with per-item results.
 * @module
 */

import { z } from "zod";

/** A field left out is left unchanged; `active` counts only when the product is created. */
export interface WireVariantInput {
  stockCode: string;
  barcode?: string;
  name1?: string;
  value1?: string;
  name2?: string;
  value2?: string;
  quantity?: number;
  price?: number;
  marketplacePrice?: number;
}

export interface WireProductInput {
  productCode: string;
  name?: string;
  vatRate?: number;
  active?: boolean;
  variants?: WireVariantInput[];
}

/** Body of POST /product/save. */
export interface WireSaveBody {
  products: WireProductInput[];
}

export interface WireStockPriceItem {
  stockCode: string;
  quantity?: number;
  price?: number;
  marketplacePrice?: number;
}

/** Body of POST /product/stockPrice. */
export interface WireStockPriceBody {
  items: WireStockPriceItem[];
}

/** Body of POST /order/setTransferred. */
export interface WireSetTransferredBody {
  code: string;
  erpReference: string;
}

const SAVE_STATUSES = ["created", "updated", "error"] as const;
const STOCK_PRICE_STATUSES = ["updated", "error"] as const;

/**
 * A per-item result's status, as the contract names it (compared trimmed and in lower case). One it does not
 * name ("skipped", "queued") is not a contract break for the whole answer, whose other items stand: it
 * reads as an error whose effect is not known (`unclear`), which the caller tries again.
 */
function itemResult<S extends string, T extends { status: string; message?: string }>(
  known: readonly S[],
  r: T,
): Omit<T, "status"> & { status: S | "error"; unclear?: true } {
  const status = r.status.trim().toLowerCase();
  if ((known as readonly string[]).includes(status)) return { ...r, status: status as S };
  const said = r.message ? `: ${r.message}` : "";
  return {
    ...r,
    status: "error",
    message: `the store answered status ${JSON.stringify(r.status)}, which the contract does not name${said}`,
    unclear: true,
  };
}

const saveVariantResult = z.object({
  stockCode: z.string(),
  status: z.string(),
  message: z.string().optional(),
})
  .transform((r) => itemResult(SAVE_STATUSES, r));

export const saveResult = z.object({
  list: z.array(
    z.object({
      productCode: z.string(),
      id: z.number().int().nullish().transform((v) => v ?? 0),
      status: z.string(),
      message: z.string().optional(),
      variants: z.array(saveVariantResult).default([]),
    }).transform((r) => itemResult(SAVE_STATUSES, r)),
  ),
});

/** Success is "updated" (the document names only the error form). */
export const stockPriceResult = z.object({
  list: z.array(
    z.object({ stockCode: z.string(), status: z.string(), message: z.string().optional() })
      .transform((r) => itemResult(STOCK_PRICE_STATUSES, r)),
  ),
});

export const setTransferredResult = z.object({ code: z.string(), transferred: z.literal(true) });
