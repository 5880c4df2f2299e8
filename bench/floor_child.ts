/**
 * The I/O floor, in a process of its own: for each agent cycle, the same SQL reads (the reader's own
 * statements from nebim/sql/queries.ts, same batches, same parallelism: a batch's queries at once and two
 * batches read ahead; rows left unread beyond the item codes the next query needs) and the same Qukasoft
 * requests (the bodies the simulator logged from the agent, serialised before the clock starts, sent in
 * order, as many at once as the client sends, to a second store whose state has followed the agent's). No
 * mapping, pricing, planning or ledger: what remains is the cost of the I/O itself. Unlike the agent, the
 * floor reads everything before it sends anything: the agent overlaps a batch's push with the next batch.
 * @module
 */

import process from "node:process";
import { catalogReadOptions, sqlOptions } from "../agent/options.ts";
import { type NebimPool, openNebimPool } from "../nebim/sql/pool.ts";
import {
  barcodesQuery,
  barcodeTypeUsedQuery,
  basePriceCodeUsedQuery,
  basePricesQuery,
  changedItemsQuery,
  databaseCreatedQuery,
  itemCodesPageQuery,
  type ItemSelection,
  langCodeUsedQuery,
  type NebimStatement,
  onHandQuery,
  priceGroupUsedQuery,
  priceListPricesQuery,
  reservedQuery,
  serverTimeQuery,
  sharedBarcodesQuery,
  variantsQuery,
  vatRatesQuery,
  warehousesQuery,
} from "../nebim/sql/queries.ts";
import { eachChunk } from "../qukasoft/client.ts";
import { HEADERS } from "../qukasoft/contract.ts";
import { parseSettings } from "../settings/mod.ts";
import { agentSettingsFor } from "../sim/start.ts";
import { changedSince, ITEM_BATCH } from "../sync/item_batches.ts";
import { readAhead } from "../sync/read_ahead.ts";
import { answer, commands } from "./protocol.ts";
import type { SimLog, SimReady } from "./sim_child.ts";

/** As nebim/sql/reader.ts pages item codes. */
const PAGE_SIZE = 2000;

export interface FloorCommand {
  /**
   * "warm": read the whole catalogue once, unmeasured, before the agent's first cycle, so the simulators'
   * lazy indexes (sim/nebim/handlers/indexes.ts) are built on nobody's clock. A real SQL Server has its
   * indexes already; without this the agent's full sync paid for building them and the floor did not. Sent
   * to a floor process of its own (bench/main.ts), so the measuring one's pool and JIT start cold, as the
   * agent's do.
   */
  mode: "full" | "incremental" | "warm";
  since: string | null;
  until: string | null;
  /** The xml feed's read: a build asks no signpost's companion (when the database was made), a sync cycle does. */
  feed?: boolean;
}

export interface FloorResult {
  floorMs: number;
  sqlMs: number;
  httpMs: number;
  /** What the agent sent in the cycle, as the simulators logged it. */
  httpRequests: number;
  sqlQueries: number;
  /** The floor's own count: equal to `sqlQueries` unless the agent's reads changed shape. */
  floorSqlQueries: number;
  httpBytes: number;
  /**
   * The floor process's own CPU while it read and while it sent: the driver's decoding of every row (which
   * the agent does too, on its main thread) and fetch's work, with no logic of the agent's.
   */
  sqlCpuMs: number;
  httpCpuMs: number;
}

interface Replay {
  method: string;
  url: string;
  body?: string;
}

