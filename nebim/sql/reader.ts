/**
 * Reads the catalogue from Nebim's database and assembles one NebimVariant per variant. Nothing above
 * this module sees a column name. Items are read whole (a product groups a variant's siblings), in
 * batches of several small queries rather than one giant join.
 * @module
 */

import { IntegrationError } from "../../errors.ts";
import type { CatalogReadOptions, NebimVariant, VariantKey } from "../types.ts";
import { codeKey, codeOf, rateOf } from "./map.ts";
import { assembleVariants } from "./assemble.ts";
import { basePriceCosts, priceListCosts } from "./costs.ts";
import type { NebimPool, NebimRow } from "./pool.ts";
import { sqlErrorNumber } from "./sql_error.ts";
import {
  barcodesQuery,
  basePricesQuery,
  changedItemsQuery,
  databaseCreatedQuery,
  itemCodesPageQuery,
  type ItemSelection,
  MAX_LISTED_ITEMS,
  type NebimStatement,
  onHandQuery,
  priceListPricesQuery,
  reservedQuery,
  serverTimeQuery,
  sharedBarcodesQuery,
  templateCodesQuery,
  variantsQuery,
  vatRatesQuery,
} from "./queries.ts";
import { type SchemaReport, verifySchema } from "./schema_check.ts";

export interface NebimReader {
  /** SQL Server's clock: the sync's signpost. */
  serverTime(signal?: AbortSignal): Promise<Date>;
  /** When the database was made (or restored, which makes it anew), as ISO text; "" when it is not listed. */
  databaseCreated(signal?: AbortSignal): Promise<string>;
  /** Item codes with any change in [since, until), distinct (case-blind). */
  changedItemCodes(since: Date, until: Date, signal?: AbortSignal): Promise<string[]>;
  /** Every item code (ItemTypeCode 1), page by page, in the server's order. */
  allItemCodes(signal?: AbortSignal): AsyncIterable<string[]>;
  /** Every variant of these items, assembled; prices as valid on `asOf` (server wall clock). */
  readItems(itemCodes: string[], asOf: Date, signal?: AbortSignal): Promise<NebimVariant[]>;
  /**
   * As readItems, for consecutive codes of one `allItemCodes` page: reads every item from the first code to
   * the last by a key-range seek (two parameters instead of one per code), so an item added since the page
   * was read comes along.
   */
  readItemRun(run: string[], asOf: Date, signal?: AbortSignal): Promise<NebimVariant[]>;
  /** Barcodes of the configured type that more than one variant carries. */
  sharedBarcodes(signal?: AbortSignal): Promise<Set<string>>;
  /**
   * The keys of the product variants whose stock code under `template` more than one item makes, as SQL
   * Server groups the codes (case-blind): compare them again.
   */
  templateCodeVariants(template: string, signal?: AbortSignal): Promise<VariantKey[]>;
  verifySchema(signal?: AbortSignal): Promise<SchemaReport>;
  close(): Promise<void>;
}

export interface ReaderTuning {
  /** Item codes per page of `allItemCodes`; default 2000. */
  pageSize?: number;
}

