/**
 * The codes the XML feed listed that Nebim no longer has at all (a variant or item deleted, a barcode replaced
 * or re-typed, the stock-code form changed). The API path gives such a code stock 0; the feed keeps it too, at
 * stock 0, since what a store's import does with a product missing from its Kaynak is the store's setting
 * (many leave it as it was, still selling). Nebim has no row for it, so its row is the one the served build
 * carried (feed/xml.ts goneRow): its product code, barcode and variant price as the store last took them, its
 * product's name, VAT and price as this build wrote that product's other rows. Each build copies it from the
 * one before, so it stays as long as a blocked listed code does.
 *
 * With catalog.zeroStockForVanished off the API path leaves a code leaving the sale as the store has it, so
 * the feed copies every such listed code (blocked, off the internet, shared, or gone) with its stock as served:
 * nothing goes to stock 0, and catalog.vanishLimit counts none of them. A switch keeps what the store last
 * had: off, a code already at 0 stays at 0; on again, a copied code with stock goes to 0 (and is counted).
 *
 * A listed code Nebim still sells but holds for a bad record (no name, no cost, an unknown VAT group:
 * sync/desired.ts) is copied with Nebim's stock whatever the setting, and what of its record is good (its
 * price beside no name, its VAT beside no cost), as the API path still pushes all of a bound code but the bad
 * field and leaves that as the store has it; a brief data problem on many items then neither
 * empties the store's Kaynak nor trips catalog.vanishLimit, and what sells out still goes to 0. Held and no
 * longer sold, it follows the rule above.
 *
 * Without a served build (a first build, a feed folder emptied by hand) there is nothing to copy: the code is
 * left out and a warning names it, rather than a row made up (an empty category fails the whole import).
 * @module
 */

import {
  FEED_HEAD,
  type FeedOptions,
  goneRow,
  type GoodTags,
  type ProductTags,
  ROW_SPLIT,
  rowStock,
} from "../feed/xml.ts";
import { getLogger } from "../log.ts";
import { rowsOf } from "./feed_served.ts";
import type { FeedWriter } from "./feed_writer.ts";

/** How much copied text is written at once: a stock-code form change makes every listed code gone. */
const CHUNK = 1 << 18;
/** How many codes the warning names. */
const SAMPLE = 10;

/** What {@link keepGone} copies, and from where. */
export interface GoneRows {
  /** Each code to copy, and the stock its row takes: a number, or its stock as served. */
  gone: ReadonlyMap<string, number | "served">;
  /** A held code's good tags (feed/xml.ts goodTags): the API path still pushes them. */
  good: ReadonlyMap<string, GoodTags>;
  /** The served build's XML file. */
  served: string | undefined;
  options: FeedOptions;
  /** The product tags this build wrote for each `sku` (goneRow: a copied row takes them). */
  products: ReadonlyMap<string, ProductTags>;
  /** close(): the scan stops too, and the build with it. */
  signal: AbortSignal;
}

/**
 * Writes the served build's rows of `gone` again with the stock each is given, streaming its file (~60 MB at
 * 100,000 variants) only when some code is gone; `wrote` is told each code written, and its stock.
 */
export async function keepGone(
  out: FeedWriter,
  { gone, good, served, options, products, signal }: GoneRows,
  wrote: (stockCode: string, quantity: number) => void,
): Promise<void> {
  if (gone.size === 0) return;
  if (served === undefined) {
    unserved(gone);
    return;
  }
  let chunk = "";
  const productOf = (sku: string) => products.get(sku);
  for await (const part of rowsOf(served)) {
    signal.throwIfAborted();
    const r = rowStock(part);
    const stock = r && gone.get(r.stockCode);
    if (r === undefined || stock === undefined) continue;
    const row = goneRow(
      (part.startsWith(FEED_HEAD) ? part.slice(FEED_HEAD.length) : part) + ROW_SPLIT,
      options,
      productOf,
      stock,
      good.get(r.stockCode),
    );
    if (row === undefined) continue;
    wrote(r.stockCode, stock === "served" ? r.quantity : stock);
    chunk += row;
    if (chunk.length < CHUNK) continue;
    await out.write(chunk);
    chunk = "";
  }
  await out.write(chunk);
}

/** No served build to copy from: the codes are left out, and a warning names them. */
function unserved(gone: ReadonlyMap<string, number | "served">): void {
  for (const keep of [true, false]) {
    const codes = [...gone].filter(([, stock]) => (stock !== 0) === keep).map(([code]) => code);
    if (codes.length === 0) continue;
    getLogger(["e-ticaret", "feed"]).warn(
      keep
        ? "XML feed: {count} codes it listed have left Nebim's sale or are held for a bad record, and are " +
          "left out: no served build to copy their rows from; the store's import decides what they show " +
          "({sample})"
        : "XML feed: {count} codes it listed are gone from Nebim and left out, not at stock 0: no served " +
          "build to copy their rows from; the store's import decides what they show ({sample})",
      { count: codes.length, sample: codes.slice(0, SAMPLE).join(", ") },
    );
  }
}
