/**
 * The XML feed's content, cached: Qukasoft pulls a Kaynak at most hourly, so the catalogue is read again
 * only when the cached copy is older than `ttlMs` or a sync cycle changed something.
 * @module
 */

import { renderFeed } from "../feed/xml.ts";
import { rulesFromSettings } from "../pricing/rules.ts";
import { readCatalogue } from "../sync/catalogue.ts";
import type { Connections } from "./connections.ts";
import { mappingOptions } from "./options.ts";
import type { SettingsStore } from "./settings_store.ts";

export class FeedSource {
  #cached: { at: number; xml: Promise<string> } | undefined;

  constructor(
    private readonly connections: Connections,
    private readonly settings: SettingsStore,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  xml(signal?: AbortSignal): Promise<string> {
    if (this.#cached && this.now() - this.#cached.at < this.ttlMs) return this.#cached.xml;
    const xml = this.#build(signal);
    const entry = { at: this.now(), xml };
    this.#cached = entry;
    xml.catch(() => {
      if (this.#cached === entry) this.#cached = undefined; // a failed read is not cached
    });
    return xml;
  }

  invalidate(): void {
    this.#cached = undefined;
  }

  async #build(signal?: AbortSignal): Promise<string> {
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
