/**
 * The ledger's records in the agent's own terms: no column name leaves ledger/. Timestamps are ISO 8601
 * text from the clock given to `openLedger`; money is integer kuruş.
 * @module
 */

import type { VariantKey } from "../nebim/types.ts";

/** What the agent last told the store for one stock code (units and kuruş); null = not sent. */
export interface PushedFields {
  quantity: number;
  price: number | null;
  marketplacePrice: number | null;
  name: string | null;
  /**
   * The product's VAT rate (%) as the store has it, the same on every variant of a product; null = not known
   * (a binding written before the agent kept it, or a product created without one).
   */
  vatRate: number | null;
  /**
   * The variant's barcode as the store has it; null = not known (a binding written before the agent kept it),
   * until a full reconciliation reads the store's.
   */
  barcode: string | null;
  /**
   * The variant's colour label (the store's `value1`) as the store has it, "" for none; absent or null = not
   * known (a binding written before the agent kept it), until a full reconciliation reads the store's.
   */
  label?: string | null;
}

/**
 * `active`: linked and kept in sync. `vanished`: gone from Nebim, so its store stock goes to 0 (never
 * deleted or deactivated, DESIGN §3). `held`: not pushed until a person or a later sync clears `reason`.
 */
export type BindingState = "active" | "vanished" | "held";

/** One stock code and what links it to Nebim (variant key) and Qukasoft (product and variant ids). */
export interface Binding {
  stockCode: string;
  key: VariantKey;
  /** The Qukasoft productCode that groups this variant (DESIGN §3). */
  productCode: string;
  qukasoftProductId: number | null;
  qukasoftVariantId: number | null;
  pushed: PushedFields | null;
  /**
   * When the ledger last recorded the store's copy of the code (`pushed`): a push's answer, or the store's state
   * taken as it is (a full cycle's adoption or drift, a write the store refused, a code moved to another item).
   * Kept when the store loses the code (its `pushed` cleared): the mark of a code the store had. Null: never
   * in the store, as far as the agent knows.
   */
  pushedAt: string | null;
  state: BindingState;
  /** Why it is held, or why its last write failed. */
  reason: string | null;
  /** Needs a push: set by a failed write or `markDirty`, cleared by a recorded successful write. */
  dirty: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * A binding to insert or update, keyed by stock code. Optional fields left out keep their stored value
 * (on insert: null, `state` "active", `dirty` = nothing pushed yet); `null` clears them.
 */
export interface BindingUpsert {
  stockCode: string;
  key: VariantKey;
  productCode: string;
  qukasoftProductId?: number | null;
  qukasoftVariantId?: number | null;
  /** A successful push: stores the fields and `pushedAt` = now. */
  pushed?: PushedFields | null;
  state?: BindingState;
  reason?: string | null;
  dirty?: boolean;
}

/** The slice of a binding the product sync's plan reads (sync/plan.ts `BindingView`). */
export interface BindingSummary {
  stockCode: string;
  productCode: string;
  itemCode: string;
  pushed: PushedFields | null;
  vanished: boolean;
  /** Its last write failed or went unanswered (sync/binding_index.ts BindingView). */
  dirty: boolean;
  /** Set (true) only for a code the store had and lost, not made again yet (Ledger.forgetPushed). */
  lost?: true;
}

/**
 * What the product sync records of a code the store holds (sync/ports.ts `BindingWrite`): a write it took, or
 * its copy as it is (adopted, refused, moved), which `pushedAt` dates.
 */
export interface PushRecord {
  stockCode: string;
  productCode: string;
  itemCode: string;
  variantKey: VariantKey;
  pushed: PushedFields;
  productId?: number;
  vanished: boolean;
}

/** A failed write: the stock code stays dirty so its item is read and pushed again. */
export interface DirtyRecord {
  stockCode: string;
  itemCode: string;
  reason: string;
  /** The variant holding the code now, when it was read: a known binding moves to it (another item's). */
  variantKey?: VariantKey;
}

/** The answer `recordWrites` records is that of send `id` (recordSending); its creates are all settled or not. */
export interface SentAnswer {
  id: number;
  /** No create's outcome is in doubt: the row goes. Else its creates stay for a full cycle to settle. */
  createsSettled: boolean;
}

export interface BindingCounts {
  total: number;
  active: number;
  vanished: number;
  held: number;
  dirty: number;
}

/** "interrupted": the process died during the run (killed, crashed, power lost); set by the next writer. */
export type RunOutcome = "ok" | "partial" | "failed" | "interrupted";

export interface Run {
  id: number;
  /** e.g. "products-incremental", "products-full". */
  kind: string;
  startedAt: string;
  /**
   * null while running. A run the process died in is finished by the next writer, as "interrupted", at
   * its last sign of life: `progressAt`, else `startedAt`.
   */
  finishedAt: string | null;
  outcome: RunOutcome | null;
  /** The final counts, or while running the counts so far (as of `progressAt`). */
  counts: Record<string, number>;
  /** When a running run last recorded its counts so far; null if it never did. */
  progressAt: string | null;
  error: string | null;
}

/** A per-record problem a sync found: a stock code (or variant key text), what kind, and why. */
/** Which problem: one row per (subject, kind). */
export interface ProblemKey {
  subject: string;
  kind: string;
}

export interface ProblemReport extends ProblemKey {
  reason: string;
  /**
   * The Nebim item codes the problem is about. A duplicate's (a stock code two items make): an incremental
   * cycle reads them all again while it is open (sync/duplicate_holders.ts), as it can close it only having
   * read every one. Another kind's: the items whose variants reported it while it was open, for an incremental
   * cycle that reads them all to close it when none does (sync/item_problems.ts). Undefined when none were
   * recorded (a problem of no variant, or one an agent before this field recorded).
   */
  items?: readonly string[];
}

export interface Problem extends ProblemReport {
  firstSeen: string;
  lastSeen: string;
  /** null while open. */
  resolvedAt: string | null;
}

export interface StoredSettings {
  doc: unknown;
  /** 1 for the first save, +1 for each later one. */
  version: number;
  updatedAt: string;
  /** The --config file's document as last applied; undefined when none was recorded. */
  file?: unknown;
}

export interface Bookmark {
  name: string;
  value: string;
  updatedAt: string;
}

/** How the file is opened, read back from SQLite itself (for `/health`, `check` and tests). */
export interface LedgerInfo {
  path: string;
  schemaVersion: number;
  /** "wal" for a file; "memory" for ":memory:". */
  journalMode: string;
  /** "off" | "normal" | "full" | "extra". */
  synchronous: string;
  foreignKeys: boolean;
  busyTimeoutMs: number;
}
