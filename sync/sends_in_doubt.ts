/**
 * The creates sent before a full cycle whose answer was lost, that the cycle could not settle. Each send's
 * row goes once none of its codes is in doubt (ledger.clearSends): one product the store refuses or lists
 * unreadably keeps the rows of its own codes, not every lost create's, which would keep taking a code Nebim
 * gave up for the agent's long after (a merchant's later product under it zeroed).
 * @module
 */

import { storeCodeKey } from "../qukasoft/code_key.ts";
import type { StoreRead } from "./batch_context.ts";
import type { SyncLedger } from "./ports.ts";

/**
 * The codes of `sent` still in doubt after a full cycle. Settled: a code the ledger now binds with pushed
 * fields (created, adopted, or zeroed as the agent's: the binding keeps it so), and one the store's list,
 * read whole, does not have. In doubt: one the store has unbound (its zero refused or failed; one Nebim has
 * but held, a duplicate), and any not bound while the store lists a product the agent cannot read.
 */
export function sendsInDoubt(
  sent: Iterable<string>,
  ledger: Pick<SyncLedger, "getBinding">,
  { unbound, unreadable }: Pick<StoreRead, "unbound" | "unreadable">,
): Set<string> {
  const out = new Set<string>();
  for (const code of sent) {
    if (ledger.getBinding(code)?.pushed) continue;
    if (unreadable.size || unbound.has(storeCodeKey(code))) out.add(code);
  }
  return out;
}
