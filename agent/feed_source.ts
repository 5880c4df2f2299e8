/**
 * The XML feed, built into a file and served from it. At 100,000 variants the feed is about 60 MB: held as
 * one string it took the agent to 650 MB; written batch by batch it costs what one sync batch costs, and a
 * response streams it from disk.
 *
 * Cached: Qukasoft pulls a Kaynak at most hourly, so the catalogue is read again only when the newest build
 * is older than `ttlMs` or a sync cycle changed something (or it wrote a row the next build leaves out:
 * agent/feed_build.ts Built.once). A build belongs to the feed, not to the request that started it: every
 * request meanwhile shares it (but one after a settings change), and a client that gives up (an importer's
 * timeout) does not cancel it, so its retry finds the finished file. Only close() stops it, when the agent stops.
 *
 * catalog.vanishLimit may hold a build (agent/feed_build.ts): the last good one stays served, whole, until
 * the cause is fixed, the limit raised, or the operator confirms ({@link FeedSource.confirm}).
 * @module
 */

import { join } from "node:path";
import { errorKind, errorMessage, IntegrationError } from "../errors.ts";
import { getLogger } from "../log.ts";
import { exists } from "../exists.ts";
import { buildFeed, type Built, type FeedLedger } from "./feed_build.ts";
import { lastBuildNumber, type ServedFeed, servedIn } from "./feed_served.ts";
import {
  etagOf,
  type FeedBody,
  type FeedBuild,
  type FeedFailure,
  type FeedFile,
  lastBuildOf,
  lastModifiedAfter,
} from "./feed_file.ts";
import type { SettingsStore } from "./settings_store.ts";
import type { Connections } from "./connections.ts";
import type { Settings } from "../settings/mod.ts";
import { makeOwnerOnlyDir } from "../owner_only_dir.ts";

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
    private readonly connections: Pick<Connections, "heldReader">,
    private readonly settings: SettingsStore,
    /** What the feed has listed before: a variant no longer sellable stays in it (stock 0) only then. */
    private readonly ledger: FeedLedger,
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
        // Served to those who waited, but not kept when a cycle changed the catalogue during the read, nor
        // when it wrote a row the next build leaves out (a duplicate it found only after writing it).
        if (building.fresh && !b.once) this.#cached = { file: b.file, at };
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
      const bytes = gzip ? f.gzipBytes : f.bytes;
      const head: FeedBody = { body: null, bytes, builtAt: f.builtAt, etag: etagOf(f, gzip) };
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
    this.#cached = b.once ? undefined : { file: b.file, at };
    return b;
  }

  #done(b: Built): void {
    this.#last = b.file;
    if (b.check?.verdict === "held") return; // logged as held
    getLogger(["e-ticaret", "feed"]).info(
      b.unchanged
        ? "XML feed built: {rows} variants, the same as the build of {builtAt}, which stays served (and its " +
          "Last-Modified)"
        : "XML feed built: {rows} variants, {bytes} bytes ({gzipBytes} gzip-compressed), as of {builtAt}",
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
    const settings = this.settings.current();
    await makeOwnerOnlyDir(this.dir);
    this.#builds = Math.max(this.#builds, await lastBuildNumber(this.dir)) + 1;
    const path = join(this.dir, `products-${builtAt.getTime()}-${this.#builds}.xml`);
    const { connections, ledger } = this;
    const b = await buildFeed({ connections, settings, ledger, path, builtAt, served, signal, lifted });
    if (b.served) this.#served = b.served;
    return b;
  }

  /** The build served, found in the folder after a start; one removed by hand is looked for again. */
  async #lastServed(): Promise<ServedFeed | undefined> {
    if (this.#served && !await exists(this.#served.file.path)) this.#served = undefined;
    if (this.#served === undefined) this.#served = await servedIn(this.dir) ?? null;
    return this.#served ?? undefined;
  }
}
