/**
 * The XML feed, built into a file and served from it. At 100,000 variants the feed is about 60 MB: held as
 * one string it took the agent to 650 MB; written batch by batch it costs what one sync batch costs, and a
 * response streams it from disk.
 *
 * Cached: Qukasoft pulls a Kaynak at most hourly, so the catalogue is read again only when the newest build
 * is older than `ttlMs` or a sync cycle changed something. A build belongs to the feed, not to the request
 * that started it: every request meanwhile shares it (but one after a settings change), and a client that
 * gives up (an importer's timeout) does not cancel it, so its retry finds the finished file. Only close() stops
 * it, when the agent stops.
 *
 * catalog.vanishLimit guards it as it guards the API sync: a build that would take more of the served
 * build's codes on sale off the sale (to 0 or out; not sold out) than the limit allows is not served.
 * The last good build stays served, whole, until the cause is fixed, the limit raised, or the operator
 * confirms (`sync products --once --full --allow-mass-zero`: {@link FeedSource.confirm}). Whole, rather
 * than the new build with those codes' old rows put back: a build that zeroes most of the catalogue comes
 * from a wrong database or a broken view far more often than from the catalogue, so its other stocks and
 * prices are as doubtful; and a code gone from Nebim has no row to put back but the old file's. Such a code
 * stays in a build that is served, at stock 0, copied from the served file (agent/feed_gone.ts); with
 * catalog.zeroStockForVanished off, every listed code leaving the sale is copied with its stock as served; under
 * either setting a listed code still sold but held for a bad record is copied with Nebim's stock.
 * @module
 */

import { join } from "node:path";
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
import type { DesiredVariant } from "../sync/desired.ts";
import type { NebimReader } from "../nebim/sql/reader.ts";
import { errorKind, errorMessage, IntegrationError } from "../errors.ts";
import { getLogger } from "../log.ts";
import { FEED_VANISH_SUBJECT, type VanishCheck } from "../sync/vanish_limit.ts";
import { exists } from "../exists.ts";
import { untilAborted } from "../until_aborted.ts";
import { keepGone } from "./feed_gone.ts";
import { holdBuild, lastBuildNumber, type ServedFeed, servedIn, sweep } from "./feed_served.ts";
import {
  type FeedBody,
  type FeedBuild,
  type FeedFailure,
  type FeedFile,
  lastBuildOf,
  lastModifiedAfter,
} from "./feed_file.ts";
import { FeedWriter } from "./feed_writer.ts";
import { mappingOptions } from "./options.ts";
import type { SettingsStore } from "./settings_store.ts";
import type { Settings } from "../settings/mod.ts";

/** A build's outcome: the file to serve, and catalog.vanishLimit's verdict when a code left the sale. */
interface Built {
  file: FeedFile;
  check?: VanishCheck;
}

export class FeedSource {
  /** The file served, and when the build that decided it began (a held build serves an older file). */
  #cached: { file: FeedFile; at: number } | undefined;
  #failure: FeedFailure | undefined;
  #last: FeedFile | undefined;
  /** The one build under way; `fresh` turns false when a cycle changes the catalogue meanwhile. */
  #building: { file: Promise<FeedFile>; fresh: boolean; settings: Settings } | undefined;
  #closing = new AbortController();
  /** The last build's number: above every build's in the folder, so no name is taken twice across restarts. */
  #builds = 0;
  /** The build served; undefined: not looked for in the folder yet. */
  #served: ServedFeed | null | undefined;

  constructor(
    private readonly connections: { reader(): Promise<NebimReader> },
    private readonly settings: SettingsStore,
    /** What the feed has listed before: a variant no longer sellable stays in it (stock 0) only then. */
    private readonly ledger: Pick<
      Ledger,
      "feedListed" | "addFeedListed" | "replaceProblems" | "openProblems" | "resolveProblems"
    >,
    /** The feed's own folder (`<data>/feed`): made when needed; every other build in it is removed. */
    private readonly dir: string,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The newest build, made first when there is none recent enough. */
  file(): Promise<FeedFile> {
    const cached = this.#cached;
    // A negative age is a clock set back: the build's real age is unknown, so it is read again (else kept
    // for as long again as the clock went back, the catalogue's changes no cycle reported not served).
    const age = cached ? this.now() - cached.at : -1;
    if (cached && age >= 0 && age < this.ttlMs) return Promise.resolve(cached.file);
    // At most one read of the catalogue at a time, however often importers retry or cycles invalidate. One under
    // settings changed since (a margin) has the old prices: this request waits for it, then for one under these.
    const under = this.#building;
    if (under?.settings === this.settings.current()) return under.file;
    if (under) return under.file.then(() => this.file(), () => this.file());
    const at = this.now();
    const built = this.#build(this.#closing.signal, false);
    const building = { file: built.then((b) => b.file), fresh: true, settings: this.settings.current() };
    this.#building = building;
    built.then(
      (b) => {
        this.#building = undefined;
        this.#failure = undefined;
        this.#done(b);
        // Served to those who waited, but not kept when a cycle changed the catalogue during the read.
        if (building.fresh) this.#cached = { file: b.file, at };
      },
      (e) => {
        this.#building = undefined; // a failed read is not cached
        if (!this.#closing.signal.aborted) {
          this.#failure = { at: new Date(this.now()).toISOString(), error: errorMessage(e) };
        }
      },
    );
    return building.file;
  }

  /**
   * The feed for one response, streamed from its file (which is closed when the stream ends or is
   * cancelled); without the body, no file is opened (a HEAD response would drop the stream unclosed).
   */
  async open(withBody = true, gzip = false): Promise<FeedBody> {
    for (let attempt = 1;; attempt++) {
      const f = await this.file();
      const path = gzip ? f.gzipPath : f.path;
      const head: FeedBody = { body: null, bytes: gzip ? f.gzipBytes : f.bytes, builtAt: f.builtAt };
      if (gzip) head.encoding = "gzip";
      if (!withBody) return head;
      try {
        return { ...head, body: (await Deno.open(path)).readable };
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound) || attempt === 3) throw e;
        // A newer build finished between the two steps and removed this one (take that), or someone
        // removed it by hand (build again).
        if (this.#cached?.file === f) this.#cached = undefined;
      }
    }
  }

