/**
 * The problems an incremental cycle finds that were open before it. An item read again every cycle while its
 * problem stays (a duplicate's holder: sync/duplicate_holders.ts) finds it again: no news, and agent.log must
 * not get a line each cycle for it (agent/quiet_cycles.ts).
 * @module
 */

import type { Problem } from "./desired.ts";
import type { SyncLedger } from "./ports.ts";

/** The problems open as the cycle started, read from the ledger at the first need (before it reports any). */
export class KnownProblems {
  #open: Set<string> | undefined;

  constructor(private readonly ledger: Pick<SyncLedger, "openProblems">) {}

  /** How many of `problems` were open already. */
  count(problems: readonly Problem[]): number {
    this.#open ??= new Set(this.ledger.openProblems({}).map((p) => `${p.kind} ${p.subject}`));
    return problems.filter((p) => this.#open!.has(`${p.kind} ${p.subject}`)).length;
  }
}
