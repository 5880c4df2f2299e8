/**
 * The whole price-ruled catalogue, read fresh from Nebim without pushing anything: what the XML feed
 * serves. Same read and mapping as a full sync cycle.
 * @module
 */

import { type MappingOptions, type MappingResult, mapVariants } from "./desired.ts";
import type { CatalogSource } from "./ports.ts";
import { ITEM_BATCH } from "./products.ts";

export async function readCatalogue(
  catalog: CatalogSource,
  mapping: MappingOptions,
  signal?: AbortSignal,
): Promise<MappingResult> {
  const asOf = await catalog.serverTime(signal);
  const out: MappingResult = { variants: [], problems: [] };
  for await (const page of catalog.allItemCodes(signal)) {
    for (let i = 0; i < page.length; i += ITEM_BATCH) {
      const mapped = mapVariants(
        await catalog.readItemRun(page.slice(i, i + ITEM_BATCH), asOf, signal),
        mapping,
      );
      out.variants.push(...mapped.variants);
      out.problems.push(...mapped.problems);
    }
  }
  return out;
}