  /** The last failed build, while no build has succeeded since. */
  lastFailure(): FeedFailure | undefined {
    return this.#failure;
  }

  /** The last build that succeeded, if any since the agent started. */
  lastBuild(): FeedBuild | undefined {
    return this.#last && lastBuildOf(this.#last);
  }

  /** The catalogue changed: the next request reads it again (a read under way is not kept). */
  invalidate(): void {
    this.#cached = undefined;
    if (this.#building) this.#building.fresh = false;
  }

  /**
   * Builds now with catalog.vanishLimit lifted, once: the operator confirmed that the codes leaving the sale
   * really are gone (`sync products --once --full --allow-mass-zero`, the agent stopped). The build is served
   * and becomes the base the next one is weighed against; the hold's problem closes.
   */
  async confirm(): Promise<Built> {
    const at = this.now();
    const b = await this.#build(this.#closing.signal, true);
    this.#done(b);
    this.#cached = { file: b.file, at };
    return b;
  }

  #done(b: Built): void {
    this.#last = b.file;
    if (b.check?.verdict === "held") return; // logged as held
    getLogger(["e-ticaret", "feed"]).info(
      "XML feed built: {rows} variants, {bytes} bytes ({gzipBytes} gzip-compressed), as of {builtAt}",
      { ...lastBuildOf(b.file) },
    );
  }

  /** Stops a build under way (its requests fail); later calls fail at once. */
  close(): void {
    this.#closing.abort(new Error("the agent is stopping"));
  }

  async #build(signal: AbortSignal, lifted: boolean): Promise<Built> {
    signal.throwIfAborted();
    try {
      return await this.#write(signal, lifted);
    } catch (e) {
      if (signal.aborted) throw e;
      // Named for the operator: "No space left on device" alone says neither what nor where.
      throw new IntegrationError(
        errorKind(e),
        `building the XML feed in ${this.dir} failed: ${errorMessage(e)}`,
        {
          system: "feed",
          cause: e,
        },
      );
    }
  }

  async #write(signal: AbortSignal, lifted: boolean): Promise<Built> {
    const served = await this.#lastServed();
    const builtAt = new Date(lastModifiedAfter(this.now(), served?.file.builtAt));
    const s = this.settings.current();
    const rules = rulesFromSettings(s.pricing, s.catalog);
    const options = { ...s.feed, prices: !s.pricing.disablePriceUpdate };
    await Deno.mkdir(this.dir, { recursive: true });
    this.#builds = Math.max(this.#builds, await lastBuildNumber(this.dir)) + 1;
    const path = join(this.dir, `products-${builtAt.getTime()}-${this.#builds}.xml`);
    const gzipPath = `${path}.gz`;
    const listed = this.ledger.feedListed();
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
    const out = await FeedWriter.create(path);
    try {
      await out.write(FEED_HEAD);
      // A stop (close) must not wait for a SQL login, which does not heed the signal.
      const reader = await untilAborted(this.connections.reader(), signal);
      // A listed code stays in the feed, written or (held) copied.
      const carried = (v: DesiredVariant) => listed.has(v.stockCode) || (v.sellable && inFeed(v, options));
      const batches = catalogueBatches(reader, mappingOptions(s, rules), signal, carried, listed.values());
      // A build reads every item, as a full cycle does: it closes the problems of records gone from Nebim.
      const stale = s.feed.insteadOfApi ? new StaleProblems(this.ledger) : undefined;
      for await (const { variants, problems, subjects, duplicates } of batches) {
        // A store that takes its products only from the feed learns of bad records here (/health lists
        // them); otherwise the API sync reports them.
        if (s.feed.insteadOfApi) this.ledger.replaceProblems(subjects, problems);
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
      stale?.close(this.ledger);
      if (s.feed.insteadOfApi) closeStoreRefusals(this.ledger);
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
    if (weighed?.check.verdict === "held") return holdBuild(this.ledger, served!, weighed);
    this.ledger.replaceProblems([FEED_VANISH_SUBJECT], []);
    this.ledger.addFeedListed(listedNow);
    await sweep(this.dir, [path, gzipPath]);
    const [xml, gz] = [await Deno.stat(path), await Deno.stat(gzipPath)];
    const file = { path, bytes: xml.size, gzipPath, gzipBytes: gz.size, builtAt, rows: count };
    this.#served = { file, onSale: tally.onSale };
    return weighed ? { file, check: weighed.check } : { file };
  }

  /** The build served, found in the folder after a start; one removed by hand is looked for again. */
  async #lastServed(): Promise<ServedFeed | undefined> {
    if (this.#served && !await exists(this.#served.file.path)) this.#served = undefined;
    if (this.#served === undefined) this.#served = await servedIn(this.dir) ?? null;
    return this.#served ?? undefined;
  }
}