export function createNebimReader(
  pool: NebimPool,
  options: CatalogReadOptions,
  tuning: ReaderTuning = {},
): NebimReader {
  const pageSize = tuning.pageSize ?? 2000;
  const run = (q: NebimStatement, signal?: AbortSignal): Promise<NebimRow[]> =>
    pool.query(q.sql, q.params, signal);
  // The VAT chain is small and the same for a whole cycle: read once per `asOf` (the cycle's signpost).
  let vatCache: { asOf: number; rates: Promise<Map<string, number>> } | undefined;

  function vatRates(asOf: Date, signal?: AbortSignal): Promise<Map<string, number>> {
    if (vatCache?.asOf !== asOf.getTime()) {
      const rates = run(vatRatesQuery(options.countryCode), signal).then((rows) => {
        const m = new Map<string, number>();
        for (const r of rows) {
          // A rate that is no number leaves the group without one: its variants are reported, not priced.
          const rate = rateOf(r.VatRate);
          if (rate !== undefined) m.set(codeKey(r.ItemTaxGrCode), rate);
        }
        return m;
      });
      vatCache = { asOf: asOf.getTime(), rates };
      rates.catch(() => {
        if (vatCache?.rates === rates) vatCache = undefined;
      });
    }
    return vatCache.rates;
  }

  async function readBatch(
    items: ItemSelection,
    asOf: Date,
    vat: Map<string, number>,
    signal?: AbortSignal,
  ): Promise<NebimVariant[]> {
    const ws = options.warehouses;
    const src = options.priceSource;
    const [variants, barcodes, onHand, reserved, prices] = await Promise.all([
      run(variantsQuery(items, options.langCode), signal),
      run(barcodesQuery(items, options.barcodeTypeCode), signal),
      ws.length ? run(onHandQuery(items, ws), signal) : [],
      ws.length && options.subtractReservations ? run(reservedQuery(items, ws), signal) : [],
      run(
        src.kind === "basePrice"
          ? basePricesQuery(items, src.basePriceCode, options.countryCode)
          : priceListPricesQuery(items, src.priceGroupCode, asOf),
        signal,
      ),
    ]);
    const costOf = src.kind === "basePrice" ? basePriceCosts(prices) : priceListCosts(prices);
    return assembleVariants({ variants, barcodes, onHand, reserved }, costOf, vat);
  }

  return {
    async serverTime(signal) {
      const rows = await run(serverTimeQuery(), signal);
      const t = rows[0]?.ServerTime;
      if (!(t instanceof Date) || Number.isNaN(t.getTime())) {
        throw new IntegrationError("fatal", `Nebim SQL: GETDATE() returned no date (${String(t)})`, {
          system: "nebim-sql",
        });
      }
      return t;
    },

    async databaseCreated(signal) {
      // A login denied the catalog view (a hardened server) loses only this watch, not every cycle.
      const rows = await run(databaseCreatedQuery(), signal).catch((e) => {
        if (sqlErrorNumber(e) === 229) return [];
        throw e;
      });
      const t = rows[0]?.CreatedAt;
      return t instanceof Date && !Number.isNaN(t.getTime()) ? t.toISOString() : "";
    },

    async changedItemCodes(since, until, signal) {
      const src = options.priceSource;
      const rows = await run(
        changedItemsQuery({
          since,
          until,
          langCode: options.langCode,
          countryCode: options.countryCode,
          warehouses: options.warehouses,
          reservations: options.subtractReservations,
          priceSource: src.kind === "basePrice"
            ? { kind: "basePrice", basePriceCode: src.basePriceCode }
            : { kind: "priceList", priceGroupCode: src.priceGroupCode },
        }),
        signal,
      );
      return distinctCodes(rows.map((r) => codeOf(r.ItemCode)));
    },

    async *allItemCodes(signal) {
      let after = "";
      for (;;) {
        const rows = await run(itemCodesPageQuery(after, pageSize), signal);
        const codes = rows.map((r) => codeOf(r.ItemCode));
        if (codes.length > 0) yield codes;
        if (codes.length < pageSize) return;
        after = codes[codes.length - 1]!;
      }
    },

    async readItems(itemCodes, asOf, signal) {
      const codes = distinctCodes(itemCodes);
      if (codes.length === 0) return [];
      const vat = await vatRates(asOf, signal);
      const out: NebimVariant[] = [];
      for (let i = 0; i < codes.length; i += MAX_LISTED_ITEMS) {
        out.push(...await readBatch(codes.slice(i, i + MAX_LISTED_ITEMS), asOf, vat, signal));
      }
      return out;
    },

    async readItemRun(run, asOf, signal) {
      if (run.length === 0) return [];
      const vat = await vatRates(asOf, signal);
      return readBatch({ first: run[0]!, last: run[run.length - 1]! }, asOf, vat, signal);
    },

    async sharedBarcodes(signal) {
      const rows = await run(sharedBarcodesQuery(options.barcodeTypeCode), signal);
      return new Set(rows.map((r) => codeOf(r.Barcode)));
    },

    async templateCodeVariants(template, signal) {
      const rows = await run(templateCodesQuery(template), signal);
      return rows.map((r) => ({
        itemTypeCode: 1,
        itemCode: codeOf(r.ItemCode),
        colorCode: codeOf(r.ColorCode),
        itemDim1Code: codeOf(r.ItemDim1Code),
        itemDim2Code: codeOf(r.ItemDim2Code),
        itemDim3Code: codeOf(r.ItemDim3Code),
      }));
    },

    verifySchema(signal) {
      return verifySchema(pool, options.priceSource.kind, signal);
    },

    close() {
      return pool.close();
    },
  };
}

/** Codes without repeats, compared as SQL Server does (case, trailing spaces); first spelling kept. */
function distinctCodes(codes: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of codes) {
    const k = codeKey(c);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}