async function main(): Promise<void> {
  const sim = JSON.parse(Deno.args[0] ?? "") as SimReady;
  const s = parseSettings(agentSettingsFor(sim.settings));
  const catalog = catalogReadOptions(s);
  let pool: NebimPool | undefined;
  const run = (q: NebimStatement) => pool!.query(q.sql, q.params);

  async function reads(
    cmd: { mode: "full" | "incremental"; since: string | null; until: string | null; feed?: boolean },
  ) {
    if (!pool) {
      pool = await openNebimPool(sqlOptions(s));
      // As the agent's connections do, once per pool: catalog.warehouses proven in cdWarehouse, then the price
      // source, the barcode type of stock codes from barcodes and the language, each by a row using it (all there).
      await run(warehousesQuery(catalog.warehouses));
      const src = catalog.priceSource;
      await run(
        src.kind === "basePrice"
          ? basePriceCodeUsedQuery(src.basePriceCode, catalog.countryCode)
          : priceGroupUsedQuery(src.priceGroupCode, (await run(serverTimeQuery()))[0]?.ServerTime as Date),
      );
      if (s.catalog.stockCode.from === "barcode") await run(barcodeTypeUsedQuery(catalog.barcodeTypeCode));
      await run(langCodeUsedQuery(catalog.langCode));
    }
    // As the sync does: the signpost and when the database was made (sync/restore_watch.ts), asked at once.
    const [time] = await Promise.all([
      run(serverTimeQuery()),
      cmd.feed ? undefined : run(databaseCreatedQuery()),
    ]);
    const asOf = time[0]?.ServerTime as Date;
    let shared: Promise<unknown> | undefined;
    let batches: AsyncIterable<string[]>;
    if (cmd.mode === "full") {
      // As the sync does (whatever the stock code's form): asked while the item codes are paged and the first
      // batches read.
      shared = run(sharedBarcodesQuery(catalog.barcodeTypeCode));
      batches = pageRuns();
    } else {
      const src = catalog.priceSource;
      const rows = await run(changedItemsQuery({
        since: changedSince(cmd.since!),
        until: new Date(cmd.until!),
        langCode: catalog.langCode,
        countryCode: catalog.countryCode,
        warehouses: catalog.warehouses,
        reservations: catalog.subtractReservations,
        priceSource: src.kind === "basePrice" ? { kind: "basePrice", basePriceCode: src.basePriceCode } : src,
      }));
      const codes = rows.map((r) => String(r.ItemCode));
      // As the sync does when an incremental cycle has something to read.
      if (codes.length) shared = run(sharedBarcodesQuery(catalog.barcodeTypeCode));
      batches = batchesOf(codes);
    }
    // As the reader does: the VAT rates asked once, by the first batch's read, which waits for them.
    let vat: Promise<unknown> | undefined;
    const read = async (codes: ItemSelection) => {
      await (vat ??= run(vatRatesQuery(catalog.countryCode)));
      await readBatch(codes, asOf);
    };
    // Two batches ahead, through the sync's own readAhead.
    // As the sync does, a full cycle reads each batch (a run of one page) by key range.
    const select = (b: string[]): ItemSelection =>
      cmd.mode === "full" ? { first: b[0]!, last: b.at(-1)! } : b;
    for await (const _ of readAhead(batches, (b) => read(select(b)))) { /* dropped */ }
    await shared;
  }

  /**
   * As the sync's itemRuns: each page of item codes cut into runs of ITEM_BATCH as it comes, so the reads
   * of a page's runs are under way while the next page is asked for (paging every code first would add
   * each page's round trip to the floor that the agent hides behind its batch reads).
   */
  async function* pageRuns(): AsyncIterable<string[]> {
    for (let after = "";;) {
      const page = (await run(itemCodesPageQuery(after, PAGE_SIZE))).map((r) => String(r.ItemCode));
      for (let i = 0; i < page.length; i += ITEM_BATCH) yield page.slice(i, i + ITEM_BATCH);
      if (page.length < PAGE_SIZE) return;
      after = page[page.length - 1]!;
    }
  }

  async function readBatch(codes: ItemSelection, asOf: Date): Promise<void> {
    const ws = catalog.warehouses;
    const src = catalog.priceSource;
    await Promise.all([
      run(variantsQuery(codes, catalog.langCode)),
      run(barcodesQuery(codes, catalog.barcodeTypeCode)),
      ws.length ? run(onHandQuery(codes, ws)) : [],
      ws.length && catalog.subtractReservations ? run(reservedQuery(codes, ws)) : [],
      run(
        src.kind === "basePrice"
          ? basePricesQuery(codes, src.basePriceCode, catalog.countryCode)
          : priceListPricesQuery(codes, src.priceGroupCode, asOf),
      ),
    ]);
  }

  const headers = {
    [HEADERS.apiKey]: sim.settings.qukasoft.apiKey,
    [HEADERS.apiSecret]: sim.settings.qukasoft.apiSecret,
    accept: "application/json",
    "content-type": "application/json",
  };

  answer({ ready: true });
  for await (const cmd of commands<FloorCommand>()) {
    if (cmd.mode === "warm") {
      const t = performance.now();
      await reads({ mode: "full", since: null, until: null });
      answer({ warmMs: performance.now() - t });
      continue;
    }
    const log = await (await fetch(`${sim.controlUrl}/log`)).json() as SimLog;
    const replays = log.http.map((e): Replay => {
      const [method = "GET", path = "/"] = e.name.split(" ");
      const url = new URL(sim.floorStoreUrl + path);
      if (method === "GET") {
        for (const [k, v] of Object.entries(e.input ?? {})) url.searchParams.set(k, String(v));
        return { method, url: url.href };
      }
      return { method, url: url.href, body: typeof e.input === "string" ? e.input : JSON.stringify(e.input) };
    });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await reads({ ...cmd, mode: cmd.mode });
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    let refused = 0;
    // As many in flight as the client sends: every replay is its own request (keyed by itself).
    await eachChunk(replays, 1, (r) => r, async ([r]) => {
      const res = await fetch(r!.url, { method: r!.method, headers, body: r!.body });
      await res.text();
      if (!res.ok) refused++;
    });
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    // The floor's own SQL reads, counted to check they are as many as the agent's.
    const own = await (await fetch(`${sim.controlUrl}/log`)).json() as SimLog;
    const result: FloorResult = {
      floorMs: t2 - t0,
      sqlMs: t1 - t0,
      httpMs: t2 - t1,
      httpRequests: log.http.length,
      sqlQueries: log.sql,
      floorSqlQueries: own.sql,
      httpBytes: replays.reduce((n, r) => n + (r.body?.length ?? 0), 0),
      sqlCpuMs: cpuMs(c0, c1),
      httpCpuMs: cpuMs(c1, c2),
    };
    // A refused replay costs less than the agent's accepted one: the floor would be too low.
    if (refused) throw new Error(`the floor store refused ${refused} of ${replays.length} replayed requests`);
    answer(result);
  }
  await pool?.close();
}

function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return (to.user - from.user + to.system - from.system) / 1000;
}

async function* batchesOf(codes: string[]): AsyncIterable<string[]> {
  for (let i = 0; i < codes.length; i += ITEM_BATCH) yield codes.slice(i, i + ITEM_BATCH);
}

if (import.meta.main) await main();
