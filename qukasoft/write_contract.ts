/**
 * The write side of the Qukasoft contract (`docs/qukasoft-api.md`), beside contract.ts: the request bodies of
 * POST /product/save, /product/stockPrice and /order/setTransferred, and the zod schemas of their answers
 * with per-item results.
 * @module
 */

import { z } from "zod";
import { isRecord } from "../is_record.ts";

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
  // As the contract spells it (nearly every result): `r` itself, no copy per variant of a full sync's answers.
  if ((known as readonly string[]).includes(r.status)) return r as T & { status: S };
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

/**
 * `r` without its message when that is null, its other keys in their order: a PHP store's fixed-shape array
 * says `"message": null` for an item without one.
 */
function withoutNullMessage<T extends { message?: string | null }>(
  r: T,
): Omit<T, "message"> & { message?: string } {
  if (r.message !== null) return r as Omit<T, "message"> & { message?: string };
  const { message: _, ...rest } = r;
  return rest;
}

/**
 * A saved product's id: a number, or digits in a string as a PHP store writes it (PDO::lastInsertId() gives a
 * string whatever the options, and PDO hands every column over as one); none, or null, is 0 (not created).
 * Undefined when it is anything else.
 */
function productId(v: unknown): number | undefined {
  if (v === undefined || v === null) return 0;
  const id = typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  return typeof id === "number" && Number.isSafeInteger(id) ? id : undefined;
}

const saveVariantResult = z.object({
  stockCode: z.string(),
  status: z.string(),
  message: z.string().nullish(),
})
  .transform((r) => itemResult(SAVE_STATUSES, withoutNullMessage(r)));

/** The schema `saveResult` stands for, and falls back to. */
export const saveResultSchema = z.object({
  list: z.array(
    z.object({
      productCode: z.string(),
      id: z.unknown().optional().transform((v, ctx): number => {
        const id = productId(v);
        if (id !== undefined) return id;
        ctx.addIssue({ code: "custom", message: `expected a whole number, received ${JSON.stringify(v)}` });
        return z.NEVER;
      }),
      status: z.string(),
      message: z.string().nullish(),
      variants: z.array(saveVariantResult).default([]),
    }).transform((r) => itemResult(SAVE_STATUSES, withoutNullMessage(r))),
  ),
});

type SaveResult = z.output<typeof saveResultSchema>;

/** A `result` check: a zod schema, or one with a faster path (saveResult). */
export interface ResultSchema<T> {
  safeParse(data: unknown): z.ZodSafeParseResult<T>;
}

/**
 * `result` of POST /product/save. A full sync's answers carry every variant of the catalogue, and zod builds
 * objects per field of each (~70 MB at 100,000 variants): an answer as the contract has it is read by hand
 * into what the schema gives; anything else (a wrong type, a field missing, an id out of range) goes to the
 * schema, whose error names the field. tests/qukasoft/save_result_test.ts holds the two to the same output.
 */
export const saveResult: ResultSchema<SaveResult> = {
  safeParse(data) {
    const read = readSaveResult(data);
    return read ? { success: true, data: read } : saveResultSchema.safeParse(data);
  },
};

/** What saveResultSchema gives for `x` (unknown fields dropped, in its key order), or undefined. */
function readSaveResult(x: unknown): SaveResult | undefined {
  if (!isRecord(x) || !Array.isArray(x.list)) return undefined;
  const list: SaveResult["list"] = [];
  for (const p of x.list) {
    if (!isRecord(p)) return undefined;
    const { productCode, status, message } = p;
    const id = productId(p.id);
    if (typeof productCode !== "string" || typeof status !== "string" || id === undefined) {
      return undefined;
    }
    if (message != null && typeof message !== "string") return undefined;
    const variants: SaveResult["list"][number]["variants"] = [];
    if (p.variants !== undefined) {
      if (!Array.isArray(p.variants)) return undefined;
      for (const v of p.variants) {
        if (!isRecord(v)) return undefined;
        const { stockCode, status, message } = v;
        if (typeof stockCode !== "string" || typeof status !== "string") return undefined;
        if (message != null && typeof message !== "string") return undefined;
        variants.push(
          itemResult(
            SAVE_STATUSES,
            message == null ? { stockCode, status } : { stockCode, status, message },
          ),
        );
      }
    }
    list.push(
      itemResult(
        SAVE_STATUSES,
        message == null
          ? { productCode, id, status, variants }
          : { productCode, id, status, message, variants },
      ),
    );
  }
  return { list };
}

/** Success is "updated" (the document names only the error form). */
export const stockPriceResult = z.object({
  list: z.array(
    z.object({ stockCode: z.string(), status: z.string(), message: z.string().nullish() })
      .transform((r) => itemResult(STOCK_PRICE_STATUSES, withoutNullMessage(r))),
  ),
});

export const setTransferredResult = z.object({ code: z.string(), transferred: z.literal(true) });
