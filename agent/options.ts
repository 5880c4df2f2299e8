/**
 * Slices of the settings for each part: pure adapters from the one settings document to the narrow
 * options each module takes, so no module below the agent depends on the whole document.
 * @module
 */

import type { CatalogReadOptions } from "../nebim/types.ts";
import type { IntegratorClientOptions } from "../nebim/integrator/client.ts";
import type { NebimSqlOptions } from "../nebim/sql/pool.ts";
import type { PriceRules } from "../pricing/rules.ts";
import type { QukasoftClientOptions } from "../qukasoft/mod.ts";
import type { Settings } from "../settings/mod.ts";
import type { MappingOptions } from "../sync/desired.ts";
import type { PlanOptions } from "../sync/plan.ts";
import { timerMs } from "../timer_max.ts";

export function catalogReadOptions(s: Settings): CatalogReadOptions {
  const c = s.catalog;
  return {
    langCode: c.langCode,
    barcodeTypeCode: c.stockCode.barcodeTypeCode,
    warehouses: [...c.warehouses],
    subtractReservations: c.subtractReservations,
    priceSource: c.priceSource.kind === "basePrice"
      ? { kind: "basePrice", basePriceCode: c.priceSource.basePriceCode }
      : { kind: "priceList", priceGroupCode: c.priceSource.priceGroupCode },
    countryCode: c.countryCode,
  };
}

export function sqlOptions(s: Settings): NebimSqlOptions {
  return { ...s.nebim.sql, requestTimeoutMs: timerMs(s.nebim.sql.requestTimeoutMs) };
}

/** The Integrator client's options (an unset baseUrl is refused before a client is made: settings/unset.ts). */
export function integratorOptions(s: Settings): IntegratorClientOptions {
  const i = s.nebim.integrator;
  return { ...i, baseUrl: i.baseUrl ?? "", requestTimeoutMs: timerMs(i.requestTimeoutMs) };
}

/** The store client's options (an unset baseUrl is refused before a client is made: settings/unset.ts). */
export function storeOptions(s: Settings): QukasoftClientOptions {
  const q = s.qukasoft;
  return {
    baseUrl: q.baseUrl ?? "",
    apiKey: q.apiKey,
    apiSecret: q.apiSecret,
    requestsPer10s: q.requestsPer10s,
    timeoutMs: timerMs(q.requestTimeoutMs),
  };
}

export function mappingOptions(s: Settings, rules: PriceRules): MappingOptions {
  return {
    stockCode: s.catalog.stockCode,
    groupBy: s.catalog.groupBy,
    subtractReservations: s.catalog.subtractReservations,
    safetyStock: s.catalog.safetyStock,
    rules,
    costSource: costSource(s.catalog),
  };
}

/** The cost a variant lacks when it has none, as the price source's settings select it. */
function costSource(c: Settings["catalog"]): string {
  const src = c.priceSource;
  return src.kind === "basePrice"
    ? `no base price ${src.basePriceCode} for country "${c.countryCode}" ` +
      "(catalog.priceSource.basePriceCode, catalog.countryCode)"
    : `no line in force in price group "${src.priceGroupCode}" (catalog.priceSource.priceGroupCode)`;
}

export function planOptions(s: Settings): PlanOptions {
  return {
    updateNames: s.pricing.updateNames,
    disablePriceUpdate: s.pricing.disablePriceUpdate,
    newProductsActive: s.catalog.newProductsActive,
    zeroStockForVanished: s.catalog.zeroStockForVanished,
    barcodeIsStockCode: s.catalog.stockCode.from === "barcode",
    vanishLimit: s.catalog.vanishLimit && { ...s.catalog.vanishLimit },
  };
}
