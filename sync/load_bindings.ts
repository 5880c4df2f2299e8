/**
 * A cycle's bindings, when it has none kept from the last cycle: the ledger's, read into an index, and for a full
 * cycle the store's own product list laid over them (sync/overlay_store.ts).
 * @module
 */

import { BindingIndex } from "./binding_index.ts";
import { overlayStore, recordUnreadable } from "./overlay_store.ts";
import type { StoreRead } from "./batch_context.ts";
import type { CycleReport } from "./cycle_report.ts";
import type { StoreWriter, SyncLedger } from "./ports.ts";

export interface LoadOptions {
  /** Codes an earlier cycle sent and never recorded (in a dry run, which marks nothing): dirty here. */
  doubted?: ReadonlyMap<string, string>;
  /** A full cycle's: the store whose product list is laid over the ledger's bindings. */
  store?: StoreWriter;
  /** What the store's list shows that the batches act on (BatchContext). */
  read: StoreRead;
  report: CycleReport;
  keepProblems: number;
  dryRun: boolean;
  signal?: AbortSignal;
}

export async function loadBindings(
  ledger: Pick<
    SyncLedger,
    "eachBinding" | "forgetPushed" | "openProblems" | "resolveProblems" | "replaceProblems"
  >,
  o: LoadOptions,
): Promise<BindingIndex> {
  const index = new BindingIndex();
  const lost = new Set<string>(); // products whose codes the store lost, as an earlier full cycle found
  ledger.eachBinding((b) => {
    index.set(b.stockCode, b);
    if (b.lost) lost.add(b.productCode);
  });
  for (const p of lost) if (!index.knowsProduct(p)) index.markLost(p);
  o.doubted?.forEach((_, code) => {
    const b = index.get(code);
    if (b) index.set(code, { ...b, dirty: true });
  });
  if (o.store) {
    const { problems, gone } = await overlayStore(o.store, index, o.read, o.report, o.keepProblems, o.signal);
    if (!o.dryRun) recordUnreadable(ledger, problems);
    // What the store no longer has is the ledger's from now on: were it made again only in memory (a code held,
    // as a product is without a VAT rate), a cycle planned from the ledger (after a restart, or a failed cycle)
    // would take it for still there, and send it updates the store refuses, never a create.
    if (!o.dryRun && gone.length) ledger.forgetPushed(gone);
  }
  return index;
}
