/**
 * An incremental cycle's counterpart of sync/stale_problems.ts. A problem of a variant's (a negative stock, a
 * held price) names its item (`items`, sync/desired.ts). When the cycle reads that item and none of its
 * variants reports the problem again, the problem is over even if its subject is not read any more: a barcode
 * replaced, a stock code retyped, a variant deleted. Without this such a problem stayed open until the next
 * full cycle, in /health and the table, naming a record Nebim no longer has.
 *
 * A problem two items report (a code on both) is closed once neither makes it: an item read without reporting
 * it is taken off its items (ledger/problems.ts gathers them while it is open).
 *
 * Duplicates are not closed here: a code two items make is settled by their own bookkeeping
 * (sync/duplicate_holders.ts, taken_duplicates.ts), which reads every item it names.
 * @module
 */

import { codeKey } from "../nebim/code_key.ts";
import type { Problem } from "./desired.ts";
import type { SyncLedger } from "./ports.ts";
import { READ_KINDS } from "./stale_problems.ts";

/** The kinds a variant's read reports with its item (sync/desired.ts mapVariants), but duplicates. */
const ITEM_KINDS: ReadonlySet<string> = new Set(READ_KINDS.filter((kind) => kind !== "duplicate"));

export class ItemProblems {
  /** The items read, by codeKey. */
  readonly #items = new Set<string>();
  /** The subjects read, and the problems reported (kind and subject): theirs are decided. */
  readonly #decided = new Set<string>();

  /** A batch read these items and subjects and reported these problems. */
  read(items: ReadonlySet<string>, subjects: readonly string[], problems: readonly Problem[]): void {
    items.forEach((item) => this.#items.add(item));
    for (const s of subjects) this.#decided.add(s);
    for (const p of problems) this.#decided.add(`${p.kind}\u0000${p.subject}`);
  }

  /**
   * At the cycle's end: the items read that did not report an open problem no longer make it. One none of whose
   * items makes it any more is closed; one another item still makes (a code on two items, one mended) keeps
   * only that item, for the cycle that reads it to close.
   */
  close(ledger: Pick<SyncLedger, "openProblems" | "resolveProblems" | "setProblemItems">): void {
    if (this.#items.size === 0) return;
    const byKind = new Map<string, string[]>();
    for (const p of ledger.openProblems({})) {
      if (!ITEM_KINDS.has(p.kind) || !p.items?.length) continue;
      if (this.#decided.has(p.subject) || this.#decided.has(`${p.kind}\u0000${p.subject}`)) continue;
      const left = p.items.filter((item) => !this.#items.has(codeKey(item)));
      if (left.length === p.items.length) continue;
      if (left.length) {
        ledger.setProblemItems(p.subject, p.kind, left);
        continue;
      }
      const subjects = byKind.get(p.kind);
      if (subjects) subjects.push(p.subject);
      else byKind.set(p.kind, [p.subject]);
    }
    byKind.forEach((subjects, kind) => ledger.resolveProblems(subjects, kind));
  }
}
