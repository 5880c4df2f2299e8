/**
 * Price and VAT queries: nebim:basePrices, nebim:priceListPrices (both pick one row per partition the way
 * their ROW_NUMBER() does) and nebim:vatRates.
 * @module
 */

import type { Row } from "../dataset.ts";
import type { QueryResult } from "../../tds/server.ts";
import { ciEquals, ciKey, compareKeys } from "./collate.ts";
import { col } from "./columns.ts";
import { type HandlerContext, itemKeys, itemRows } from "./context.ts";
import { hasPredicate, intParam, textParam } from "./sql_text.ts";
import { validity } from "./validity.ts";

function time(v: unknown): number {
  return v instanceof Date ? v.getTime() : Number.NEGATIVE_INFINITY;
}

/** Negative when `a` sorts first under `ORDER BY <every key> DESC`. */
function byKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c = typeof x === "number" && typeof y === "number" ? x - y : compareKeys(String(x), String(y));
    if (c !== 0) return -c;
  }
  return 0;
}

/**
 * Per item: BasePriceCode = @basePriceCode AND CountryCode = @countryCode, then ROW_NUMBER() over
 * (CASE SeasonCode '' first, PriceDate DESC, SeasonCode DESC) = 1.
 */
export function basePrices(ctx: HandlerContext): QueryResult {
  const code = intParam(ctx.req, "basePriceCode");
  const country = textParam(ctx.req, "countryCode");
  const rows: unknown[][] = [];
  for (const key of itemKeys(ctx, "p")) {
    let best: Row | undefined;
    let bestKeys: (number | string)[] = [];
    for (const p of itemRows(ctx, "prItemBasePrice", "p", key)) {
      if (p.BasePriceCode !== code || !ciEquals(p.CountryCode, country)) continue;
      // Descending sort keys: "season-less" 1 beats 0.
      const keys = [ciKey(p.SeasonCode) === "" ? 1 : 0, time(p.PriceDate), ciKey(p.SeasonCode)];
      if (!best || byKeys(keys, bestKeys) < 0) {
        best = p;
        bestKeys = keys;
      }
    }
    if (best) rows.push([best.ItemCode, best.CurrencyCode, best.Price]);
  }
  return {
    resultSets: [{
      columns: [
        col("prItemBasePrice", "ItemCode"),
        col("prItemBasePrice", "CurrencyCode"),
        col("prItemBasePrice", "Price"),
      ],
      rows,
    }],
  };
}

/**
 * Lines of the items joined to their headers, kept when the header is of @priceGroupCode, confirmed and
 * completed, the line is not disabled and its start (validity.ts) is at most @asOf; per (item, colour,
 * dimensions) the line with the latest start, PriceListDate, PriceListNumber, SortOrder.
 */
export function priceListPrices(ctx: HandlerContext): QueryResult {
  const group = textParam(ctx.req, "priceGroupCode");
  const valid = validity(ctx);
  // In force as of @asOf by the header's and the line's tests, each as the statement words it.
  const headerInForce = valid.test("h", "asOf") ?? (() => true);
  const lineInForce = valid.test("l", "asOf") ?? (() => true);
  const headers = ctx.idx.byColumn("trPriceListHeader", "PriceListHeaderID");
  const best = new Map<string, { line: Row; header: Row; keys: (number | string)[] }>();
  // Each filter as the statement has it, no kinder: SQL Server lets in what a dropped one no longer keeps out.
  const filters = (column: string, value: 0 | 1) =>
    new RegExp(`\\b\\w+\\.${column}\\s*=\\s*${value}\\b`, "i").test(ctx.stripped);
  const enabledOnly = filters("IsDisabled", 0);
  const confirmedOnly = filters("IsConfirmed", 1);
  const completedOnly = filters("IsCompleted", 1);
  for (const key of itemKeys(ctx, "l")) {
    for (const line of itemRows(ctx, "trPriceListLine", "l", key)) {
      if (enabledOnly && line.IsDisabled !== false) continue;
      const header = (headers.get(ciKey(line.PriceListHeaderID)) ?? []).find((h) =>
        ciKey(h.PriceListHeaderID) === ciKey(line.PriceListHeaderID)
      );
      if (!header || !ciEquals(header.PriceGroupCode, group)) continue;
      if ((confirmedOnly && header.IsConfirmed !== true) || (completedOnly && header.IsCompleted !== true)) {
        continue;
      }
      if (!headerInForce(header) || !lineInForce(line)) continue;
      const start = valid.start(header, line);
      const keys = [
        start,
        time(header.PriceListDate),
        ciKey(header.PriceListNumber),
        Number(line.SortOrder ?? 0),
      ];
      const k = ctx.idx.variantKey(line);
      const current = best.get(k);
      if (!current || byKeys(keys, current.keys) < 0) best.set(k, { line, header, keys });
    }
  }
  const rows = [...best.values()].map(({ line, header }) => [
    line.ItemCode,
    line.ColorCode,
    line.ItemDim1Code,
    line.ItemDim2Code,
    line.ItemDim3Code,
    line.Price,
    line.DocCurrencyCode,
    header.IsTaxIncluded,
  ]);
  const lineCol = (c: string) => col("trPriceListLine", c);
  return {
    resultSets: [{
      columns: [
        ...[
          "ItemCode",
          "ColorCode",
          "ItemDim1Code",
          "ItemDim2Code",
          "ItemDim3Code",
          "Price",
          "DocCurrencyCode",
        ].map(
          lineCol,
        ),
        col("trPriceListHeader", "IsTaxIncluded"),
      ],
      rows,
    }],
  };
}

/**
 * cdItemTaxGr ⋈ prItemTaxGrAtt (CountryCode = @countryCode, ProcessCode 'R', each where the statement has it)
 * ⋈ cdVat on SellVatCode.
 */
export function vatRates(ctx: HandlerContext): QueryResult {
  const country = textParam(ctx.req, "countryCode");
  // As the statement filters: without ProcessCode 'R' a tax group has a rate per process (retail, wholesale...).
  const inCountry = hasPredicate(ctx.stripped, "a.CountryCode = @countryCode");
  const retailOnly = hasPredicate(ctx.req.sql, "a.ProcessCode = N'R'");
  const atts = ctx.idx.byColumn("prItemTaxGrAtt", "ItemTaxGrCode");
  const vats = ctx.idx.byColumn("cdVat", "VatCode");
  const rows: unknown[][] = [];
  for (const g of ctx.data.rows("cdItemTaxGr")) {
    for (const a of atts.get(ciKey(g.ItemTaxGrCode)) ?? []) {
      if (!ciEquals(a.ItemTaxGrCode, g.ItemTaxGrCode) || (inCountry && !ciEquals(a.CountryCode, country))) {
        continue;
      }
      if (retailOnly && !ciEquals(a.ProcessCode, "R")) continue;
      for (const v of vats.get(ciKey(a.SellVatCode)) ?? []) {
        if (ciEquals(v.VatCode, a.SellVatCode)) rows.push([g.ItemTaxGrCode, v.VatRate]);
      }
    }
  }
  return { resultSets: [{ columns: [col("cdItemTaxGr", "ItemTaxGrCode"), col("cdVat", "VatRate")], rows }] };
}
