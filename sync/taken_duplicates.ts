/**
 * The open duplicate problems of stock codes a batch took, which the batch left open (replaceProblems'
 * `undecided`): a later batch's item may make the same code (a template code). Closed at the end of the cycle,
 * or of the feed build, unless a later batch reported them again. Closed by the batch and reported anew, a
 * duplicate's first sighting would be each cycle's.
 * @module
 */

import type { SyncLedger } from "./ports.ts";

export class TakenDuplicates {
  readonly #codes = new Set<string>();

  /** A batch's problems: those replaceProblems left open (`left`), and those it reported. */
  note(
    left: readonly { subject: string; kind: string }[],
    reported: readonly { subject: string; kind: string }[],
  ) {
    for (const p of left) if (p.kind === "duplicate") this.#codes.add(p.subject);
    if (!this.#codes.size) return;
    for (const p of reported) if (p.kind === "duplicate") this.#codes.delete(p.subject);
  }

  /** At the end: closes those no later batch reported again. */
  close(ledger: Pick<SyncLedger, "resolveProblems">): void {
    if (this.#codes.size) ledger.resolveProblems([...this.#codes], "duplicate");
  }
}
