/**
 * Progress lines for a one-shot sync, which on a real catalogue runs for minutes: the Nebim catalogue and
 * the store client are wrapped to count what passes through them (items and variants read, store products
 * listed, stock codes written), and a line is said at most every `everyMs`, when something moves.
 * @module
 */

import type { QukasoftApi } from "../qukasoft/mod.ts";
import type { NebimVariant } from "../nebim/types.ts";
import type { CatalogSource } from "../sync/ports.ts";

/** Between two lines, at least this long: often enough to see it move, rarely enough to read. */
export const PROGRESS_EVERY_MS = 5_000;

export interface ProgressOptions {
  say: (line: string) => void;
  /** Milliseconds. @default {performance.now} */
  now?: () => number;
  /** @default {PROGRESS_EVERY_MS} */
  everyMs?: number;
}

export interface Progress {
  catalog: CatalogSource;
  store: QukasoftApi;
}

/** `catalog` and `store`, counting as they go and saying so (throttled) through `say`. */
export function withProgress(catalog: CatalogSource, store: QukasoftApi, o: ProgressOptions): Progress {
  const { say, now = () => performance.now(), everyMs = PROGRESS_EVERY_MS } = o;
  const start = now();
  let saidAt = start;
  const n = { changed: undefined as number | undefined, items: 0, variants: 0, listed: 0, written: 0 };
  const moved = () => {
    const t = now();
    if (t - saidAt < everyMs) return;
    saidAt = t;
    say(line(n, Math.round((t - start) / 1000)));
  };
  const read = (items: number, rows: NebimVariant[]) => {
    n.items += items;
    n.variants += rows.length;
    moved();
    return rows;
  };
  const written = <T>(codes: number, results: T) => {
    n.written += codes;
    moved();
    return results;
  };
  return {
    catalog: {
      ...catalog,
      async changedItemCodes(since, until, signal) {
        const codes = await catalog.changedItemCodes(since, until, signal);
        n.changed = codes.length;
        return codes;
      },
      async readItems(codes, asOf, signal) {
        return read(codes.length, await catalog.readItems(codes, asOf, signal));
      },
      async readItemRun(run, asOf, signal) {
        return read(run.length, await catalog.readItemRun(run, asOf, signal));
      },
    },
    store: {
      ...store,
      async *listProducts(signal) {
        for await (const page of store.listProducts(signal)) {
          n.listed += page.length;
          moved();
          yield page;
        }
      },
      async saveProducts(products, signal) {
        const results = await store.saveProducts(products, signal);
        return written(products.reduce((sum, p) => sum + (p.variants?.length ?? 0), 0), results);
      },
      async updateStockPrice(items, signal) {
        return written(items.length, await store.updateStockPrice(items, signal));
      },
    },
  };
}

/** "… 4000 of 12000 changed items read (15000 variants), 9000 store products listed, 3000 written; 40 s". */
function line(
  n: { changed: number | undefined; items: number; variants: number; listed: number; written: number },
  seconds: number,
): string {
  // Dirty items come on top of the changed ones: never "of" fewer than were read.
  const of = n.changed === undefined ? "" : ` of ${Math.max(n.changed, n.items)} changed`;
  const parts = [`${n.items}${of} items read (${n.variants} variants)`];
  if (n.listed) parts.push(`${n.listed} store products listed`);
  if (n.written) parts.push(`${n.written} stock codes written to the store`);
  return `… ${parts.join(", ")}; ${seconds} s`;
}
