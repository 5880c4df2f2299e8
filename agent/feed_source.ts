/**
 * The XML feed's content, cached: Qukasoft pulls a Kaynak at most hourly, so the catalogue is read again
 * only when the cached copy is older than `ttlMs` or a sync cycle changed something. A build belongs to
 * the feed, not to the request that started it: every request meanwhile shares it, and a client that gives
 * up (an importer's timeout) does not cancel it, so its retry finds the finished copy. Only close() stops
 * it, when the agent stops.
 * @module
 */

import { renderFeed } from "../feed/xml.ts";
import { rulesFromSettings } from "../pricing/rules.ts";
import { readCatalogue } from "../sync/catalogue.ts";
import type { NebimReader } from "../nebim/sql/reader.ts";
import { mappingOptions } from "./options.ts";
import type { SettingsStore } from "./settings_store.ts";

export class FeedSource {
  #cached: { at: number; xml: string } | undefined;
  /** The one build under way; `fresh` turns false when a cycle changes the catalogue meanwhile. */
  #building: { xml: Promise<string>; fresh: boolean } | undefined;
  #closing = new AbortController();

  constructor(
    private readonly connections: { reader(): Promise<NebimReader> },
    private readonly settings: SettingsStore,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  xml(): Promise<string> {
    if (this.#cached && this.now() - this.#cached.at < this.ttlMs) return Promise.resolve(this.#cached.xml);
    // At most one read of the catalogue at a time, however often importers retry or cycles invalidate.
    if (this.#building) return this.#building.xml;
    const at = this.now();
    const building = { xml: this.#build(this.#closing.signal), fresh: true };
    this.#building = building;
    building.xml.then(
      (xml) => {
        this.#building = undefined;
        // Served to those who waited, but not kept when a cycle changed the catalogue during the read.
        if (building.fresh) this.#cached = { at, xml };
      },
      () => this.#building = undefined, // a failed read is not cached
    );
    return building.xml;
  }

  /** The catalogue changed: the next request reads it again (a read under way is not kept). */
  invalidate(): void {
    this.#cached = undefined;
    if (this.#building) this.#building.fresh = false;
  }

  /** Stops a build under way (its requests fail); later calls fail at once. */
  close(): void {
    this.#closing.abort(new Error("the agent is stopping"));
  }

  async #build(signal: AbortSignal): Promise<string> {
    signal.throwIfAborted();
    const s = this.settings.current();
    const rules = rulesFromSettings(s.pricing, s.catalog);
    const { variants } = await readCatalogue(
      await this.connections.reader(),
      mappingOptions(s, rules),
      signal,
    );
    return renderFeed(variants, { ...s.feed, prices: !s.pricing.disablePriceUpdate });
  }
}
