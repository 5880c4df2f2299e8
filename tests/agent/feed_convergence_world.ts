/**
 * The XML feed's convergence property's world (feed_convergence_e2e_test.ts): the feed under test, built by
 * the real FeedSource over the harness's ledger and SQL simulator, the model of Nebim it shares with the API
 * property (tests/sync/convergence_nebim.ts), and what the builds served that the final comparison allows for.
 * @module
 */

import assert from "node:assert/strict";
import { Connections } from "../../agent/connections.ts";
import type { FeedFile } from "../../agent/feed_file.ts";
import { FeedSource } from "../../agent/feed_source.ts";
import { SettingsStore } from "../../agent/settings_store.ts";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import type { Problem } from "../../ledger/types.ts";
import { mergePatch, type Settings } from "../../settings/mod.ts";
import { FEED_VANISH_SUBJECT, VANISH_KIND } from "../../sync/vanish_limit.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { NebimWorld } from "../sync/convergence_nebim.ts";
import { patched } from "../sync/convergence_settings.ts";
import type { NebimEdit } from "../sync/convergence_steps.ts";
import {
  codeStates,
  type HeldEdit,
  heldEdit,
  recodeSaved,
  type Saved,
  withHeldFixed,
} from "./feed_convergence_held.ts";
import { type FeedRow, heldBy, type ParsedFeed, readFeed, soldOutOf } from "./feed_convergence_rows.ts";

export type FeedStep =
  | NebimEdit
  | HeldEdit
  | { kind: "build" }
  /** A build whose `after`-th SQL request is followed by a fault. */
  | { kind: "faultyBuild"; fault: "drop" | "error"; after: number }
  /** A build the agent's stop (close()) ends after its `after`-th SQL request; the agent starts again. */
  | { kind: "stop"; after: number }
  | { kind: "restart" }
  /** The operator's `sync products --once --full --allow-mass-zero`: a build with the limit lifted. */
  | { kind: "confirm" }
  | { kind: "settings"; patch: Record<string, unknown>; via: "patch" | "newFolder" }
  /** An item re-coded in Nebim (NebimWorld.recode): its codes gone, its rows under a new code. */
  | { kind: "recode"; item: number; back: boolean }
  /** A variant given the item's other colour (NebimWorld.recolor). */
  | { kind: "recolor"; item: number; variant: number };

/** A build's outcome as the model sees it: a new build served, the last good one kept, or none. */
export type Outcome = "served" | "held" | "failed";

export class FeedWorld extends NebimWorld {
  feed!: FeedSource;
  #connections!: Connections;
  #folders = 0;
  /** The feed's folder: a new data folder has a new one. */
  dir: string;
  /** The build served last, as read back; undefined before the first (or on a new data folder). */
  served: ParsedFeed | undefined;
  /** Every code a served build carried: what the ledger's feed_listed should hold (ledger/feed_listed.ts). */
  readonly listed = new Set<string>();
  /** The values a held edit emptied. */
  readonly #saved: Saved = new Map();

  private constructor(readonly h: SyncHarness) {
    super(h);
    this.dir = `${h.dataDir}/feed`;
  }

  static async start(settings: Record<string, unknown>): Promise<FeedWorld> {
    const w = new FeedWorld(await syncHarness([], settings));
    w.seed();
    w.#open();
    return w;
  }

  /** A feed as the agent makes one: no cache (ttl 0: every request builds, as after a cycle's change). */
  #open(): void {
    this.#connections = new Connections(() => this.h.settings.current());
    this.feed = new FeedSource(this.#connections, this.h.settings, this.h.ledger, this.dir, 0);
  }

  async close(): Promise<void> {
    this.feed.close();
    await this.#connections.close();
    await this.h.close();
  }

  /** The agent stops and starts again over the same ledger and feed folder (or, with `settings`, new ones). */
  async restart(settings?: Settings): Promise<void> {
    this.feed.close();
    await this.#connections.close();
    if (settings) {
      await this.h.restart({ catalog: settings.catalog, pricing: settings.pricing, feed: settings.feed });
      this.dir = `${this.h.dataDir}/feed-${++this.#folders}`;
      this.served = undefined;
      this.listed.clear();
    } else {
      await this.h.restart();
    }
    this.#open();
  }

