/**
 * PATCH /settings: an RFC 7396 JSON merge patch over the current document, then full validation.
 * Two deliberate additions to the RFC, both so that a client can send back what it was given:
 * - a secret whose patch value is REDACTED keeps the stored secret (GET returns secrets redacted);
 * - a patch that changes the tag of a tagged object (`catalog.stockCode.from`, `catalog.priceSource.kind`)
 *   replaces that object instead of merging into it, so the old variant's keys do not linger as unknown keys.
 * And one departure: a null on a key whose null means something other than its default
 * (`catalog.vanishLimit`: off) sets it, as the settings document says, rather than restoring the default.
 * @module
 */

import { parseSettings, type Settings, SettingsError } from "./schema.ts";
import { isSecretPath, REDACTED } from "./secrets.ts";
import { isRecord } from "../is_record.ts";

/**
 * Keys a null may not delete, although a document that leaves them out is valid (they have defaults): the
 * default order channel's codes are the operator's, and resetting them to empty would go unnoticed.
 */
const KEPT: ReadonlySet<string> = new Set(["orders.channels.default"]);

/**
 * Keys a null sets to null rather than deletes: their null is a setting of its own, not their default. An
 * operator who PATCHes `"vanishLimit": null` to turn the limit off, as docs/settings.md says, must not find it
 * back at 20 %. Their default is restored by sending it (or `{}`).
 */
const NULLABLE: ReadonlySet<string> = new Set(["catalog.vanishLimit"]);

/** Tagged objects: key path → name of the tag key. */
export const TAGGED: Readonly<Record<string, string>> = {
  "catalog.stockCode": "from",
  "catalog.priceSource": "kind",
};

/**
 * The settings after applying `patch` (null deletes a key, which then takes its default, but for NULLABLE keys).
 * Throws SettingsError.
 */
export function mergePatch(current: Settings, patch: unknown): Settings {
  return parseSettings(apply(current, patch, ""));
}

function apply(target: unknown, patch: unknown, path: string): unknown {
  if (!isRecord(patch)) return patch;
  const tag = TAGGED[path];
  const replace = !isRecord(target) ||
    (tag !== undefined && Object.hasOwn(patch, tag) && patch[tag] !== null && patch[tag] !== target[tag]);
  const result: Record<string, unknown> = {};
  if (!replace) { for (const [key, value] of Object.entries(target)) setOwn(result, key, value); }
  for (const [key, value] of Object.entries(patch)) {
    const at = path === "" ? key : `${path}.${key}`;
    if (value === null && KEPT.has(at)) {
      throw new SettingsError([{ path: at, message: "cannot be removed: every platform falls back to it" }]);
    }
    if (value === null && NULLABLE.has(at)) setOwn(result, key, null);
    else if (value === null) delete result[key];
    else if (value === REDACTED && isSecretPath(at)) continue;
    else setOwn(result, key, apply(Object.hasOwn(result, key) ? result[key] : undefined, value, at));
  }
  return result;
}

/** Plain assignment would turn a JSON "__proto__" key into a prototype; keep it a key (then rejected). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
