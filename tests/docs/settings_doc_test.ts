/**
 * docs/settings.md against the schema (settings/schema.ts), mechanically: the example names every key the
 * schema has, each value it shows is the key's default unless the page calls it an example and states its
 * default, and the validation list puts each number and text key under the rule the schema applies to it
 * (found by trying values, not by reading the schema's source).
 */
import assert from "node:assert/strict";
import { DEFAULT_SETTINGS, parseSettings } from "../../settings/schema.ts";

const DOC = await Deno.readTextFile(new URL("../../docs/settings.md", import.meta.url));

/** JSON with `//` comments (outside strings) removed. */
function stripComments(jsonc: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < jsonc.length; i++) {
    const c = jsonc[i]!;
    if (inString) {
      out += c;
      if (c === "\\") out += jsonc[++i] ?? "";
      else if (c === '"') inString = false;
    } else if (c === "/" && jsonc[i + 1] === "/") {
      while (i < jsonc.length && jsonc[i] !== "\n") i++;
      out += "\n";
    } else {
      if (c === '"') inString = true;
      out += c;
    }
  }
  return out;
}

const block = /```jsonc\n([\s\S]*?)```/.exec(DOC);
assert.ok(block, "docs/settings.md has the annotated example");
const EXAMPLE: Record<string, unknown> = JSON.parse(stripComments(block[1]!));

type Path = (string | number)[];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Scalar and array values by key path; `pricing.special`'s entries are opened too (none: `[]` is its value). */
function leaves(value: unknown, path: Path = []): [Path, unknown][] {
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  if (Array.isArray(value) && value.length && path.join(".") === "pricing.special") {
    return value.flatMap((v, i) => leaves(v, [...path, i]));
  }
  return [[path, value]];
}

/** "pricing.special[].from" for ["pricing", "special", 0, "from"]. */
const show = (path: Path) => path.map((p) => typeof p === "number" ? "[]" : `.${p}`).join("").slice(1);

function withValue(doc: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let here = copy;
  for (const step of path.slice(0, -1)) here = here[step] as Record<string | number, unknown>;
  here[path.at(-1)!] = value;
  return copy;
}

