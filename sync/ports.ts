/**
 * The three things a product sync cycle talks to, as narrow interfaces: the Nebim catalogue (read), the
 * store (write), the ledger (bindings, bookmark, runs, problems). Real adapters and test fakes both fit.
 * @module
 */

import type { NebimVariant, VariantKey } from "../nebim/types.ts";
import type { Problem } from "./desired.ts";
import type { BindingView, PushedFields } from "./binding_index.ts";
import type { ProductWrite, StockPriceWrite } from "./plan.ts";

export interface CatalogSource {
  serverTime(signal?: AbortSignal): Promise<Date>;
  /**
   * When Nebim's database was made or last restored (ISO text, "" when not known): a change owes a full cycle
   * (sync/restore_watch.ts). A source without it (a test's fake) is not watched.
   */
  databaseCreated?(signal?: AbortSignal): Promise<string>;
  changedItemCodes(since: Date, until: Date, signal?: AbortSignal): Promise<string[]>;
  allItemCodes(signal?: AbortSignal): AsyncIterable<string[]>;
  readItems(itemCodes: string[], asOf: Date, signal?: AbortSignal): Promise<NebimVariant[]>;
  /** As readItems, for consecutive codes of one allItemCodes page (an item added meanwhile may come along). */
  readItemRun(run: string[], asOf: Date, signal?: AbortSignal): Promise<NebimVariant[]>;
  /** Barcodes (of the configured type) that more than one variant carries. */
  sharedBarcodes(signal?: AbortSignal): Promise<Set<string>>;
  /**
   * The variant keys of the stock codes under a template that more than one item makes, and maybe of codes
   * that differ only in case (grouped as SQL Server compares them); asked under a template only.
   */
  templateCodeVariants(template: string, signal?: AbortSignal): Promise<VariantKey[]>;
}

/** Per stock code outcome of a write. `rejected` = the store refused the content (not retried as is). */
export interface WriteOutcome {
  stockCode: string;
  status: "ok" | "rejected" | "failed";
  message?: string;
  productId?: number;
  /** The store has no such stock code any more (deleted or re-coded in its panel). */
  missing?: boolean;
  /** With "failed": the store may have applied it (its answer had no result, or one the contract does not name). */
  unclear?: boolean;
}

/** The key under which a product-level outcome (a rename, which sends no variants) is reported. */
export function productOutcomeKey(productCode: string): string {
  return `product:${productCode}`;
}

export interface StoreVariantState {
  stockCode: string;
  productCode: string;
  quantity: number;
  price: number | null;
  marketplacePrice: number | null;
  name: string;
  /** The product's VAT rate (%). */
  vatRate: number;
  barcode: string;
  /** The variant's colour label (`value1`), "" for none. */
  label: string;
}

/**
 * A call whose request fails past its retries fails with a PartialFailure (errors.ts) carrying a WriteOutcome
 * for each stock code, as when it succeeds: those the failed request held, or that were not sent after it,
 * "failed" (and unclear), and how many requests it sent.
 */
export interface StoreWriter {
  /**
   * Products per saveProducts request and items per updateStockPrice request (the store contract's limits,
   * told by the adapter so the sync needs no store's constants): a call that succeeds is counted as
   * ceil(n / size) requests.
   */
  readonly requestSizes: { readonly saveProducts: number; readonly updateStockPrice: number };
  saveProducts(products: ProductWrite[], signal?: AbortSignal): Promise<WriteOutcome[]>;
  updateStockPrice(items: StockPriceWrite[], signal?: AbortSignal): Promise<WriteOutcome[]>;
  /**
   * Every variant the store has (full reconciliation repairs drift against it). A product the store lists but
   * the agent cannot read is left out and handed to `unreadable`: its stock codes, and why.
   */
  listVariants(
    signal?: AbortSignal,
    unreadable?: (u: { stockCodes: string[]; problem: Problem }) => void,
  ): Promise<StoreVariantState[]>;
}

export interface BindingWrite {
  stockCode: string;
  productCode: string;
  itemCode: string;
  variantKey: NebimVariant["key"];
  pushed: PushedFields;
  productId?: number;
  vanished: boolean;
}

