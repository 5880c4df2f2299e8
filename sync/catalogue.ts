/**
 * The whole price-ruled catalogue, read fresh from Nebim without pushing anything, one batch at a time: what
 * the XML feed serves. Same reads (one batch ahead) and mapping as a full sync cycle, and the same rule for a
 * stock code two variants share: a barcode Nebim has on more than one variant is left out; a code met again
 * in a later batch is left out there (the earlier one stands, as the sync's earlier push does); so is a
 * product whose code the store takes for an earlier product's (sync/product_clash.ts). Under a template stock
 * code a shared barcode leaves only the variant's barcode field, as in the sync (sync/shared_barcode.ts); and
 * a code an open duplicate problem records items for is left out of every batch while another of its items
 * still makes it (read with the batch, as the sync's batches read them: BatchContext.knownDuplicates), so
 * neither item's stock is carried under it, whatever the batches. Such a code two items make is asked of Nebim
 * once per build, before the first batch (as the sync's cycle asks: CatalogSource.templateCodeVariants), and
 * read so from the first build. A pair an item changed in during the build (after that query) is found by
 * its later batch, the earlier batch's row written already; its problem records both items, for the next
 * build (and the batch names the code, `late`: the feed serves that build once, agent/feed_source.ts).
 * @module
 */

import {
  type DesiredVariant,
  type MappingOptions,
  type MappingResult,
  mapVariants,
  type Problem,
} from "./desired.ts";
import { keyText } from "./key_text.ts";
import type { CatalogSource } from "./ports.ts";
import type { NebimVariant } from "../nebim/types.ts";
import { itemRuns, itemsRead } from "./item_batches.ts";
import { addMaker, addRecordedOthers, withTemplateDuplicates } from "./duplicate_holders.ts";
import { claimFirst, type ProductClaim, productClash } from "./product_clash.ts";
import { readAhead } from "./read_ahead.ts";
import { sharedBarcodeKeys, withoutSharedBarcodes } from "./shared_barcode.ts";

/** One batch: its variants, its problems, and every subject a problem of it could have (to clear the rest). */
export interface CatalogueBatch extends MappingResult {
  subjects: string[];
  /**
   * Variants left out because another variant has their stock code (the sync zeroes such a pushed code); not
   * one whose code an earlier batch's variant the feed carries holds: that code is in the feed already.
   */
  duplicates: DesiredVariant[];
  /**
   * Codes an earlier batch's variant the feed carries took, which this batch finds another item making: that
   * row is written already, though once the pair is recorded (`known`) a build leaves out both.
   */
  late: string[];
}

const FEED_OUTCOME = "left out of the feed, whose import would merge them";

/**
 * @param carried whether the feed carries a variant (sellable or listed before, and complete): only those hold
 *   a store code
 * @param listedProducts the product codes the feed listed before: the store has them, so each keeps its store
 *   code against a product read earlier (as the API sync's product in the store does)
 * @param known under a template: stock code → the items an open duplicate problem records (recordedItems)
 */
