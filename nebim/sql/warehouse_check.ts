/**
 * catalog.warehouses against Nebim's cdWarehouse. A code Nebim has no warehouse of (`W1` for `W01`, or the
 * default `W01` left in place where the warehouses are named otherwise) finds no trStock row: every variant
 * would read stock 0 and the sync would zero the whole store, silently, as a sell-out (which
 * catalog.vanishLimit does not count). So no stock is read until each configured code is a warehouse.
 * @module
 */

import { IntegrationError } from "../../errors.ts";
import { closestKeys } from "../../settings/suggest.ts";
import { codeKey, codeOf } from "./map.ts";
import type { NebimPool } from "./pool.ts";
import { warehouseCodesQuery, warehousesQuery } from "./queries.ts";

/** A configured code cdWarehouse does not have: its place in catalog.warehouses, and the codes it is near. */
export interface MissingWarehouse {
  index: number;
  code: string;
  closest: string[];
}

/** Warehouse codes read for suggestions: a Nebim database has tens of warehouses, not thousands. */
const SUGGEST_FROM = 1000;

/** The configured codes cdWarehouse lacks (compared by SQL Server, under Nebim's collation); none: all there. */
export async function missingWarehouses(
  pool: NebimPool,
  warehouses: readonly string[],
  signal?: AbortSignal,
): Promise<MissingWarehouse[]> {
  if (warehouses.length === 0) return [];
  const q = warehousesQuery(warehouses);
  // The server answers in its own spelling ("W01" for "w01 "): matched back by the same key as its collation.
  const found = new Set((await pool.query(q.sql, q.params, signal)).map((r) => codeKey(r.WarehouseCode)));
  const missing = warehouses.map((code, index) => ({ code, index })).filter((w) =>
    !found.has(codeKey(w.code))
  );
  if (missing.length === 0) return [];
  const all = warehouseCodesQuery(SUGGEST_FROM);
  const codes = (await pool.query(all.sql, all.params, signal)).map((r) => codeOf(r.WarehouseCode));
  return missing.map((w) => ({ ...w, closest: closestKeys(w.code, codes) }));
}

/** One line per missing code, e.g. `catalog.warehouses[0]: "W1" is not a warehouse in Nebim (cdWarehouse); did you mean "W01"?`. */
export function missingWarehouseLines(missing: readonly MissingWarehouse[]): string[] {
  return missing.map((w) =>
    `catalog.warehouses[${w.index}]: ${JSON.stringify(w.code)} is not a warehouse in Nebim (cdWarehouse)${
      didYouMean(w.closest)
    }`
  );
}

/** `; did you mean "W01" or "W02"?` for the codes nearest a mistyped one (closestKeys); "" for none. */
export function didYouMean(closest: readonly string[]): string {
  return closest.length ? `; did you mean ${closest.map((c) => JSON.stringify(c)).join(" or ")}?` : "";
}

/**
 * Fails fatally (a person must mend the setting) when a configured warehouse is not in cdWarehouse, before
 * any stock is read of it.
 */
export async function requireWarehouses(
  pool: NebimPool,
  warehouses: readonly string[],
  signal?: AbortSignal,
): Promise<void> {
  const missing = await missingWarehouses(pool, warehouses, signal);
  if (missing.length === 0) return;
  throw new IntegrationError(
    "fatal",
    `${missingWarehouseLines(missing).join("; ")} — no stock is read until catalog.warehouses names ` +
      "Nebim's warehouse codes (docs/settings.md)",
    { system: "nebim-sql", subject: `catalog.warehouses[${missing[0]!.index}]` },
  );
}
