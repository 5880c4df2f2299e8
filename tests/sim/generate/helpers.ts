/** Shared catalogues for the generator tests: built once per test file, they are the slow part. */
import { createHash } from "node:crypto";
import type { Row } from "../../../sim/nebim/dataset.ts";
import { type GeneratedCatalogue, generateNebim } from "../../../sim/generate/nebim.ts";

export const SIZE = 10_000;
const cache = new Map<string, GeneratedCatalogue>();

export function catalogue(anomalies: boolean, seed = 42, variants = SIZE): GeneratedCatalogue {
  const k = `${anomalies}/${seed}/${variants}`;
  let c = cache.get(k);
  if (!c) {
    c = generateNebim({ variants, seed, anomalies });
    cache.set(k, c);
  }
  return c;
}

export function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** The variant key of a row, as one string. */
export function vkey(r: Row): string {
  return [r.ItemTypeCode, r.ItemCode, r.ColorCode, r.ItemDim1Code, r.ItemDim2Code, r.ItemDim3Code].join("|");
}

export function ikey(r: Row): string {
  return `${r.ItemTypeCode}|${r.ItemCode}`;
}

/** Net W01 stock per variant key. */
export function netStock(rows: readonly Row[], warehouse: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.WarehouseCode !== warehouse) continue;
    const k = vkey(r);
    out.set(k, (out.get(k) ?? 0) + Number(r.In_Qty1) - Number(r.Out_Qty1));
  }
  return out;
}