/** A failed write, left dirty; `variantKey` (when read) is the variant holding the code now. */
export interface DirtyWrite {
  stockCode: string;
  itemCode: string;
  reason: string;
  variantKey?: NebimVariant["key"];
}

export interface SyncLedger {
  /**
   * Each binding, as read: the cycle builds its index from them (sync/binding_index.ts). `lost`: a code the store
   * had and lost, not made again yet (forgetPushed).
   */
  eachBinding(f: (b: BindingView & { lost?: true }) => void): void;
  /** Stock codes a failed write left to retry; their items are re-read next cycle. */
  dirtyItemCodes(): string[];
  /**
   * `sent`: the id `recordSending` gave for this answer's push, settled in the same commit. `refused`:
   * codes the store refused and not recorded in `written`, whose retry an earlier failure of them left ends.
   */
  recordWrites(
    written: BindingWrite[],
    dirty: DirtyWrite[],
    sent?: { id: number; createsSettled: boolean },
    refused?: string[],
  ): void;
  /**
   * Stock codes about to be created in the store, and bound ones about to be updated, recorded before the
   * push (one row per push): if its answer is lost (a crash, a stop, a dropped connection) the ledger still
   * knows the agent sent them, so a full cycle takes a created code's store copy for its own (zeroed once
   * Nebim no longer sells it) rather than for the merchant's, and an updated code's fields are all sent again
   * (`doubtUnanswered`). Creates as [stock code, item code]: the row's JSON as it is, with no object per code.
   */
  recordSending(
    creating: readonly (readonly [stockCode: string, itemCode: string])[],
    updating?: readonly string[],
  ): number;
  /** Resolves once every commit so far is on disk: a push awaits its send row's (ledger/durability.ts). */
  durable(): Promise<void>;
  /** Bound codes of pushes whose answer was never recorded become dirty; returns how many. */
  doubtUnanswered(): number;
  /** The codes `doubtUnanswered` would mark (stock code → item code), read only: a dry run's. */
  unansweredUpdates(): Map<string, string>;
  /** Every code sent whose answer was never recorded (stock code → item code), and the rows holding them. */
  unrecordedSends(): { ids: number[]; codes: Map<string, string> };
  /** Forgets these rows, but those holding a code `inDoubt`: a full cycle has dealt with their codes. */
  clearSends(ids: number[], inDoubt?: ReadonlySet<string>): void;
  /** Provisional bindings of codes Nebim no longer sells go, but those a send row names; returns the dropped. */
  dropUnsent(stockCodes: readonly string[]): string[];
  /** Codes a full cycle found gone from the store: no pushed fields from now on, each `lost` until made again. */
  forgetPushed(stockCodes: readonly string[]): void;
  /** One binding as the ledger has it now (sync/sends_in_doubt.ts). */
  getBinding(stockCode: string): { pushed: PushedFields | null } | undefined;
  getBookmark(name: string): string | undefined;
  setBookmark(name: string, value: string): void;
  /** ledger/ledger.ts replaceProblems: returns the open problems `undecided` kept from being resolved. */
  replaceProblems(
    subjects: string[],
    problems: Problem[],
    undecided?: (subject: string, kind: string) => boolean,
  ): { subject: string; kind: string }[];
  /**
   * The open problems, of one kind when given (a `massZero` hold: sync/zero_vanished.ts), with the items they
   * recorded (sync/duplicate_holders.ts, sync/item_problems.ts).
   */
  openProblems(
    options: { kind?: string; limit?: number },
  ): { subject: string; kind: string; items?: readonly string[] }[];
  /** Closes the open problems of these subjects (of one kind): sync/stale_problems.ts. */
  resolveProblems(subjects: readonly string[], kind?: string): void;
  /** The items still reporting an open problem (sync/item_problems.ts). */
  setProblemItems(subject: string, kind: string, items: readonly string[]): void;
  /** Deletes problems resolved long ago: after a full read (sync/stale_problems.ts). */
  pruneResolvedProblems(): number;
  startRun(kind: string, counts?: Record<string, number>): number;
  progressRun(id: number, counts: Record<string, number>): void;
  finishRun(
    id: number,
    outcome: "ok" | "partial" | "failed",
    counts: Record<string, number>,
    error?: string,
  ): void;
}
