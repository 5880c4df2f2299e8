/**
 * "Did you mean …?" for a misspelt settings key: the known keys at the key's place in the schema, and the
 * one closest to what was written, if it is close enough to be a slip rather than another word.
 * @module
 */

import type { z } from "zod";
import { isRecord } from "../is_record.ts";

/** The parts of a zod 4 schema definition the walk reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

/** The schemas a value at this place may take: wrappers (default, nullable …) removed, unions opened. */
function forms(s: z.ZodType): z.ZodType[] {
  const d = defOf(s);
  if (d.innerType) return forms(d.innerType);
  if (d.type === "union" && d.options) return d.options.flatMap(forms);
  return [s];
}

/**
 * The keys an object at `path` may have. Given the document, a tagged union's keys are those of the option
 * its tag selects (`from: "barcode"` has no `template`), or its tag's default when the tag is left out; without
 * the document, or when no option fits, every option's.
 */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[], doc?: unknown): string[] {
  const { here, value } = place(schema, path, doc);
  return [...new Set(fitting(here, value).flatMap((s) => Object.keys(defOf(s).shape ?? {})))];
}

/**
 * The tag of another option that has `key`, when the object at `path` left its tag out and so took the default
 * option, which has no such key: `{ "priceGroupCode": "WEB" }` is meant as `"kind": "priceList"`.
 */
export function tagForKey(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  doc: unknown,
  key: string,
): { name: string; value: unknown; left: unknown } | undefined {
  const { here, value } = place(schema, path, doc);
  if (!isRecord(value)) return undefined;
  const tags = here.flatMap((s) =>
    Object.entries(defOf(s).shape ?? {}).flatMap(([name, sub]) => {
      const tag = tagOf(sub);
      return tag && !Object.hasOwn(value, name) ? [{ name, ...tag, form: s }] : [];
    })
  );
  const left = tags.find((t) => t.defaulted);
  const meant = tags.find((t) => !t.defaulted && Object.hasOwn(defOf(t.form).shape ?? {}, key));
  return left && meant && left.name === meant.name
    ? { name: meant.name, value: meant.values[0], left: left.values[0] }
    : undefined;
}

/** The forms at `path`, each step's fitted to the document's value there, and that value (the last unfitted). */
function place(schema: z.ZodType, path: readonly PropertyKey[], doc: unknown) {
  let value = doc;
  let here = forms(schema);
  for (const step of path) {
    here = fitting(here, value).flatMap((s) => {
      const d = defOf(s);
      const next = d.type === "array" ? d.element : d.shape?.[String(step)] ?? d.catchall;
      return next ? forms(next) : [];
    });
    value = isRecord(value) || Array.isArray(value)
      ? (value as Record<PropertyKey, unknown>)[step]
      : undefined;
  }
  return { here, value };
}

/** A union's tag: a literal, or a literal with a default (the option a value without the tag takes). */
function tagOf(s: z.ZodType): { values: unknown[]; defaulted: boolean } | undefined {
  const d = defOf(s);
  const inner = d.type === "default" && d.innerType ? defOf(d.innerType) : d;
  if (inner.type !== "literal") return undefined;
  return { values: inner.values ?? [], defaulted: d.type === "default" };
}

/**
 * Where else in the schema an object has `key` (ignoring case), when it is exactly one place: a key written
 * at the wrong level (`integrator` beside `nebim` instead of in it) is named with the path it belongs at,
 * e.g. "nebim.integrator". Places at `here` itself (another option of a tagged union) do not count.
 */
export function placeOf(schema: z.ZodType, key: string, here: readonly PropertyKey[]): string | undefined {
  const found = new Set<string>();
  const walk = (s: z.ZodType, path: string) => {
    for (const form of forms(s)) {
      const d = defOf(form);
      if (d.type === "array" && d.element) walk(d.element, `${path}[]`);
      for (const [k, sub] of Object.entries(d.shape ?? {})) {
        if (k.toLowerCase() === key.toLowerCase() && path !== shape(here)) found.add(join(path, k));
        walk(sub, join(path, k));
      }
    }
  };
  walk(schema, "");
  return found.size === 1 ? [...found][0] : undefined;
}

const join = (path: string, key: string) => path === "" ? key : `${path}.${key}`;

/** The path with array indexes as [], as placeOf's walk writes it. */
function shape(path: readonly PropertyKey[]): string {
  return path.reduce<string>((p, k) => typeof k === "number" ? `${p}[]` : join(p, String(k)), "");
}

/**
 * The forms whose literal keys (a union's tag) the value matches, a tag left out matching the option whose tag
 * has a default; all of them when none does.
 */
function fitting(here: z.ZodType[], value: unknown): z.ZodType[] {
  if (here.length < 2 || !isRecord(value)) return here;
  const fits = here.filter((s) =>
    Object.entries(defOf(s).shape ?? {}).every(([k, sub]) => {
      const tag = tagOf(sub);
      if (tag === undefined) return true;
      return Object.hasOwn(value, k) ? tag.values.includes(value[k]) : tag.defaulted;
    })
  );
  return fits.length ? fits : here;
}

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known key `key` was most likely meant to be, ignoring case; none when none is within two edits (one
 * for a key of up to five letters, where two edits make another word).
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  return closestKeys(key, known)[0];
}

/** Every known key as close as {@link closestKey}'s, in the order given: a tie is not broken by a guess. */
export function closestKeys(key: string, known: readonly string[]): string[] {
  const limit = key.length <= 5 ? 1 : 2;
  let best: { keys: string[]; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d > limit || (best !== undefined && d > best.d)) continue;
    if (best === undefined || d < best.d) best = { keys: [k], d };
    else best.keys.push(k);
  }
  return best?.keys ?? [];
}
