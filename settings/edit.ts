/**
 * What an operator changed between two settings documents (a --config file as last applied, and as it is
 * now), to apply over the settings kept in the ledger: a JSON merge patch (RFC 7396) for mergePatch, and the
 * keys set to null, which a merge patch cannot say in general (its null deletes a key, which then takes its
 * default; mergePatch sets null only on the keys whose null is a setting, as `catalog.vanishLimit`'s off).
 * @module
 */

import { isDeepStrictEqual } from "node:util";
import { mergePatch, TAGGED } from "./patch.ts";
import { parseSettings, type Settings } from "./schema.ts";
import { isRecord } from "../is_record.ts";

export interface Edit {
  patch: unknown;
  /** Key paths (keys) whose value became null. */
  nulls: string[][];
}

/**
 * The edit from `from` to `to`, or undefined when they are equal: objects compared key by key, a key gone
 * from `to` is null in the patch, arrays and scalars replaced whole. A tagged object whose tag changed is sent
 * whole: mergePatch replaces it, and the new variant's keys equal to the old one's must not fall back to
 * their defaults.
 */
export function editBetween(from: unknown, to: unknown): Edit | undefined {
  const nulls: string[][] = [];
  const patch = diff(from, to, [], nulls);
  return patch === undefined && !nulls.length ? undefined : { patch: patch ?? {}, nulls };
}

/** `current` with the edit applied, validated. Throws SettingsError. */
export function applyEdit(current: Settings, edit: Edit): Settings {
  const next = mergePatch(current, edit.patch);
  if (!edit.nulls.length) return next;
  const doc = structuredClone(next) as unknown;
  for (const keys of edit.nulls) {
    let node = doc;
    for (const key of keys.slice(0, -1)) node = isRecord(node) ? node[key] : undefined;
    if (isRecord(node)) node[keys.at(-1)!] = null;
  }
  return parseSettings(doc);
}

function diff(from: unknown, to: unknown, path: string[], nulls: string[][]): unknown {
  if (isDeepStrictEqual(from, to)) return undefined;
  if (to === null) {
    nulls.push(path);
    return undefined;
  }
  if (!isRecord(from) || !isRecord(to)) return to;
  const tag = TAGGED[path.join(".")];
  if (tag !== undefined && from[tag] !== to[tag]) return to;
  const patch: Record<string, unknown> = {};
  let some = false;
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const value = Object.hasOwn(to, key)
      ? diff(Object.hasOwn(from, key) ? from[key] : undefined, to[key], [...path, key], nulls)
      : null;
    if (value === undefined) continue;
    // Defined, not assigned: a "__proto__" key stays a key.
    Object.defineProperty(patch, key, { value, enumerable: true, writable: true, configurable: true });
    some = true;
  }
  return some ? patch : undefined;
}
