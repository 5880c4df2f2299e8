/**
 * Nebim as a fixed list of variants, for sync tests that need batches but no SQL: every item code in order,
 * each read returning its items' variants.
 * @module
 */

import type { NebimVariant } from "../../nebim/types.ts";
import type { CatalogSource } from "../../sync/ports.ts";

export function arrayCatalog(variants: readonly NebimVariant[]): CatalogSource {
  return {
    serverTime: () => Promise.resolve(new Date("2026-11-28T10:00:00Z")),
    changedItemCodes: () => Promise.resolve([]),
    async *allItemCodes() {
      yield [...new Set(variants.map((v) => v.key.itemCode))].sort();
    },
    readItems: (codes) => Promise.resolve(variants.filter((v) => codes.includes(v.key.itemCode))),
    readItemRun(codes) {
      return this.readItems(codes, new Date());
    },
    sharedBarcodes: () => Promise.resolve(new Set()),
    templateCodeVariants: () => Promise.resolve([]),
  };
}
