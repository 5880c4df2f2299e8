/**
 * End-to-end product sync on the real clients: mssql → TDS simulator → Nebim data set, and the Qukasoft
 * client → Qukasoft simulator, with a real ledger file. One harness per test; `close()` stops it all.
 * @module
 */

import { Connections } from "../../agent/connections.ts";
import { mappingOptions, planOptions } from "../../agent/options.ts";
import { SettingsStore } from "../../agent/settings_store.ts";
import { storeWriter } from "../../agent/store_writer.ts";
import { type Ledger, openLedger } from "../../ledger/ledger.ts";
import { rulesFromSettings } from "../../pricing/rules.ts";
import { createQukasoftClient, type QukasoftClientOptions } from "../../qukasoft/mod.ts";
import type { NebimDataSet } from "../../sim/nebim/dataset.ts";
import type { StoreProduct } from "../../sim/qukasoft/types.ts";
import { agentSettingsFor, type Simulators, startSimulators } from "../../sim/start.ts";
import { type SyncDeps, type SyncOptions } from "../../sync/sync_options.ts";
import { syncProducts } from "../../sync/products.ts";
import type { CycleReport } from "../../sync/cycle_report.ts";
import { addItem, baseDataSet, type ItemSpec, ManualClock } from "./catalog.ts";

export interface SyncHarness {
  data: NebimDataSet;
  clock: ManualClock;
  sims: Simulators;
  ledger: Ledger;
  settings: SettingsStore;
  dataDir: string;
  /**
   * One cycle; the SQL Server clock moves a second first, as it would between a change and a cycle. `signal`
   * stops it as the agent's stop does; `extra` adds options as `sync products --once` flags do.
   */
  sync(
    mode?: "incremental" | "full",
    dryRun?: boolean,
    signal?: AbortSignal,
    extra?: Pick<SyncOptions, "allowMassZero" | "owed">,
  ): Promise<CycleReport>;
  /** Drops the bindings kept between cycles: the next cycle plans from the ledger, as a new process does. */
  forget(): void;
  /**
   * The agent starts again: the bindings kept between cycles are dropped, the ledger closed and opened
   * again (`ledger` and `settings` are then new objects), the SQL pool and the store client opened anew.
   * With `newFolder`, it starts on a new data folder with these settings (an operator may start over so, keeping
   * the token): an empty ledger, over the same store.
   */
  restart(newFolder?: Record<string, unknown>): Promise<void>;
  product(code: string): StoreProduct | undefined;
  variant(
    stockCode: string,
  ): { product: StoreProduct; variant: StoreProduct["variants"][number] } | undefined;
  /** The agent's settings document for these simulators, with `extra` merged in. */
  config(extra?: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
  /** close(), for `await using h = await syncHarness(…)`: the harness stops when the test's block ends. */
  [Symbol.asyncDispose](): Promise<void>;
}

export interface HarnessOptions {
  /**
   * Another harness's Nebim data set and clock, to read instead of a new one: a second agent, with its own
   * ledger and store, over the same Nebim (`items` are added to it).
   */
  nebim?: { data: NebimDataSet; clock: ManualClock };
  /** Smaller write requests than the contract's (QukasoftClientOptions.chunkSizes): a call goes in several. */
  chunkSizes?: QukasoftClientOptions["chunkSizes"];
  /** Items per batch (SyncOptions.itemBatch): a few, so that a small catalogue's pushes overlap. */
  itemBatch?: number;
}

/**
 * Tries of one store request, the first and its retries: a fault queued this many times fails the call
 * whatever it is (a stock and price update whose answer was lost is sent again within the call).
 */
export const STORE_TRIES = 5;

/** The products of each product/save request the store simulator took, in order. */
export const savedProducts = (h: Pick<SyncHarness, "sims">): unknown[][] =>
  h.sims.qukasoft.log.entries("/product/save").map((e) => (e.input as { products: unknown[] }).products);

export async function syncHarness(
  items: ItemSpec[],
  settingsDoc: Record<string, unknown> = {},
  options: HarnessOptions = {},
): Promise<SyncHarness> {
  const clock = options.nebim?.clock ?? new ManualClock();
  const data = options.nebim?.data ?? baseDataSet(clock);
  for (const item of items) addItem(data, item);
  const sims = await startSimulators({ data, qukasoftRatePer10s: 100_000 });
  const dataDir = await Deno.makeTempDir({ prefix: "e-ticaret-test-" });
  let ledgerPath = `${dataDir}/ledger.sqlite`;
  const config = (extra: Record<string, unknown> = {}) => {
    const base = agentSettingsFor(sims.settings) as { qukasoft: Record<string, unknown> };
    return { ...base, ...extra, qukasoft: { ...base.qukasoft, requestsPer10s: 100_000 } };
  };
  let ledger = openLedger(ledgerPath, { now: clock.now });
  let settings = SettingsStore.open(ledger, config(settingsDoc)).store;
  let connections = new Connections(() => settings.current());
  const state = sims.qukasoft.state;
  const cache: NonNullable<SyncDeps["cache"]> = {}; // as the running agent keeps it between cycles
  // The store client as the agent builds it, but its retry backoff does not sleep (time is never slept).
  const store = () => {
    const q = settings.current().qukasoft;
    return createQukasoftClient({
      baseUrl: q.baseUrl!,
      apiKey: q.apiKey,
      apiSecret: q.apiSecret,
      requestsPer10s: q.requestsPer10s,
      sleep: () => Promise.resolve(),
      maxRetries: STORE_TRIES - 1,
      chunkSizes: options.chunkSizes,
    });
  };
  const close = async () => {
    await connections.close();
    ledger.close();
    await sims.close();
    await Deno.remove(dataDir, { recursive: true });
  };
  return {
    data,
    clock,
    sims,
    get ledger() {
      return ledger;
    },
    get settings() {
      return settings;
    },
    dataDir,
    config,
    async sync(mode = "incremental", dryRun = false, signal, extra = {}) {
      clock.advance(1_000);
      const s = settings.current();
      const rules = rulesFromSettings(s.pricing, s.catalog);
      return await syncProducts(
        { catalog: await connections.reader(), store: storeWriter(store()), ledger, cache },
        {
          mode,
          dryRun,
          mapping: mappingOptions(s, rules),
          plan: planOptions(s),
          itemBatch: options.itemBatch,
          ...extra,
        },
        signal,
      );
    },
    forget() {
      delete cache.bindings;
    },
    async restart(newFolder) {
      delete cache.bindings;
      await connections.close();
      ledger.close();
      if (newFolder) {
        settingsDoc = newFolder;
        ledgerPath = `${await Deno.makeTempDir({ dir: dataDir })}/ledger.sqlite`;
      }
      ledger = openLedger(ledgerPath, { now: clock.now });
      settings = SettingsStore.open(ledger, config(settingsDoc)).store;
      connections = new Connections(() => settings.current());
    },
    product: (code) => state.product(code),
    variant: (stockCode) => state.variant(stockCode),
    close,
    [Symbol.asyncDispose]: close,
  };
}
