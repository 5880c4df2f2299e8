/**
 * Price and VAT queries: nebim:basePrices, nebim:priceListPrices (both pick one row per partition the way
 * their ROW_NUMBER() does) and nebim:vatRates.
 * @module
 */

import type { Row } from "../dataset.ts";
import type { QueryResult } from "../../tds/server.ts";
import { ciEquals, ciKey } from "./collate.ts";
import { col } from "./columns.ts";
import { type HandlerContext, itemKeys, itemRows, productRows } from "./context.ts";
import { hasPredicate, intParam, textParam } from "./sql_text.ts";
import { columnTerm, numbered, rowNumberWindow, sortValue } from "./row_number.ts";
import { validity } from "./validity.ts";

/**
 * Per item: BasePriceCode = @basePriceCode AND CountryCode = @countryCode, then the statement's ROW_NUMBER()
 * (the agent's: CASE SeasonCode '' first, PriceDate DESC, SeasonCode DESC) = 1.
 */
export function basePrices(ctx: HandlerContext): QueryResult {
  const code = intParam(ctx.req, "basePriceCode");
  const country = textParam(ctx.req, "countryCode");
  const window = rowNumberWindow<Row>(ctx.stripped, (expr) => {
    const seasonless = /^CASE WHEN p\.SeasonCode = N'' THEN (\d+) ELSE (\d+) END$/i.exec(expr);
    if (seasonless) return (p) => Number(ciKey(p.SeasonCode) === "" ? seasonless[1] : seasonless[2]);
    return columnTerm(expr, (alias) => alias === "p" ? (p: Row) => p : undefined);
  });
  const found: Row[] = [];
  const pricesOf = itemRows(ctx, "prItemBasePrice", "p");
  for (const key of itemKeys(ctx, "p")) {
    for (const p of pricesOf(key)) {
      if (p.BasePriceCode === code && ciEquals(p.CountryCode, country)) found.push(p);
    }
  }
  const rows = numbered(found, window).map((p) => [p.ItemCode, p.CurrencyCode, p.Price]);
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

/** A price-list line and its header. */
interface Listed {
  line: Row;
  header: Row;
}

/** price_queries.ts's test of a line whose start is later than its header's, as the statement has it. */
const LINE_LATER = String
  .raw`l\.ValidDate > h\.ValidDate OR \(l\.ValidDate = h\.ValidDate AND l\.ValidTime > h\.ValidTime\)`;

function lineLater({ line: l, header: h }: Listed): boolean {
  const [ld, hd] = [sortValue(l.ValidDate), sortValue(h.ValidDate)];
  return ld > hd || (ld === hd && sortValue(l.ValidTime) > sortValue(h.ValidTime));
}

/**
 * Lines of the items joined to their headers, kept when the header is of @priceGroupCode, confirmed and
 * completed, the line is not disabled and its start (validity.ts) is at most @asOf; per (item, colour,
 * dimensions) the line with the latest start, PriceListDate, PriceListNumber, SortOrder.
 */
export function priceListPrices(ctx: HandlerContext): QueryResult {
  const group = textParam(ctx.req, "priceGroupCode");
  const headers = ctx.idx.byColumn("trPriceListHeader", "PriceListHeaderID");
  const found: Listed[] = [];
  const window = rowNumberWindow<Listed>(ctx.stripped, (expr) => {
    const pick = new RegExp(
      `^CASE WHEN ${LINE_LATER} THEN (l|h)\\.(ValidDate|ValidTime) ELSE (l|h)\\.(ValidDate|ValidTime) END$`,
      "i",
    ).exec(expr);
    if (pick) {
      const of = (alias: string) => (x: Listed) => alias.toLowerCase() === "l" ? x.line : x.header;
      const [then, other] = [of(pick[1]!), of(pick[3]!)];
      return (x) => sortValue(lineLater(x) ? then(x)[pick[2]!] : other(x)[pick[4]!]);
    }
    return columnTerm(
      expr,
      (alias) => alias === "l" ? (x: Listed) => x.line : alias === "h" ? (x) => x.header : undefined,
    );
  });
  const inForce = listLineFilter(ctx);
  const linesOf = itemRows(ctx, "trPriceListLine", "l");
  for (const key of itemKeys(ctx, "l")) {
    for (const line of linesOf(key)) {
      const header = (headers.get(ciKey(line.PriceListHeaderID)) ?? []).find((h) =>
        ciKey(h.PriceListHeaderID) === ciKey(line.PriceListHeaderID)
      );
      if (!header || !ciEquals(header.PriceGroupCode, group)) continue;
      if (inForce(line, header, key)) found.push({ line, header });
    }
  }
  const rows = numbered(found, window).map(({ line, header }) => [
    line.ItemCode,
    line.ColorCode,
    line.ItemDim1Code,
    line.ItemDim2Code,
    line.ItemDim3Code,
    line.Price,
    line.DocCurrencyCode,
    header.DocCurrencyCode,
    header.IsTaxIncluded,
    line.DisableDate,
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
        col("trPriceListHeader", "DocCurrencyCode", { as: "ListCurrencyCode" }),
        col("trPriceListHeader", "IsTaxIncluded"),
        lineCol("DisableDate"),
      ],
      rows,
    }],
  };
}

/**
 * Whether a price-list line (`l`) and its header (`h`) pass the statement's filters, each as the statement has
 * it and no kinder (SQL Server lets in what a dropped one no longer keeps out): not disabled, a confirmed and
 * completed header, the item's own unit (baseUnit), both in force as of @asOf.
 */
export function listLineFilter(ctx: HandlerContext): (line: Row, header: Row, itemKey: string) => boolean {
  const filters = (column: string, value: 0 | 1) =>
    new RegExp(`\\b\\w+\\.${column}\\s*=\\s*${value}\\b`, "i").test(ctx.stripped);
  const enabledOnly = filters("IsDisabled", 0);
  const confirmedOnly = filters("IsConfirmed", 1);
  const completedOnly = filters("IsCompleted", 1);
  const inItsUnit = baseUnit(ctx);
  const valid = validity(ctx);
  const headerInForce = valid.test("h", "asOf") ?? (() => true);
  const lineInForce = valid.test("l", "asOf") ?? (() => true);
  return (line, header, itemKey) =>
    !(enabledOnly && line.IsDisabled !== false) && inItsUnit(line, itemKey) &&
    !(confirmedOnly && header.IsConfirmed !== true) && !(completedOnly && header.IsCompleted !== true) &&
    headerInForce(header) && lineInForce(line);
}

/**
 * Whether a line is in its item's own unit, when the statement joins cdItem for it (blank on either side
 * passes); a statement without the join lets every unit's line in, as SQL Server would.
 */
function baseUnit(ctx: HandlerContext): (line: Row, itemKey: string) => boolean {
  if (!/\bi\.UnitOfMeasureCode1\b/i.test(ctx.stripped)) return () => true;
  const items = ctx.idx.byItem("cdItem");
  return (line, itemKey) => {
    // An inner join: a line of no item is out.
    const item = productRows(items, itemKey)[0];
    if (!item) return false;
    const unit = ciKey(line.UnitOfMeasureCode ?? "");
    const own = ciKey(item.UnitOfMeasureCode1 ?? "");
    return unit === "" || own === "" || unit === own;
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
