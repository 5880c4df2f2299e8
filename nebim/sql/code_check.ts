/**
 * The catalog settings that name a Nebim code besides the warehouses (warehouse_check.ts): the price source's
 * base price code or price group, the barcode type, the descriptions' language. SQL Server takes any code, so
 * a typo reads nothing: every item held for want of a price, every variant for want of a stock code (its
 * barcode), or no product named. `check` proves each by the rows the sync reads it from (code_queries.ts), and
 * so does the running sync before it reads (agent/connections.ts), as it proves the warehouses.
 * @module
 */

import { IntegrationError } from "../../errors.ts";
import { closestKeys } from "../../settings/suggest.ts";
import type { CatalogReadOptions } from "../types.ts";
import { codeOf } from "./map.ts";
import type { NebimPool } from "./pool.ts";
import {
  barcodeTypesQuery,
  barcodeTypeUsedQuery,
  basePriceCodesQuery,
  basePriceCodeUsedQuery,
  langCodesQuery,
  langCodeUsedQuery,
  type NebimStatement,
  priceGroupsQuery,
  priceGroupUsedQuery,
} from "./queries.ts";
import { createNebimReader } from "./reader.ts";
import { didYouMean } from "./warehouse_check.ts";

/** The settings proven this way, by `check` (one line each) and the running sync. */
export type CatalogCode = "priceSource" | "barcodeType" | "language";

/** Codes read for suggestions (as warehouse_check.ts): all of them are listed when there are few. */
const SUGGEST_FROM = 1000;
const LIST_ALL = 10;

/** How one setting is proven, and what its failure says. */
interface CodeProof {
  key: string;
  value: string | number;
  used: NebimStatement;
  codes: NebimStatement;
  /** "is the code of no base price in Nebim (prItemBasePrice)". */
  none: string;
  /** What Nebim's codes are called in the list: "the codes there are 1, 3". */
  plural: string;
  /** What to say when no row has any code: "Nebim has none". */
  noneAtAll?: string;
  /** What the sync would do, and what to set. */
  then: string;
}

/** Where stock codes come from (catalog.stockCode.from): a barcode type no barcode has holds every variant. */
export type StockCodeFrom = "barcode" | "template";

function proofOf(
  o: CatalogReadOptions,
  which: CatalogCode,
  from: StockCodeFrom,
  asOf: () => Promise<Date>,
): Promise<CodeProof> {
  const held = "every item would be held for want of a price";
  if (which === "priceSource" && o.priceSource.kind === "basePrice") {
    const code = o.priceSource.basePriceCode;
    return Promise.resolve({
      key: "catalog.priceSource.basePriceCode",
      value: code,
      used: basePriceCodeUsedQuery(code, o.countryCode),
      codes: basePriceCodesQuery(o.countryCode, SUGGEST_FROM),
      none: `is the code of no base price in Nebim (prItemBasePrice) for catalog.countryCode ` +
        JSON.stringify(o.countryCode),
      plural: "the codes there are",
      noneAtAll: "no base price has that country: check catalog.countryCode too",
      then: `${held}: set the code of the prices to sell at (bsBasePriceDesc names each)`,
    });
  }
  if (which === "priceSource" && o.priceSource.kind === "priceList") {
    const group = o.priceSource.priceGroupCode;
    return asOf().then((at) => ({
      key: "catalog.priceSource.priceGroupCode",
      value: group,
      used: priceGroupUsedQuery(group, at),
      codes: priceGroupsQuery(at, SUGGEST_FROM),
      none:
        "has no price-list line in force in Nebim (trPriceListLine, in the item's own unit, not disabled, " +
        "of a confirmed and completed trPriceListHeader of that PriceGroupCode, valid now)",
      plural: "the groups with one are",
      then: `${held}: set the price group whose lists price the store's items`,
    }));
  }
  if (which === "barcodeType") {
    return Promise.resolve({
      key: "catalog.stockCode.barcodeTypeCode",
      value: o.barcodeTypeCode,
      used: barcodeTypeUsedQuery(o.barcodeTypeCode),
      codes: barcodeTypesQuery(SUGGEST_FROM),
      none: "is the type of no unit barcode in Nebim (prItemBarcode, Qty 1)",
      plural: "the types there are",
      then: `${
        from === "barcode"
          ? "every variant would be held for want of a stock code"
          : "the store would get no barcode of Nebim's, each variant's stock code in its place"
      }: set the type of the barcodes to sell by`,
    });
  }
  return Promise.resolve({
    key: "catalog.langCode",
    value: o.langCode,
    used: langCodeUsedQuery(o.langCode),
    codes: langCodesQuery(SUGGEST_FROM),
    none: "is the language of no item description in Nebim (cdItemDesc)",
    plural: "the languages there are",
    then: "no product would have a name, and none is created without one: set the language of the names " +
      "to show",
  });
}