export async function* catalogueBatches(
  catalog: CatalogSource,
  mapping: MappingOptions,
  signal?: AbortSignal,
  carried: (d: DesiredVariant) => boolean = () => true,
  listedProducts: Iterable<string> = [],
  known?: ReadonlyMap<string, readonly string[]>,
): AsyncGenerator<CatalogueBatch> {
  const asOf = await catalog.serverTime(signal);
  const byBarcode = mapping.stockCode.from === "barcode";
  const asking = catalog.sharedBarcodes(signal);
  asking.catch(() => {}); // awaited with the first batch
  // Under a template, the codes two items make, which two batches would each take (as the sync's cycle asks).
  const setting = mapping.stockCode;
  const twice = setting.from === "template"
    ? catalog.templateCodeVariants(setting.template, signal)
    : undefined;
  twice?.catch(() => {}); // awaited with the first batch
  let shared: ReadonlySet<string> | undefined;
  // Under a template stock code a shared barcode only leaves the variant's barcode field (shared_barcode.ts).
  let sharedBarcodes: ReadonlySet<string> | undefined;
  // Each code taken, and the item whose variant took it; those whose variant the feed does not carry (a later
  // one with a carried code is no zero).
  const seen = new Map<string, string>();
  const uncarried = new Set<string>();
  const products = new Map<string, ProductClaim>(); // store key → Nebim's product code (and item)
  // Of two listed already (merged by an older agent), the first in order, so every build decides alike.
  for (const p of [...new Set(listedProducts)].sort()) claimFirst(products, p);
  for await (
    // One batch ahead: nothing is pushed here for a second read to overlap, and memory is the feed's limit.
    const { batch, rows } of readAhead(
      itemRuns(catalog, signal),
      (b) => catalog.readItemRun(b, asOf, signal),
      1,
    )
  ) {
    if (!shared) {
      const barcodes = await asking;
      shared = byBarcode ? barcodes : new Set();
      sharedBarcodes = byBarcode ? undefined : sharedBarcodeKeys(barcodes);
      if (twice) known = withTemplateDuplicates(known && new Map(known), await twice, setting);
    }
    const mapped = mapVariants(rows, mapping);
    const problems: Problem[] = mapped.problems;
    if (sharedBarcodes) mapped.variants = withoutSharedBarcodes(mapped.variants, sharedBarcodes, problems);
    let duplicates: DesiredVariant[] = [...mapped.duplicates ?? []];
    const late: string[] = [];
    const all = duplicates.length ? [...mapped.variants, ...duplicates] : mapped.variants;
    const twins = known && await stillMaking(catalog, mapping, all, batch, rows, known, asOf, signal);
    if (!byBarcode && duplicates.length) {
      duplicates = namedWithin(problems, duplicates, (code) => seen.get(code), uncarried, twins, late);
    }
    const variants = mapped.variants.filter((d) => {
      const twin = twins?.get(d.stockCode);
      const taken = seen.get(d.stockCode);
      const earlier = twin ?? (taken === undefined ? undefined : [taken]);
      const other = shared!.has(d.stockCode)
        ? "another variant with the same barcode"
        : twin !== undefined
        ? `a variant of ${twin.join(", ")}, which an open duplicate problem names`
        : earlier !== undefined
        ? "a variant of an earlier item"
        : undefined;
      if (other === undefined) {
        const isCarried = carried(d);
        // Only a product the feed carries can be merged into: one it leaves out (blocked, never listed) must
        // not keep another out of the store.
        const clash = isCarried ? productClash(products, undefined, d, FEED_OUTCOME) : undefined;
        if (clash) {
          problems.push(clash);
          duplicates.push(d);
          return false;
        }
        seen.set(d.stockCode, d.key.itemCode);
        if (!isCarried) uncarried.add(d.stockCode);
        return true;
      }
      // Both items recorded (a shared barcode names none): the next build reads them together.
      problems.push({
        subject: d.stockCode,
        kind: "duplicate",
        reason: `stock code "${d.stockCode}" of ${d.key.itemCode} is also used by ${other}; left out`,
        ...earlier === undefined ? {} : { items: [...earlier, d.key.itemCode].sort() },
      });
      if (!seen.has(d.stockCode) || uncarried.has(d.stockCode)) duplicates.push(d);
      else late.push(d.stockCode); // by a problem's holder (`twin`) too: another pair than it recorded
      return false;
    });
    // As the sync's problem subjects (sync/run_batch.ts): a variant's key, its stock code.
    const subjects = [...rows.map((v) => keyText(v.key)), ...mapped.variants.map((d) => d.stockCode)];
    yield { variants, problems, subjects, duplicates, late };
  }
}

/**
 * Under a template: a code two variants of the batch make (mapVariants' duplicate, left out) that an item
 * outside the batch makes too, an earlier batch's (`taken`) or one an open problem records (`twins`): the
 * problem names it too, so the next build leaves them all out. An earlier batch's row the feed carries is
 * written already (`late`): no second row of the code at 0 is added (the duplicates returned).
 */
function namedWithin(
  problems: Problem[],
  duplicates: DesiredVariant[],
  taken: (code: string) => string | undefined,
  uncarried: ReadonlySet<string>,
  twins: ReadonlyMap<string, readonly string[]> | undefined,
  late: string[],
): DesiredVariant[] {
  problems.forEach((p, i) => {
    if (p.kind !== "duplicate" || !p.items) return;
    const seen = taken(p.subject);
    const more = (seen === undefined ? twins?.get(p.subject) ?? [] : [seen]).filter((item) =>
      !p.items!.includes(item)
    );
    if (!more.length) return;
    const items = [...p.items, ...more].sort();
    problems[i] = { ...p, items, reason: `${p.reason}, and by a variant of ${more.join(", ")}; left out` };
    if (seen !== undefined && !uncarried.has(p.subject)) late.push(p.subject);
  });
  return late.length ? duplicates.filter((d) => !late.includes(d.stockCode)) : duplicates;
}

/**
 * Of `variants`' codes an open duplicate problem records (`known`), those another of its items, not read in
 * this batch, still makes, read now as the sync's batch reads them (sync/run_batch.ts): code → those items
 * (two or more when they make it between themselves). Undefined when no code of the batch is known (no read).
 */
async function stillMaking(
  catalog: CatalogSource,
  mapping: MappingOptions,
  variants: readonly DesiredVariant[],
  batch: readonly string[],
  rows: readonly NebimVariant[],
  known: ReadonlyMap<string, readonly string[]>,
  asOf: Date,
  signal?: AbortSignal,
): Promise<Map<string, string[]> | undefined> {
  if (!variants.some((d) => known.has(d.stockCode))) return undefined;
  const inBatch = itemsRead(batch, rows);
  const others = new Set<string>();
  variants.forEach((d) => addRecordedOthers(known, d.stockCode, inBatch, others));
  if (!others.size) return undefined;
  const twins = new Map<string, string[]>();
  const theirs = mapVariants(await catalog.readItems([...others], asOf, signal), mapping);
  for (const d of [...theirs.variants, ...theirs.duplicates ?? []]) {
    if (known.has(d.stockCode)) addMaker(twins, d);
  }
  return twins;
}