/** The page's backticked names on its sentence or list line starting with `start`. */
function namesOn(start: string): string[] {
  const at = DOC.indexOf(start);
  assert.ok(at >= 0, `docs/settings.md has "${start}"`);
  const end = DOC.indexOf("\n\n", at);
  const text = DOC.slice(at, end).split(/\n- /)[0]!;
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

const EXCEPT = "Every value shown is the key's default, except the examples:";

/**
 * The examples' names, each with the default the page states for it: the first backticked JSON value in the
 * brackets after it ("`apiKey` and `apiSecret` (default `""`)"); a name inside those brackets takes the value
 * after it ("`orders.channels` (codes `""`, `posTerminalId` `1`)"), and comes later, so it wins.
 */
function statedDefaults(): [name: string, json: string][] {
  const at = DOC.indexOf(EXCEPT);
  assert.ok(at >= 0, `docs/settings.md has "${EXCEPT}"`);
  const text = DOC.slice(at + EXCEPT.length, DOC.indexOf("\n\n", at));
  const ticked = (t: string) => [...t.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const isJson = (t: string | undefined) => {
    if (t === undefined) return false;
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };
  const stated: [string, string][] = [];
  for (const [, before, inside] of text.matchAll(/([^(]*)\(([^)]*)\)/g)) {
    const ticks = ticked(inside!);
    const general = ticks.find((t, i) => isJson(t) && (i === 0 || isJson(ticks[i - 1])));
    assert.ok(general !== undefined, `a default stated in (${inside})`);
    for (const name of ticked(before!)) stated.push([name, general]);
    ticks.forEach((t, i) => {
      if (!isJson(t) && isJson(ticks[i + 1])) stated.push([t, ticks[i + 1]!]);
    });
  }
  return stated;
}

/** A name covers a path that is it, ends with it (`percent`), or lies under it (`schedule.*`, `orders.channels`). */
function covers(name: string, path: string): boolean {
  const base = name.replace(/\.\*$/, "");
  return path === base || path.endsWith(`.${base}`) || path.startsWith(`${base}.`) ||
    path.startsWith(`${base}[]`);
}

Deno.test("settings.md: the example is a valid document naming every key the schema has", () => {
  // Strict objects refuse a key the schema does not have; a complete document comes back as written.
  assert.deepEqual(parseSettings(EXAMPLE), EXAMPLE);
  const shown = new Set(leaves(EXAMPLE).map(([p]) => show(p)));
  const isShown = (p: string) => shown.has(p) || [...shown].some((s) => s.startsWith(`${p}[]`));
  const missing = leaves(DEFAULT_SETTINGS).map(([p]) => show(p)).filter((p) => !isShown(p));
  assert.deepEqual(missing, []);
});

Deno.test("settings.md: every value shown is the default, except the examples, whose defaults it states", () => {
  const stated = statedDefaults();
  const statedFor = (key: string) => stated.findLast(([n]) => covers(n, key))?.[1];
  const defaults = new Map(leaves(DEFAULT_SETTINGS).map(([p, v]) => [show(p), v]));
  for (const [path, value] of leaves(EXAMPLE)) {
    const key = show(path);
    const isDefault = defaults.has(key) && JSON.stringify(defaults.get(key)) === JSON.stringify(value);
    assert.ok(
      isDefault || statedFor(key) !== undefined,
      `${key}: shows ${JSON.stringify(value)}, default ${defaults.get(key)}`,
    );
  }
  // Each example's own default, not any value the sentence names: "" for null would pass that.
  for (const [key, value] of defaults) {
    const json = statedFor(key);
    if (json !== undefined) assert.deepEqual(value, JSON.parse(json), `${key}: the default the page states`);
  }
  for (const [name] of stated) {
    assert.ok([...defaults.keys()].some((k) => covers(name, k)), `"${name}" is a key`);
  }
});

/** The rule the schema applies to a number or text key, found by trying values at it. */
function ruleOf(doc: unknown, path: Path, value: unknown): string {
  const ok = (v: unknown) => {
    try {
      parseSettings(withValue(doc, path, v));
      return true;
    } catch {
      return false;
    }
  };
  if (typeof value === "number") {
    const whole = !ok(1.5);
    if (whole && ok(0) && ok(255) && !ok(256)) return "Whole numbers 0–255:";
    if (whole && !ok(0) && ok(65535) && !ok(65536)) return "Ports, 1–65535:";
    if (whole && !ok(0) && ok(1) && ok(1e9)) return "Whole numbers ≥ 1:";
    if (whole && ok(0) && !ok(-1) && ok(1e9)) return "Whole numbers ≥ 0:";
    if (!whole && !ok(-1) && ok(1.25) && !ok(1.255)) return "TL amounts, ≥ 0 with at most two decimals:";
    if (!whole && !ok(-1) && ok(1.255) && ok(1e9)) return "Percentages, ≥ 0:";
  }
  if (typeof value === "string") {
    if (!ok("") && !ok("  ") && ok("X1")) return "Text that may not be empty or blank (spaces alone):";
    if (
      !ok("X1") && ok("http://magaza.example") && !ok("http://magaza.example/?a") &&
      !ok("http://magaza.example:0")
    ) {
      return "Absolute http:// or https:// URLs, without a ?query or #fragment, and not on port 0:";
    }
    if (ok("") && ok("X1")) return "any text";
  }
  return "Other rules:";
}

Deno.test("settings.md: the validation list names each number and text key under the schema's rule", () => {
  // The other forms of the tagged and nullable keys, so that their rules are tried too.
  const otherForms: [Path, unknown][] = [
    [["catalog", "stockCode"], { from: "template", template: "{ItemCode}" }],
    [["catalog", "priceSource"], { kind: "priceList", priceGroupCode: "WEB" }],
    [["nebim", "sql", "instanceName"], "NEBIM"],
  ];
  const other = otherForms.reduce<unknown>(
    (doc, [path, value]) => withValue(doc, path, value),
    DEFAULT_SETTINGS,
  );
  const ruled = new Map<string, string>();
  for (const doc of [EXAMPLE, DEFAULT_SETTINGS, other]) {
    parseSettings(doc); // else every value tried would be refused, whatever its key's rule
    for (const [path, value] of leaves(doc)) {
      const key = show(path);
      if (ruled.has(key) || (typeof value !== "number" && typeof value !== "string")) continue;
      ruled.set(key, ruleOf(doc, path, value));
    }
  }
  const rules = [...new Set(ruled.values())].filter((r) => r !== "any text");
  const named = new Map(rules.map((r) => [r, namesOn(`- ${r}`)]));
  for (const [key, rule] of ruled) {
    if (rule === "any text") continue;
    assert.ok(named.get(rule)!.some((n) => covers(n, key)), `${key} is listed under "${rule}"`);
    for (const [other, names] of named) {
      if (other !== rule && other !== "Other rules:") {
        assert.ok(!names.some((n) => covers(n, key)), `${key} is under "${other}", not "${rule}"`);
      }
    }
  }
  // No name on a rule's line stands for a key the schema rules otherwise.
  for (const [rule, names] of named) {
    if (rule === "Other rules:") continue;
    for (const n of names) {
      assert.ok([...ruled].some(([k, r]) => r === rule && covers(n, k)), `"${n}" under "${rule}"`);
    }
  }
});