/**
 * Why the setting names a code no row the sync reads has, or undefined when a row has it (compared by SQL
 * Server, under Nebim's collation). E.g. `catalog.langCode: "TK" is the language of no item description in
 * Nebim (cdItemDesc); the languages there are "EN", "TR" — no product would have a name, …`.
 */
export async function unusedCode(
  pool: NebimPool,
  options: CatalogReadOptions,
  which: CatalogCode,
  from: StockCodeFrom,
  signal?: AbortSignal,
): Promise<string | undefined> {
  return (await unused(pool, options, which, from, signal))?.line;
}

/**
 * Fails fatally (a person must mend the setting) when the setting names a code no row the sync reads has,
 * before anything is read by it; subject: its key. A template's barcode type is not asked: it only picks the
 * store's barcode (`check` warns of it).
 */
export async function requireCode(
  pool: NebimPool,
  options: CatalogReadOptions,
  which: CatalogCode,
  from: StockCodeFrom,
  signal?: AbortSignal,
): Promise<void> {
  if (which === "barcodeType" && from === "template") return;
  const found = await unused(pool, options, which, from, signal);
  if (!found) return;
  throw new IntegrationError(
    "fatal",
    `${found.line}; nothing is read of Nebim until it names a code Nebim has (docs/settings.md)`,
    { system: "nebim-sql", subject: found.key },
  );
}

/** What a proof of `which` depends on: the same text, the same answer (for one pool, lists in force aside). */
export function codeSetting(o: CatalogReadOptions, which: CatalogCode, from: StockCodeFrom): string {
  const read = which === "priceSource"
    ? [o.priceSource, o.countryCode]
    : which === "barcodeType"
    ? [o.barcodeTypeCode, from]
    : o.langCode;
  return JSON.stringify([which, read]);
}

/** unusedCode's line, and the key it names. */
async function unused(
  pool: NebimPool,
  options: CatalogReadOptions,
  which: CatalogCode,
  from: StockCodeFrom,
  signal?: AbortSignal,
): Promise<{ key: string; line: string } | undefined> {
  const run = (q: NebimStatement) => pool.query(q.sql, q.params, signal);
  // A list is in force by SQL Server's clock, as the sync reads it (reader.ts serverTime).
  const asOf = () => createNebimReader(pool, options).serverTime(signal);
  const p = await proofOf(options, which, from, asOf);
  if ((await run(p.used)).length > 0) return undefined;
  const show = (c: string | number) => (typeof c === "number" ? String(c) : JSON.stringify(c));
  const codes = (await run(p.codes)).map((r) => (typeof r.Code === "number" ? r.Code : codeOf(r.Code)));
  const known = codes.length === 0
    ? `; ${p.noneAtAll ?? "Nebim has none"}`
    : codes.length <= LIST_ALL
    ? `; ${p.plural} ${codes.map(show).join(", ")}`
    : didYouMean(closestKeys(String(p.value), codes.map(String)));
  return { key: p.key, line: `${p.key}: ${show(p.value)} ${p.none}${known} — ${p.then}` };
}
