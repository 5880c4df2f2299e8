/**
 * Which connection keys are still at their "not configured" defaults. A first start without `--config`
 * seeds those defaults; the product sync then fails saying which keys to set, rather than with the network
 * error of a login nobody gave.
 * @module
 */

import type { Settings } from "./schema.ts";

export type ConnectionName = "nebimSql" | "integrator" | "qukasoft";

export function unsetKeys(s: Settings, connection: ConnectionName): string[] {
  const unset: string[] = [];
  const need = (path: string, value: string | null) => {
    if (value === null || value.trim() === "") unset.push(path);
  };
  if (connection === "nebimSql") {
    need("nebim.sql.database", s.nebim.sql.database);
    need("nebim.sql.user", s.nebim.sql.user);
  } else if (connection === "integrator") {
    need("nebim.integrator.baseUrl", s.nebim.integrator.baseUrl);
  } else {
    need("qukasoft.baseUrl", s.qukasoft.baseUrl);
    need("qukasoft.apiKey", s.qukasoft.apiKey);
    need("qukasoft.apiSecret", s.qukasoft.apiSecret);
  }
  return unset;
}

/** "a is not set" / "a and b are not set" / "a, b and c are not set". */
export function notSet(paths: readonly string[]): string {
  const list = paths.length > 1 ? `${paths.slice(0, -1).join(", ")} and ${paths.at(-1)}` : paths[0] ?? "";
  return `${list} ${paths.length > 1 ? "are" : "is"} not set`;
}
