/**
 * The queries of the codes the catalog settings name (nebim/sql/code_queries.ts): nebim:<kind>Used (TOP (1)
 * row using the configured code, compared under Turkish_CI_AS) and the lists of codes in use (DISTINCT TOP
 * (@take), in code order), for the base price code, the price group, the barcode type and the language. Each
 * filter applies where the statement has it, no kinder than SQL Server.
 * @module
 */

import type { Row } from "../dataset.ts";
import type { QueryResult } from "../../tds/server.ts";
import { unitFilter } from "./catalog.ts";
import { ciEquals, ciKey, compareKeys } from "./collate.ts";
import { col } from "./columns.ts";
import { type HandlerContext, productsOnly } from "./context.ts";
import { hasPredicate, intParam, textParam } from "./sql_text.ts";
import { listLineFilter } from "./prices.ts";

/** One kind of code: the column it is answered as, and the rows that use one (each with its code). */
interface CodeUse {
  table: string;
  column: string;
  codes(ctx: HandlerContext): unknown[];
}

/** Rows of `table` (as `alias`), products only where the statement says `<alias>.ItemTypeCode = 1`. */
function rowsOf(ctx: HandlerContext, table: string, alias: string): Row[] {
  const products = productsOnly(ctx, alias);
  return ctx.data.rows(table).filter((r) => !products || r.ItemTypeCode === 1);
}

const basePrices: CodeUse = {
  table: "prItemBasePrice",
  column: "BasePriceCode",
  codes(ctx) {
    const country = textParam(ctx.req, "countryCode");
    const inCountry = hasPredicate(ctx.stripped, "p.CountryCode = @countryCode");
    return rowsOf(ctx, "prItemBasePrice", "p").filter((p) => !inCountry || ciEquals(p.CountryCode, country))
      .map((p) => p.BasePriceCode);
  },
};

const priceLists: CodeUse = {
  table: "trPriceListHeader",
  column: "PriceGroupCode",
  codes(ctx) {
    const headers = ctx.idx.byColumn("trPriceListHeader", "PriceListHeaderID");
    const inForce = listLineFilter(ctx);
    const out: unknown[] = [];
    for (const l of rowsOf(ctx, "trPriceListLine", "l")) {
      for (const h of headers.get(ciKey(l.PriceListHeaderID)) ?? []) {
        if (ciKey(h.PriceListHeaderID) !== ciKey(l.PriceListHeaderID)) continue;
        if (inForce(l, h, ciKey(l.ItemCode))) out.push(h.PriceGroupCode);
      }
    }
    return out;
  },
};

const barcodes: CodeUse = {
  table: "prItemBarcode",
  column: "BarcodeTypeCode",
  codes(ctx) {
    const unit = unitFilter(ctx);
    return rowsOf(ctx, "prItemBarcode", "b").filter(unit).map((b) => b.BarcodeTypeCode);
  },
};

const descriptions: CodeUse = {
  table: "cdItemDesc",
  column: "LangCode",
  codes: (ctx) => rowsOf(ctx, "cdItemDesc", "d").map((d) => d.LangCode),
};

/** `SELECT TOP (1) <code> … AND <code> = @<param>`: the configured code, if a row uses it. */
function used(use: CodeUse, param: string, alias: string) {
  return (ctx: HandlerContext): QueryResult => {
    const value = use.column === "BasePriceCode" ? intParam(ctx.req, param) : textParam(ctx.req, param);
    const filtered = hasPredicate(ctx.stripped, `${alias}.${use.column} = @${param}`);
    const found = use.codes(ctx).find((c) => !filtered || ciEquals(c, value));
    const rows = found === undefined ? [] : [[found]];
    return { resultSets: [{ columns: [col(use.table, use.column, { as: "Code" })], rows }] };
  };
}

/** `SELECT DISTINCT TOP (@take) <code> … ORDER BY <code>`: numbers by value, text by the collation's key. */
function listed(use: CodeUse) {
  return (ctx: HandlerContext): QueryResult => {
    const take = intParam(ctx.req, "take") ?? 0;
    const distinct = new Map<string, unknown>();
    for (const c of use.codes(ctx)) if (c !== null && !distinct.has(ciKey(c))) distinct.set(ciKey(c), c);
    const order = (a: unknown, b: unknown) =>
      typeof a === "number" && typeof b === "number" ? a - b : compareKeys(ciKey(a), ciKey(b));
    const rows = [...distinct.values()].sort(order).slice(0, Math.max(take, 0)).map((c) => [c]);
    return { resultSets: [{ columns: [col(use.table, use.column, { as: "Code" })], rows }] };
  };
}

export const basePriceCodeUsed = used(basePrices, "basePriceCode", "p");
export const basePriceCodes = listed(basePrices);
export const priceGroupUsed = used(priceLists, "priceGroupCode", "h");
export const priceGroups = listed(priceLists);
export const barcodeTypeUsed = used(barcodes, "barcodeTypeCode", "b");
export const barcodeTypes = listed(barcodes);
export const langCodeUsed = used(descriptions, "langCode", "d");
export const langCodes = listed(descriptions);
