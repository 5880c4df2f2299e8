/**
 * What a settings change sets in motion (docs/settings.md): pricing or price-source/VAT keys re-price the
 * whole catalogue, any other catalogue key but newProductsActive re-sends it (a full cycle); a connection key reconnects that
 * connection; only http.host/http.port need a restart.
 * @module
 */

import { formatPath } from "./schema.ts";
import { isRecord } from "../is_record.ts";

export type Connection = "nebimSql" | "integrator" | "qukasoft";

const CONNECTION_ROOTS: ReadonlyArray<readonly [string, Connection]> = [
  ["nebim.sql", "nebimSql"],
  ["nebim.integrator", "integrator"],
  ["qukasoft", "qukasoft"],
];

const REPRICE_ROOTS = [
  "pricing",
  "catalog.priceSource",
  // Selects the base price row and the VAT rates.
  "catalog.countryCode",
  "catalog.costIncludesVat",
  "catalog.storePricesIncludeVat",
];

const RESTART_ROOTS = ["http.host", "http.port"];

/** Key paths ("pricing.special[1].to") of the leaves that differ between two documents. */
export function diffPaths(a: unknown, b: unknown): string[] {
  const out: string[] = [];
  walk(a, b, [], out);
  return out;
}

export function needsReprice(changed: readonly string[]): boolean {
  return changed.some((path) => REPRICE_ROOTS.some((root) => isUnder(path, root) || isUnder(root, path)));
}

/**
 * Any catalogue key (warehouses, reservations, safety stock, language, barcode type, stock-code form,
 * grouping…) but catalog.newProductsActive changes what every variant shows without a row changing in Nebim, which an incremental cycle
 * cannot see: a full cycle is run at once rather than at the next scheduled reconciliation. So does
 * `feed.insteadOfApi`: while the store imported the feed, the ledger's record of what the API sync pushed went
 * stale, and an incremental cycle would trust it. So does another database to read (a move to a new server, a
 * copy restored under another name): its rows were stamped by another history and clock than the bookmark's.
 */
export function needsFullSync(changed: readonly string[]): boolean {
  return needsReprice(changed) ||
    changed.some((path) =>
      !isUnder(path, CREATES_ONLY) &&
      FULL_SYNC_ROOTS.some((root) => isUnder(path, root) || isUnder(root, path))
    );
}

// Sent only with a create (sync/plan_new.ts): the store's products keep the merchant's active/passive, and
// the next create, incremental or full, takes the new value.
const CREATES_ONLY = "catalog.newProductsActive";

const FULL_SYNC_ROOTS = [
  "catalog",
  "feed.insteadOfApi",
  // Not the login (user, password) nor how it is reached (encrypt, timeouts): the same rows.
  "nebim.sql.host",
  "nebim.sql.port",
  "nebim.sql.instanceName",
  "nebim.sql.database",
];

/** True when any connection must be re-made; `changedConnections` says which. */
export function needsReconnect(changed: readonly string[]): boolean {
  return changedConnections(changed).length > 0;
}

export function changedConnections(changed: readonly string[]): Connection[] {
  return CONNECTION_ROOTS.filter(([root]) =>
    changed.some((path) => isUnder(path, root) || isUnder(root, path))
  )
    .map(([, connection]) => connection);
}

/** The HTTP listener is the one thing that cannot move while the agent runs. */
export function needsRestart(changed: readonly string[]): boolean {
  return changed.some((path) => RESTART_ROOTS.some((root) => isUnder(path, root) || isUnder(root, path)));
}

/** `path` is `root` or below it. */
function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`);
}

function walk(a: unknown, b: unknown, path: PropertyKey[], out: string[]): void {
  if (Object.is(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) out.push(formatPath([...path, i]));
      else walk(a[i], b[i], [...path, i], out);
    }
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key)) out.push(formatPath([...path, key]));
      else walk(a[key], b[key], [...path, key], out);
    }
    return;
  }
  out.push(formatPath(path));
}
