/**
 * The two price sources' statements (DESIGN §4, research/nebim.md §5.7): a base price per item, or the
 * current line of a price list per variant. Same rules as queries.ts.
 * @module
 */

import {
  itemFilter,
  type ItemSelection,
  momentParams,
  type NebimStatement,
  statement,
  validMoment,
  VARIANT_COLUMNS,
} from "./statement.ts";

/**
 * One base price per item (prices are per item, research/nebim.md §5.7) for the code and country. The
 * season-independent row (SeasonCode '') wins; without one, the latest PriceDate (then the highest
 * SeasonCode) — a seasonal price is better than none, and the newest season is the current one.
 */
export function basePricesQuery(
  items: ItemSelection,
  basePriceCode: number,
  countryCode: string,
): NebimStatement {
  const f = itemFilter("p.ItemCode", items);
  return statement(
    "basePrices",
    `
SELECT x.ItemCode, x.CurrencyCode, x.Price
FROM (
  SELECT p.ItemCode, p.CurrencyCode, p.Price,
    ROW_NUMBER() OVER (PARTITION BY p.ItemCode
      ORDER BY CASE WHEN p.SeasonCode = N'' THEN 0 ELSE 1 END, p.PriceDate DESC, p.SeasonCode DESC) AS RowNo
  FROM prItemBasePrice p WITH (NOLOCK)
  WHERE p.ItemTypeCode = 1 AND p.BasePriceCode = @basePriceCode AND p.CountryCode = @countryCode
    AND ${f.sql}
) x
WHERE x.RowNo = 1`,
    [
      { name: "basePriceCode", type: "tinyint", value: basePriceCode },
      { name: "countryCode", type: "nvarchar", value: countryCode },
      ...f.params,
    ],
  );
}

/**
 * A line priced in the item's own unit (cdItem.UnitOfMeasureCode1), not another one's (a box's price beside
 * the piece's): the store sells one unit. A blank code on either side says nothing and passes.
 */
export const BASE_UNIT = "(l.UnitOfMeasureCode = N'' OR i.UnitOfMeasureCode1 = N'' " +
  "OR l.UnitOfMeasureCode = i.UnitOfMeasureCode1)";

/**
 * The current price-list line per (item, colour, dimensions) for the price group. A line is in force once
 * both its header's start and its own have passed (each a ValidDate + ValidTime, research/nebim.md §5.7),
 * as of `asOf` on SQL Server's clock, exact to the time: a list valid from 14:00 is not in force at 13:59.
 * Among lines not disabled, of confirmed and completed headers, the latest start wins (the later of the
 * two), then PriceListDate, PriceListNumber, SortOrder. The reader picks, per variant, its own line before
 * the colour-level and the item-level line (empty codes). The line's currency and its header's are both read:
 * research/nebim.md names the two columns, not which one governs (costs.ts holds a line they disagree on).
 * The line's DisableDate is read too, for costs.ts to hold a line that has one but is not disabled.
 */
export function priceListPricesQuery(
  items: ItemSelection,
  priceGroupCode: string,
  asOf: Date,
): NebimStatement {
  const f = itemFilter("l.ItemCode", items);
  // The line's start is later than its header's: then it is the line's that counts.
  const lineLater = "l.ValidDate > h.ValidDate OR (l.ValidDate = h.ValidDate AND l.ValidTime > h.ValidTime)";
  return statement(
    "priceListPrices",
    `
SELECT ${VARIANT_COLUMNS("x")}, x.Price, x.DocCurrencyCode, x.ListCurrencyCode, x.IsTaxIncluded,
  x.DisableDate
FROM (
  SELECT ${VARIANT_COLUMNS("l")}, l.Price, l.DocCurrencyCode, l.DisableDate,
    h.DocCurrencyCode AS ListCurrencyCode, h.IsTaxIncluded,
    ROW_NUMBER() OVER (PARTITION BY ${VARIANT_COLUMNS("l")}
      ORDER BY CASE WHEN ${lineLater} THEN l.ValidDate ELSE h.ValidDate END DESC,
        CASE WHEN ${lineLater} THEN l.ValidTime ELSE h.ValidTime END DESC,
        h.PriceListDate DESC, h.PriceListNumber DESC, l.SortOrder DESC) AS RowNo
  FROM trPriceListLine l WITH (NOLOCK)
  JOIN trPriceListHeader h WITH (NOLOCK) ON h.PriceListHeaderID = l.PriceListHeaderID
  JOIN cdItem i WITH (NOLOCK) ON i.ItemTypeCode = l.ItemTypeCode AND i.ItemCode = l.ItemCode
  WHERE l.ItemTypeCode = 1 AND ${f.sql} AND ${BASE_UNIT}
    AND h.PriceGroupCode = @priceGroupCode AND h.IsConfirmed = 1 AND h.IsCompleted = 1
    AND l.IsDisabled = 0 AND ${validMoment("h", "<=", "asOf")} AND ${validMoment("l", "<=", "asOf")}
) x
WHERE x.RowNo = 1`,
    [
      { name: "priceGroupCode", type: "nvarchar", value: priceGroupCode },
      ...momentParams("asOf", asOf),
      ...f.params,
    ],
  );
}
