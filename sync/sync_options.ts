/**
 * What one product sync cycle is given: the outside systems and the ledger (SyncDeps), and how it runs
 * (SyncOptions).
 * @module
 */

import type { BindingIndex } from "./binding_index.ts";
import type { CycleReport } from "./cycle_report.ts";
import type { MappingOptions } from "./desired.ts";
import type { PlanOptions } from "./plan.ts";
import type { CatalogSource, StoreWriter, SyncLedger } from "./ports.ts";

export interface SyncDeps {
  catalog: CatalogSource;
  store: StoreWriter;
  ledger: SyncLedger;
  /**
   * Bindings kept in memory between cycles of one process (the sync is the ledger's only writer), so an
   * incremental cycle does not read every binding again. Loaded on first need; a full cycle reloads.
   */
  cache?: { bindings?: BindingIndex };
}

export interface SyncOptions {
  mode: "incremental" | "full";
  dryRun?: boolean;
  mapping: MappingOptions;
  plan: PlanOptions;
  /**
   * How many plan rows (action and reason) the report keeps; default all. The running agent keeps none,
   * which also spares building the reasons; `actions` counts every action either way.
   */
  keepRows?: number;
  /** How many problems the report lists (`problemList`); default 1,000. `problems` counts them all. */
  keepProblems?: number;
  /**
   * The least time between two records of the counts so far (default PROGRESS_EVERY_MS; 0: after every
   * batch). /health shows them while the cycle runs, and they date a cycle the process dies in.
   */
  progressEveryMs?: number;
  /**
   * The operator confirmed this cycle's zeros (`--allow-mass-zero`): catalog.vanishLimit does not hold them,
   * and `vanishCheck` says so.
   */
  allowMassZero?: boolean;
  /** Items per batch (default ITEM_BATCH): tests take a few, so that a small catalogue's pushes overlap. */
  itemBatch?: number;
  /**
   * Told the mode run once known: full though `mode` is incremental when no window is known (cycleMode), a
   * settings change owes a full cycle (`owed`), or an earlier cycle's store answers do (STORE_OWED).
   */
  onMode?: (mode: CycleReport["mode"]) => void;
  /**
   * The full cycle a settings change owes (full_owed.ts fullOwed), read with the settings and rules this cycle maps
   * by: a change stored after them is not paid by it. Read at the cycle's start when not given.
   */
  owed?: string;
  /**
   * Whether `owed` (and STORE_OWED) makes this cycle full (default true: `sync products --once`). The running
   * agent passes false: its actor asks for the owed full cycle itself, and between the retries of one that keeps
   * failing runs incremental ones (actors/product_sync.ts), which stock and prices need; a full cycle still
   * pays the mark.
   */
  owedMakesFull?: boolean;
}
