/**
 * Test plumbing for the wire tests: the login, database and read options they share, and the pool options
 * pointing at a simulator's port.
 * @module
 */

import type { NebimSqlOptions } from "../../../nebim/sql/pool.ts";
import type { CatalogReadOptions } from "../../../nebim/types.ts";

export const USER = "eticaret_ro";
export const PASSWORD = "Okuma-Şifre-2026!";
export const DATABASE = "V3_TEST";

export const OPTIONS: CatalogReadOptions = {
  langCode: "TR",
  barcodeTypeCode: "DEF",
  warehouses: ["MRK"],
  subtractReservations: true,
  priceSource: { kind: "priceList", priceGroupCode: "WEB" },
  countryCode: "TR",
};
export const BASE_PRICES: CatalogReadOptions = {
  ...OPTIONS,
  priceSource: { kind: "basePrice", basePriceCode: 1 },
};

export function sqlOptions(port: number, extra: Partial<NebimSqlOptions> = {}): NebimSqlOptions {
  return {
    host: "127.0.0.1",
    port,
    database: DATABASE,
    user: USER,
    password: PASSWORD,
    encrypt: false,
    trustServerCertificate: true,
    requestTimeoutMs: 10_000,
    ...extra,
  };
}
