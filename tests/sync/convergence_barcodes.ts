/**
 * The convergence property's barcodes (convergence_e2e_test.ts): the ones the test gives Nebim's variants, and
 * the step that changes a variant's.
 * @module
 */

import type { Row } from "../../sim/nebim/dataset.ts";
import type { Step } from "./convergence_steps.ts";
import type { World } from "./convergence_world.ts";

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
 * barcode form). The store's stock code (barcode form) or barcode (template form) follows the first.
 */
export function barcodeStep(w: World, s: Extract<Step, { kind: "barcode" }>): void {
  const { data } = w.h;
  if (w.lostAnswers) w.needsFull = true;
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
    // A deleted row leaves no trace an incremental cycle could see (RELIABILITY.md, known limits).
    if (s.op === "remove") w.needsFull = true;
    if (s.op === "remove") data.delete("prItemBarcode", row);
    else data.update("prItemBarcode", row, { BarcodeTypeCode: "EAN" });
    variant.barcodes = variant.barcodes.filter((b) => b !== old);
  }
}
