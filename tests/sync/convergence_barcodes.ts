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
 * barcode form). The store's stock code (barcode form) or barcode (template form) follows the first. True
 * when a row was deleted.
 */
export function barcodeStep(w: NebimWorld, s: Extract<NebimEdit, { kind: "barcode" }>): boolean {
  const { data } = w.nebim;
  const { variant, key } = w.variant(s.item, s.variant);
  const sorted = [...variant.barcodes].sort();
  const old = sorted[s.pick % sorted.length]!;
  const row = (r: Row) => isVariant(r, key) && r.Barcode === old && r.BarcodeTypeCode === "DEF";
  if (s.op === "add" || s.op === "addFirst") {
    const fresh = w.barcodes.next(s.op === "addFirst" ? "868" : "869");
    data.insert("prItemBarcode", { ...key, Barcode: fresh, BarcodeTypeCode: "DEF" });
    variant.barcodes.push(fresh);
  } else if (s.op === "replace") {
    const fresh = w.barcodes.next();
    data.update("prItemBarcode", row, { Barcode: fresh });
    variant.barcodes = variant.barcodes.map((b) => b === old ? fresh : b);
  } else if (sorted.length > 1) {
    if (s.op === "remove") data.delete("prItemBarcode", row);
    else data.update("prItemBarcode", row, { BarcodeTypeCode: "EAN" });
    variant.barcodes = variant.barcodes.filter((b) => b !== old);
    return s.op === "remove";
  }
  return false;
}
