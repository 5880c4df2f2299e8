/**
 * One build of the XML feed (agent/feed_source.ts decides when, and serves it): the price-ruled catalogue read
 * batch by batch and written into a file, beside its gzip-compressed copy.
 *
 * catalog.vanishLimit guards it as it guards the API sync: a build that would take more of the served
 * build's codes on sale off the sale (to 0 or out; not sold out) than the limit allows is not served.
 * The last good build stays served, whole, until the cause is fixed, the limit raised, or the operator
 * confirms (`sync products --once --full --allow-mass-zero`: FeedSource.confirm). Whole, rather
 * than the new build with those codes' old rows put back: a build that zeroes most of the catalogue comes
 * from a wrong database or a broken view far more often than from the catalogue, so its other stocks and
 * prices are as doubtful; and a code gone from Nebim has no row to put back but the old file's. Such a code
 * stays in a build that is served, at stock 0, copied from the served file (agent/feed_gone.ts); with
 * catalog.zeroStockForVanished off, every listed code leaving the sale is copied with its stock as served; under
 * either setting a listed code still sold but held for a bad record is copied with Nebim's stock.
 * @module
 */

import { dirname } from "node:path";
import { FeedTally, type FeedVanishing } from "../feed/vanish.ts";
import {
  FEED_HEAD,
  FEED_TAIL,
  feedRows,
  type GoodTags,
  goodTags,
  inFeed,
  listedRows,
  type ProductTags,
  productTags,
} from "../feed/xml.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { rulesFromSettings } from "../pricing/rules.ts";
import { catalogueBatches } from "../sync/catalogue.ts";
import { closeStoreRefusals, StaleProblems } from "../sync/stale_problems.ts";
import { recordedItems } from "../sync/duplicate_holders.ts";
import type { DesiredVariant } from "../sync/desired.ts";
import { FEED_VANISH_SUBJECT, type VanishCheck } from "../sync/vanish_limit.ts";
import { exists } from "../exists.ts";
import { keepGone } from "./feed_gone.ts";
import { holdBuild, type ServedFeed, sweep } from "./feed_served.ts";
import type { FeedFile } from "./feed_file.ts";
import { TakenDuplicates } from "../sync/taken_duplicates.ts";
import { FeedWriter } from "./feed_writer.ts";
import { mappingOptions } from "./options.ts";
import { sameBytes } from "./same_bytes.ts";
import type { Connections } from "./connections.ts";
import { withReader } from "./with_reader.ts";
import type { Settings } from "../settings/mod.ts";

/** A build's outcome: the file to serve, and catalog.vanishLimit's verdict when a code left the sale. */
export interface Built {
  file: FeedFile;
  check?: VanishCheck;
  /** The build served from now on (the base the next one is weighed against); none when this one is held. */
  served?: ServedFeed;
  /** The build's bytes were the served build's: that one stays served (`file`), this one is removed. */
  unchanged?: boolean;
  /**
   * The build wrote a row the next leaves out: an earlier batch's, under a code a later batch found another
   * item making, now recorded (CatalogueBatch.late). Served to those who asked, not kept.
   */
  once?: boolean;
}

/** What a build reads and writes of the ledger. */
export type FeedLedger = Pick<
  Ledger,
  | "feedListed"
  | "addFeedListed"
  | "replaceProblems"
  | "openProblems"
  | "resolveProblems"
  | "pruneResolvedProblems"
>;

/** What one build reads and where it writes. */
export interface BuildInput {
  connections: Pick<Connections, "heldReader">;
  settings: Settings;
  /** What the feed has listed before: a variant no longer sellable stays in it (stock 0) only then. */
  ledger: FeedLedger;
  /** The build's XML file, in the feed's folder (every other build there is removed once it is served). */
  path: string;
  /** Its Last-Modified (agent/feed_file.ts lastModifiedAfter). */
  builtAt: Date;
  /** The build served now: what the new one is weighed against and copies gone codes from. */
  served: ServedFeed | undefined;
  signal: AbortSignal;
  /** catalog.vanishLimit lifted: the operator confirmed. */
  lifted: boolean;
}