  async run(s: FeedStep): Promise<void> {
    switch (s.kind) {
      case "build":
        await this.build();
        return;
      case "faultyBuild":
        await this.build({ after: s.after, then: () => this.h.sims.sqlFaults.once(s.fault) });
        return;
      case "stop":
        await this.build({ after: s.after, then: () => this.feed.close() });
        await this.restart();
        return;
      case "restart":
        // A start with the first --config file: nothing is synced through the API, so it replaces the
        // ledger's settings (agent/settings_store.ts); the feed then shows those.
        await this.restart();
        return;
      case "confirm":
        await this.confirm();
        return;
      case "settings":
        // A patch refused (it changes the stock codes once something is synced) goes the operator's way.
        if (s.via === "newFolder" || !patched(this.h.settings, s.patch)) {
          await this.restart(mergePatch(this.h.settings.current(), s.patch));
        }
        return;
      case "held":
        heldEdit(this.nebim.data, this.items, s, this.#saved);
        return;
      case "recolor":
        this.recolor(s.item, s.variant);
        return;
      case "recode": {
        const { from, to } = this.recode(s.item, s.back);
        recodeSaved(this.#saved, from, to);
        return;
      }
      default:
        this.edit(s);
    }
  }

  /**
   * One build, a second of SQL time after the edits (none with `sameTime`: to compare with a build that read
   * Nebim at this time); `stop.then` runs when the SQL simulator logs the
   * `stop.after`-th request of it. A build may fail only for the fault or the stop. What it serves is read
   * back and checked against the served one: a new build only within catalog.vanishLimit, a held one the
   * served build unchanged.
   */
  async build(stop?: { after: number; then: () => void }, sameTime = false): Promise<Outcome> {
    if (!sameTime) this.h.clock.advance(1_000);
    const { sqlLog, sqlFaults } = this.h.sims;
    const faultsBefore = sqlLog.entries().filter((e) => e.fault).length;
    let seen = 0;
    let stopped = false;
    if (stop) {
      sqlLog.onRequest = () => {
        if (++seen !== stop.after) return;
        stopped = true;
        stop.then();
      };
    }
    let file: FeedFile;
    try {
      file = await this.feed.file();
    } catch (e) {
      const faulted = sqlLog.entries().filter((x) => x.fault).length > faultsBefore;
      if (!stopped && !(faulted && e instanceof IntegrationError)) throw e;
      this.#assertListed("a build that failed lists nothing");
      return "failed";
    } finally {
      sqlLog.onRequest = undefined;
      sqlFaults.clear();
    }
    return await this.#served(file);
  }

  /** The operator confirms a held build (`sync products --once --full --allow-mass-zero`): it is served. */
  async confirm(): Promise<ParsedFeed> {
    const file = (await this.feed.confirm()).file;
    if (file.path === this.served?.path) {
      assert.equal(
        await Deno.readTextFile(file.path),
        this.served.text,
        "confirmed: the same build, unchanged",
      );
    }
    this.#take(await readFeed(file.path));
    return this.served!;
  }

  #take(next: ParsedFeed): void {
    for (const code of next.rows.keys()) this.listed.add(code);
    this.served = next;
    // Every code a served build carried was sellable then, or listed before: the ledger keeps them all.
    this.#assertListed("the ledger lists what was served");
  }

  #assertListed(why: string): void {
    assert.deepEqual(new Set(this.h.ledger.feedListed().keys()), this.listed, why);
  }

  async #served(file: FeedFile): Promise<Outcome> {
    const limit = this.h.settings.current().catalog.vanishLimit;
    if (this.served && file.path === this.served.path) {
      assert.equal(
        await Deno.readTextFile(file.path),
        this.served.text,
        "a held build, or one that changed nothing, leaves the served one as it was",
      );
      // Held, it says so in /health; one that changed nothing is served as any other (the served build stays).
      const open = this.h.ledger.openProblems({ kind: VANISH_KIND }).map((p) => p.subject);
      return open.includes(FEED_VANISH_SUBJECT) ? "held" : "served";
    }
    const next = await readFeed(file.path);
    assert.ok(
      !heldBy(this.served?.onSale, next.onSale, limit, this.soldOut(next.rows, this.h.settings.current())),
      "a new build is served only within catalog.vanishLimit",
    );
    this.#take(next);
    return "served";
  }

  /** The codes of `rows` at stock 0 that Nebim still sells under `settings`: sold out (feed/vanish.ts). */
  soldOut(rows: Iterable<[string, FeedRow | null]>, settings: Settings): Set<string> {
    const states = this.codes(settings);
    return soldOutOf(rows, (code) => states.get(code)?.sellable === true);
  }

  /** The stock codes Nebim's variants have now, under `settings`' stock-code form: held, sold, shared. */
  codes(settings: Settings) {
    return codeStates(this.nebim.data, this.items, settings);
  }

  /** What a clean start builds with every held record fixed: the stock a held listed code takes. */
  fixedBuild(settings: Settings): Promise<ParsedFeed> {
    return withHeldFixed(this.nebim.data, this.#saved, () => this.cleanBuild(settings));
  }

  /**
   * What a clean start builds: a fresh agent (empty ledger, empty feed folder), the same Nebim and settings.
   * `problems` gets its ledger's open problems.
   */
  async cleanBuild(settings: Settings, problems?: (open: Problem[]) => void): Promise<ParsedFeed> {
    const ledger = openLedger(":memory:");
    const store = SettingsStore.open(
      ledger,
      this.h.config({ catalog: settings.catalog, pricing: settings.pricing, feed: settings.feed }),
    ).store;
    const connections = new Connections(() => store.current());
    const dir = await Deno.makeTempDir({ dir: this.h.dataDir, prefix: "clean-feed-" });
    const feed = new FeedSource(connections, store, ledger, dir, 0);
    try {
      const built = await readFeed((await feed.file()).path);
      problems?.(ledger.openProblems());
      return built;
    } finally {
      feed.close();
      await connections.close();
      ledger.close();
    }
  }
}
