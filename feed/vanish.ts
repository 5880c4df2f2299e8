/**
 * catalog.vanishLimit for the XML feed, pure: a build is weighed against the last build the feed served. The
 * codes that one had on sale (quantity > 0) and this one takes off the sale (stock 0 for a code Nebim no longer
 * sells or has, or left out) are counted as the API sync counts codes leaving the sale, and the same decision
 * (sync/vanish_limit.ts) says whether the new build may be served. A code Nebim still sells at stock 0 (sold
 * out, a warehouse or safety stock changed) is not counted, as the API sync sends such a stock as any other:
 * holding the build would keep the store selling stock that is not there. Out of the feed counts too: whether
 * a store's import zeroes a product missing from its Kaynak is the store's setting, not the agent's to know.
 * @module
 */

import { checkVanishing, type VanishCheck, type VanishLimit } from "../sync/vanish_limit.ts";

/** How many codes a held build's problem names. */
const SAMPLE = 10;

export interface FeedVanishing {
  check: VanishCheck;
  /** The first codes leaving the sale, each saying how: `CODE (stock 0)` or `CODE (left out)`. */
  sample: string[];
}

/** Tallies one build's rows against the served build's codes on sale. */
export class FeedTally {
  /** This build's codes on sale: the base the next build is weighed against, once this one is served. */
  readonly onSale = new Set<string>();
  readonly #zeroed = new Set<string>();
  /** Served codes on sale that Nebim still sells, at stock 0 now: sold out, not leaving the sale. */
  readonly #soldOut = new Set<string>();

  /** @param served the served build's codes on sale; none: nothing to weigh against (the first build) */
  constructor(private readonly served: ReadonlySet<string> | undefined) {}

  /** One row the build writes; `sellable`: Nebim still sells its code (false: it leaves the sale). */
  add(stockCode: string, quantity: number, sellable: boolean): void {
    if (quantity > 0) this.onSale.add(stockCode);
    else if (!this.served?.has(stockCode)) return;
    else if (sellable) this.#soldOut.add(stockCode);
    else this.#zeroed.add(stockCode);
  }

  /** The verdict on the whole build, once every row is added; undefined when no code leaves the sale. */
  weigh(limit: VanishLimit | null, lifted: boolean): FeedVanishing | undefined {
    if (this.served === undefined) return undefined;
    let vanishing = 0;
    const sample: string[] = [];
    for (const code of this.served) {
      if (this.onSale.has(code) || this.#soldOut.has(code)) continue;
      vanishing++;
      if (sample.length < SAMPLE) sample.push(`${code} (${this.#zeroed.has(code) ? "stock 0" : "left out"})`);
    }
    if (vanishing === 0) return undefined;
    return { check: checkVanishing(vanishing, this.served.size, limit, lifted), sample };
  }
}
