/**
 * The convergence property's barcodes (convergence_e2e_test.ts): the ones the test gives Nebim's variants, and
 * the step that changes a variant's.
 * @module
 */

import type { Row } from "../../sim/nebim/dataset.ts";
import type { NebimEdit } from "./convergence_steps.ts";
import type { NebimWorld } from "./convergence_nebim.ts";

export class Barcodes {
  #count = 0;

  /** A new barcode; "868" sorts before every earlier "869" one. */
  next(prefix = "869"): string {
    return `${prefix}${String(++this.#count).padStart(10, "0")}`;
  }

  /** The barcodes the next two `next()` calls may give. */
  upcoming(): string[] {
    return [1, 2].flatMap((n) =>
      ["868", "869"].map((p) => `${p}${String(this.#count + n).padStart(10, "0")}`)
    );
  }
}

export const isVariant = (r: Row, key: Record<string, unknown>) =>
  Object.entries(key).every(([k, v]) => r[k] === v);

/**
 * A variant's barcodes change in Nebim: one replaced, one added (sorting first or last), or, of two or more,
 * one deleted or re-typed away from DEF (a variant keeps one: without, it has no stock code under the
 * barcode form); one replaced by a barcode the variant had before (`restore`: a re-code undone), or another
 * variant's first barcode added (`share`: a duplicate under the barcode form). The store's stock code
 * (barcode form) or barcode (template form) follows the first. True when a row was deleted.
 */
export function barcodeStep(w: NebimWorld, s: Extract<NebimEdit, { kind: "barcode" }>): boolean {
  const { data } = w.nebim;
  const { variant, key } = s.op === "restore"
    ? recoded(w, s) ?? w.variant(s.item, s.variant)
    : w.variant(s.item, s.variant);
  const sorted = [...variant.barcodes].sort();
  const old = sorted[s.pick % sorted.length]!;
  const row = (r: Row) => isVariant(r, key) && r.Barcode === old && r.BarcodeTypeCode === "DEF";
  const lose = () => (variant.past ??= []).push(old);
  if (s.op === "add" || s.op === "addFirst" || s.op === "share") {
    const fresh = s.op === "share"
      ? another(w, s, variant)
      : w.barcodes.next(s.op === "addFirst" ? "868" : "869");
    if (fresh === undefined || variant.barcodes.includes(fresh)) return false;
    data.insert("prItemBarcode", { ...key, Barcode: fresh, BarcodeTypeCode: "DEF" });
    variant.barcodes.push(fresh);
  } else if (s.op === "replace" || s.op === "restore") {
    const back = variant.past?.filter((b) => !variant.barcodes.includes(b));
    const fresh = s.op === "replace" ? w.barcodes.next() : back?.[s.pick % back.length];
    if (fresh === undefined) return false;
    data.update("prItemBarcode", row, { Barcode: fresh });
    lose();
    variant.barcodes = variant.barcodes.map((b) => b === old ? fresh : b);
  } else if (sorted.length > 1) {
    if (s.op === "remove") data.delete("prItemBarcode", row);
    else data.update("prItemBarcode", row, { BarcodeTypeCode: "EAN" });
    lose();
    variant.barcodes = variant.barcodes.filter((b) => b !== old);
    return s.op === "remove";
  }
  return false;
}

/** The first barcode of another variant (the next one `pick` steps on), for `share`; none with only one. */
function another(
  w: NebimWorld,
  s: { item: number; variant: number; pick: number },
  own: { barcodes: string[] },
): string | undefined {
  const others = w.items.flatMap((i) => i.variants).filter((v) => v !== own);
  if (!others.length) return undefined;
  const other = others[(s.item * 3 + s.variant + s.pick) % others.length]!;
  return [...other.barcodes].sort()[0];
}

/** The drawn variant, or the next one after it that lost a barcode (few do), for `restore`. */
function recoded(w: NebimWorld, s: { item: number; variant: number }) {
  const all = w.items.flatMap((item, i) => item.variants.map((_, v) => w.variant(i, v)));
  const from = all.indexOf(all.find((x) => x.variant === w.variant(s.item, s.variant).variant)!);
  for (let n = 0; n < all.length; n++) {
    const x = all[(from + n) % all.length]!;
    if (x.variant.past?.some((b) => !x.variant.barcodes.includes(b))) return x;
  }
  return undefined;
}
