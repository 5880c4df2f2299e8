/**
 * What every batch of one product cycle shares (sync/run_batch.ts), and what a full cycle learns from the
 * store's own list for them.
 * @module
 */

import type { Problem } from "./desired.ts";
import type { BindingIndex } from "./binding_index.ts";
import type { SyncDeps, SyncOptions } from "./sync_options.ts";
import type { CycleReport } from "./cycle_report.ts";
import type { StoreVariantState } from "./ports.ts";
import type { PushLedger } from "./push_plan.ts";
import type { PushQueue } from "./push_queue.ts";
import type { Vanishing } from "./zero_vanished.ts";
import type { ProductClaim } from "./product_clash.ts";
import type { StaleProblems } from "./stale_problems.ts";
import type { ItemProblems } from "./item_problems.ts";
import type { LeftVat } from "./vat_rejoined.ts";
import type { KnownProblems } from "./known_problems.ts";
import type { TakenDuplicates } from "./taken_duplicates.ts";

/** In `seenCodes`: the full cycle's first query found this barcode on more than one variant. */
export const SHARED = "\u0000shared";

/** What a full cycle learns from the store's product list, for its batches (sync/overlay_store.ts). */
export interface StoreRead {
  unbound: Map<string, StoreVariantState>;
  drifted: Set<string>;
  unreadable: Set<string>;
}

/** What every batch of one cycle shares. */
export interface BatchContext {
  deps: SyncDeps;
  o: SyncOptions;
  asOf: Date;
  bindings: BindingIndex;
  /** Stock code → the item code of the variant that took it this cycle, or SHARED. */
  seenCodes: Map<string, string>;
  /** Under a template stock code: the code keys of barcodes Nebim has on more than one variant. */
  sharedBarcodes?: ReadonlySet<string>;
  /** Store key of a product code → the Nebim product (and item) that holds it this cycle (sync/product_clash.ts). */
  productClaims: Map<string, ProductClaim>;
  /**
   * Stock code → the duplicate problem an earlier batch reported for it, when an item read then claimed a
   * code bound to one read later. The later batch's item it names does not take the code either (nor reports
   * it twice); one it does not name that takes it keeps the problem open: a real duplicate would otherwise
   * end the cycle unreported.
   */
  claimedCodes?: Map<string, Problem>;
  /**
   * Under a template: stock code → the items an open duplicate problem records as making it (read before the
   * cycle). A batch reads those of them it does not hold with its own, so that neither takes the code while
   * both still make it: a first batch would otherwise put it on sale and the cycle's end zero it, each cycle.
   */
  knownDuplicates?: ReadonlyMap<string, readonly string[]>;
  /**
   * Stock codes an earlier batch took that a later batch's item makes too: taken by neither after all, so the
   * cycle's end zeroes one already pushed (sync/zero_vanished.ts), as when both are read in one batch.
   */
  contested?: Set<string>;
  /** The open duplicates of codes the batches took, closed at the cycle's end (sync/products.ts). */
  duplicatesTaken?: TakenDuplicates;
  report: CycleReport;
  /** An incremental cycle's problems open before it: found again, they leave the cycle quiet. */
  known?: KnownProblems;
  /**
   * A full cycle's store variants the ledger has no binding for, by storeCodeKey of their stock code: adopted
   * when Nebim has their code, in whatever case the store keeps it.
   */
  unbound?: Map<string, StoreVariantState>;
  /** A full cycle's bound codes whose store state differs from the ledger's: recorded when nothing is sent. */
  drifted?: ReadonlySet<string>;
  /**
   * The stock codes and product keys (productOutcomeKey), each by storeCodeKey, of products a full cycle's
   * store list has but the agent cannot read: a code of theirs the ledger has not pushed may be there already (a lost create, the
   * merchant's own), so it is neither created nor adopted until a full cycle reads it.
   */
  unreadable?: ReadonlySet<string>;
  /**
   * What the cycle zeroes at its end, once every batch was read (sync/zero_vanished.ts), not per batch: a
   * code that left this batch's items may be taken by a later batch's, and the vanish limit weighs them all.
   */
  vanishing: Vanishing;
  /** The batches' writes under way: a batch's start beside the previous one's (sync/push_queue.ts). */
  pushes: PushQueue;
  /** The ledger as the pushes write to it, their answers' records deferred (push_plan.ts answersDeferred). */
  pushLedger?: PushLedger;
  /** Variants left their store product's VAT rate, another item's codes on sale there too (vat_rejoined.ts). */
  leftVat?: LeftVat[];
  /** A full cycle's: the problems open at its start that no batch has read yet (closed at its end). */
  stale?: StaleProblems;
  /** An incremental cycle's: the items and subjects its batches read, for its end to close what they left. */
  itemProblems?: ItemProblems;
  /** Told before each batch's writes begin, once there is room for them: the counts of those done so far. */
  onPushed?: () => void;
  /**
   * Told as each push's answer is counted, before its record is written (push_plan.ts answersDeferred): what the
   * answers owe (sync/full_owed.ts STORE_OWED) is in the ledger before the record of a lost code, which on its
   * own says nothing is to be done, so a process killed between the two still owes the full cycle.
   */
  onAnswered?: () => void;
  signal?: AbortSignal;
}
