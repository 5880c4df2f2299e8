/**
 * Progress lines for a one-shot sync, which on a real catalogue runs for minutes: the Nebim catalogue and
 * the store client are wrapped to count what passes through them (items and variants read, store products
 * listed, stock codes written), and a line is said at most every `everyMs`, when something moves. When nothing
 * has moved for `stallMs`, a line says so and what the sync is waiting on (a store that answers 429 with a long
 * Retry-After, a blocked SQL query): a silent terminal for minutes looks like a hung agent.
 * @module
 */

import { PartialFailure } from "../errors.ts";
import type { QukasoftApi } from "../qukasoft/mod.ts";
import type { NebimVariant } from "../nebim/types.ts";
import type { CatalogSource } from "../sync/ports.ts";

/** Between two lines, at least this long: often enough to see it move, rarely enough to read. */
export const PROGRESS_EVERY_MS = 5_000;
/** With nothing read or written this long, a line says what the sync is waiting on. */
export const STALL_MS = 30_000;

export interface ProgressOptions {
  say: (line: string) => void;
  /** Milliseconds. @default {performance.now} */
  now?: () => number;
  /** @default {PROGRESS_EVERY_MS} */
  everyMs?: number;
  /** @default {STALL_MS} */
  stallMs?: number;
}

export interface Progress {
  catalog: CatalogSource;
  store: QukasoftApi;
  /** Ends the stall watch (a timer): call it when the sync ends, however it ends. */
  stop(): void;
}

/** `catalog` and `store`, counting as they go and saying so (throttled) through `say`. */
export function withProgress(catalog: CatalogSource, store: QukasoftApi, o: ProgressOptions): Progress {
  const { say, now = () => performance.now(), everyMs = PROGRESS_EVERY_MS, stallMs = STALL_MS } = o;
  const start = now();
  let saidAt = start;
  let movedAt = start;
  const n = { changed: undefined as number | undefined, items: 0, variants: 0, listed: 0, written: 0 };
  const waiting = { sql: 0, store: 0 };
  const moved = () => {
    const t = now();
    movedAt = t;
    if (t - saidAt < everyMs) return;
    saidAt = t;
    say(line(n, Math.round((t - start) / 1000)));
  };
  // Checked every `everyMs`; says a stall once per `stallMs` of it (at 30 s, 60 s, …).
  let stalls = 0;
  const watch = setInterval(() => {
    const t = now();
    const still = Math.floor((t - movedAt) / stallMs);
    if (still <= stalls) {
      if (still === 0) stalls = 0;
      return;
    }
    stalls = still;
    say(stallLine(Math.round((t - movedAt) / 1000), waiting, Math.round((t - start) / 1000)));
  }, everyMs);
  /** Runs `call` counted as waiting on `on` while it is under way. */
  const waitOn = async <T>(on: keyof typeof waiting, call: () => Promise<T>): Promise<T> => {
    waiting[on]++;
    try {
      return await call();
    } finally {
      waiting[on]--;
    }
  };
  const read = (items: number, rows: NebimVariant[]) => {
    n.items += items;
    n.variants += rows.length;
    moved();
    return rows;
  };
  /**
   * A write call, counted once answered: `codes[i]` stock codes for input i. A call one of whose requests
   * failed counts those of the inputs the others answered: its error carries a result per input, `unclear`
   * where not known to be written.
   */
  const writing = async <R extends { unclear?: true }>(
    call: () => Promise<R[]>,
    codes: readonly number[],
  ): Promise<R[]> => {
    let results: R[];
    try {
      results = await waitOn("store", call);
    } catch (e) {
      if (e instanceof PartialFailure) {
        const answered = e.results as readonly R[];
        n.written += codes.reduce((sum, c, i) => answered[i]?.unclear ? sum : sum + c, 0);
        moved();
      }
      throw e;
    }
    n.written += codes.reduce((sum, c) => sum + c, 0);
    moved();
    return results;
  };
  return {
    catalog: {
      ...catalog,
      serverTime: (signal) => waitOn("sql", () => catalog.serverTime(signal)),
      sharedBarcodes: (signal) => waitOn("sql", () => catalog.sharedBarcodes(signal)),
      templateCodeVariants: (t, signal) => waitOn("sql", () => catalog.templateCodeVariants(t, signal)),
      async changedItemCodes(since, until, signal) {
        const codes = await waitOn("sql", () => catalog.changedItemCodes(since, until, signal));
        n.changed = codes.length;
        return codes;
      },
      async readItems(codes, asOf, signal) {
        return read(codes.length, await waitOn("sql", () => catalog.readItems(codes, asOf, signal)));
      },
      async readItemRun(run, asOf, signal) {
        return read(run.length, await waitOn("sql", () => catalog.readItemRun(run, asOf, signal)));
      },
    },
    store: {
      ...store,
      async *listProducts(signal, unreadable) {
        const pages = store.listProducts(signal, unreadable)[Symbol.asyncIterator]();
        try {
          for (;;) {
            const next = await waitOn("store", () => pages.next());
            if (next.done) return;
            n.listed += next.value.length;
            moved();
            yield next.value;
          }
        } finally {
          await pages.return?.(); // a caller that stops early stops the listing too
        }
      },
      saveProducts: (products, signal) =>
        writing(() => store.saveProducts(products, signal), products.map((p) => p.variants?.length ?? 0)),
      updateStockPrice: (items, signal) =>
        writing(() => store.updateStockPrice(items, signal), items.map(() => 1)),
    },
    stop: () => clearInterval(watch),
  };
}

/** "… no progress for 30 s: waiting on Nebim's SQL Server (1 query), the store (2 requests); 95 s". */
function stallLine(stalled: number, waiting: { sql: number; store: number }, seconds: number): string {
  const on = [];
  if (waiting.sql) on.push(`Nebim's SQL Server (${plural(waiting.sql, "query", "queries")})`);
  if (waiting.store) on.push(`the store (${plural(waiting.store, "request", "requests")})`);
  // Neither: the agent's own work (planning a large batch, writing the ledger) is what takes the time.
  const why = on.length ? `waiting on ${on.join(", ")}` : "working, not waiting on Nebim or the store";
  return `… no progress for ${stalled} s: ${why}; ${seconds} s`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
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
  if (n.written) parts.push(`${plural(n.written, "stock code", "stock codes")} written to the store`);
  return `… ${parts.join(", ")}; ${seconds} s`;
}
