/**
 * Secrets are write-only (DESIGN §7): never returned, never logged. What leaves the agent is redacted.
 * @module
 */

import type { Settings } from "./schema.ts";
import { isRecord } from "../is_record.ts";

/** What a secret reads as; sending it back in a patch keeps the stored secret (see mergePatch). */
export const REDACTED = "********";

export const SECRET_PATHS = [
  "nebim.sql.password",
  "nebim.integrator.password",
  "qukasoft.apiKey",
  "qukasoft.apiSecret",
] as const;

/** A copy of the settings with every secret replaced by REDACTED (set or not, so nothing is revealed). */
export function redactSecrets(settings: Settings): Settings {
  const copy = structuredClone(settings);
  for (const path of SECRET_PATHS) {
    const keys = path.split(".");
    const last = keys.pop() ?? "";
    let node: unknown = copy;
    for (const key of keys) node = isRecord(node) ? node[key] : undefined;
    if (isRecord(node) && Object.hasOwn(node, last)) node[last] = REDACTED;
  }
  return copy;
}

export function isSecretPath(path: string): boolean {
  return (SECRET_PATHS as readonly string[]).includes(path);
}