/** Writes one build; held by catalog.vanishLimit, the served one stays (and no file of this one is left). */
export async function buildFeed(
  { connections, settings: s, ledger, path, builtAt, served, signal, lifted }: BuildInput,
): Promise<Built> {
  const rules = rulesFromSettings(s.pricing, s.catalog);
  const options = { ...s.feed, prices: !s.pricing.disablePriceUpdate };
  const gzipPath = `${path}.gz`;
  const listed = ledger.feedListed();
  const keepStock = !s.catalog.zeroStockForVanished; // listed codes leaving the sale: copied as served
  // What is left once every variant Nebim has (or sells) is read, and the held ones: copied from the served
  // build, each with its stock as served, 0, or (held) Nebim's.
  const gone = new Map<string, number | "served">(
    [...listed.keys()].map((c) => [c, keepStock ? "served" : 0]),
  );
  const good = new Map<string, GoodTags>();
  const stillSold = new Set<string>(); // held codes Nebim sells: at stock 0 sold out, not leaving the sale
  const listedNow: [string, string][] = [];
  const products = new Map<string, ProductTags>(); // a product's tags as written last: copied rows take them
  let count = 0;
  const tally = new FeedTally(served?.onSale);
  let weighed: FeedVanishing | undefined;
  const late = new Set<string>();
  const out = await FeedWriter.create(path);
  try {
    await out.write(FEED_HEAD);
    // The reader's pool stays open to the end of the read, though a nebim.sql change replaces it meanwhile.
    await withReader(connections, signal, async (reader) => {
      // A listed code stays in the feed, written or (held) copied.
      const carried = (v: DesiredVariant) => listed.has(v.stockCode) || (v.sellable && inFeed(v, options));
      // Under a template, the open duplicates whose items are recorded: neither item's stock is carried.
      const known = s.catalog.stockCode.from === "barcode"
        ? undefined
        : recordedItems(ledger.openProblems({ kind: "duplicate" }));
      const mapping = mappingOptions(s, rules);
      const batches = catalogueBatches(reader, mapping, signal, carried, listed.values(), known);
      // A build reads every item, as a full cycle does: it closes the problems of records gone from Nebim.
      const stale = s.feed.insteadOfApi ? new StaleProblems(ledger) : undefined;
      // The open duplicates of codes a batch took: closed at the build's end, not by the batch (as the sync's).
      const taken = new TakenDuplicates();
      for await (const { variants, problems, subjects, duplicates, late: found } of batches) {
        found.forEach((c) => late.add(c));
        // A store that takes its products only from the feed learns of bad records here (/health lists
        // them); otherwise the API sync reports them.
        if (s.feed.insteadOfApi) {
          const codes = new Set(variants.map((v) => v.stockCode));
          const undecided = (code: string, kind: string) => kind === "duplicate" && codes.has(code);
          taken.note(ledger.replaceProblems(subjects, problems, undecided), problems);
        }
        stale?.read(subjects, problems);
        const rows = listedRows(variants, duplicates, listed, keepStock);
        for (const v of keepStock ? rows : [...variants, ...duplicates]) gone.delete(v.stockCode);
        for (const v of rows) {
          if (!inFeed(v, options)) {
            // Held for a bad record: as the store has it but for what the API path still pushes, its stock
            // (0 if no longer sold) and the good fields of its record.
            if (!listed.has(v.stockCode)) continue;
            gone.set(v.stockCode, v.sellable ? v.quantity : 0);
            if (v.sellable) stillSold.add(v.stockCode);
            good.set(v.stockCode, goodTags(v, options));
            continue;
          }
          count++;
          tally.add(v.stockCode, v.quantity, v.sellable);
          products.set(v.productCode, productTags(v, options));
          if (v.sellable && listed.get(v.stockCode) !== v.productCode) {
            listedNow.push([v.stockCode, v.productCode]);
          }
        }
        await out.write(feedRows(rows, options));
      }
      taken.close(ledger);
      stale?.close(ledger);
    });
    if (s.feed.insteadOfApi) closeStoreRefusals(ledger);
    const copy = { gone, good, served: served?.file.path, options, products, signal };
    await keepGone(out, copy, (code, quantity) => {
      count++;
      tally.add(code, quantity, stillSold.has(code));
    });
    await out.write(FEED_TAIL);
    weighed = tally.weigh(s.catalog.vanishLimit, lifted);
    // A held build is never finished: no file of it is left to be taken for the served one after a restart.
    if (weighed?.check.verdict === "held") await out.abort(new Error("held by catalog.vanishLimit"));
    else await out.close();
  } catch (e) {
    await out.abort(e);
    throw e;
  }
  if (weighed?.check.verdict === "held") return holdBuild(ledger, served!, weighed);
  ledger.replaceProblems([FEED_VANISH_SUBJECT], []);
  ledger.addFeedListed(listedNow);
  const once = late.size > 0 && leftOutNext(ledger, late) ? { once: true } : {};
  // Nothing changed since the served build: it stays served, and its Last-Modified with it, so an importer's
  // If-Modified-Since gets 304 (Qukasoft pulls hourly, past the ten minutes a build is cached: a date per
  // build sent it the whole feed every time).
  if (served && await exists(served.file.gzipPath) && await sameBytes(served.file.path, path)) {
    await sweep(dirname(path), [served.file.path, served.file.gzipPath]);
    return {
      file: served.file,
      unchanged: true,
      served: { file: served.file, onSale: tally.onSale },
      ...once,
    };
  }
  await sweep(dirname(path), [path, gzipPath]);
  const [xml, gz] = [await Deno.stat(path), await Deno.stat(gzipPath)];
  const file = { path, bytes: xml.size, gzipPath, gzipBytes: gz.size, builtAt, rows: count };
  const now = { file, onSale: tally.onSale };
  return weighed ? { file, check: weighed.check, served: now, ...once } : { file, served: now, ...once };
}

/**
 * Whether an open duplicate problem now records the items of one of `late`'s codes: the next build reads them
 * together and carries neither (the build's own under feed.insteadOfApi, else the API sync's). Unrecorded, the
 * next build writes the same row.
 */
function leftOutNext(ledger: Pick<FeedLedger, "openProblems">, late: ReadonlySet<string>): boolean {
  const known = recordedItems(ledger.openProblems({ kind: "duplicate" }));
  return [...late].some((code) => known?.has(code));
}
