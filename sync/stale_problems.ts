/**
 * The open problems of records Nebim no longer has under their subject. A batch closes the problems of the
 * subjects it reads (sync/run_batch.ts), but a stock code corrected in Nebim (a barcode with a space retyped)
 * or an item deleted is never read again under the old subject: its problem would stay open for ever, in
 * /health and the table, naming a record that is gone. A read of the whole catalogue (a full cycle, a feed
 * build) can tell: what was open when it began and none of its batches read is closed at its end.
 *
 * A product cycle also closes the store's refusals ("store") so: a refused write of a code (or, as
 * "product:<code>", a product) it no longer reads nor writes is one nothing will send again. A vanished code
 * it zeroes is not closed here but by its zero's outcome (sync/push_plan.ts), nor one the vanish limit holds.
 * @module
 */

import type { Problem } from "./desired.ts";

/** The kinds only reading Nebim reports (sync/desired.ts, run_batch.ts, catalogue.ts): no store refusal. */
export const READ_KINDS = ["stockCode", "duplicate", "name", "price", "vat", "stock"] as const;

/**
 * A product cycle's: it writes the store too, and says where the store keeps a code Nebim moved ("grouping").
 * Not a feed build's, which writes nothing there.
 */
export const WRITE_KINDS = [...READ_KINDS, "store", "grouping"] as const;

export interface ProblemLedger {
  openProblems(options: { kind: string }): { subject: string }[];
  resolveProblems(subjects: readonly string[], kind?: string): void;
  pruneResolvedProblems(): number;
}

export class StaleProblems {
  /** Subject → the kinds open at the start that no batch has read yet. */
  readonly #left = new Map<string, string[]>();

  constructor(ledger: ProblemLedger, kinds: readonly string[] = READ_KINDS) {
    for (const kind of kinds) {
      for (const { subject } of ledger.openProblems({ kind })) {
        const kinds = this.#left.get(subject);
        if (kinds) kinds.push(kind);
        else this.#left.set(subject, [kind]);
      }
    }
  }

  /**
   * A batch read these subjects (theirs are its to close or keep) and reported these problems: of a subject it
   * did not read, only the reported kind is kept. A stock code two variants share is reported (a duplicate)
   * but read as no subject: its other kinds, which no batch reports again once Nebim fixed them, are stale.
   */
  read(subjects: readonly string[], problems: readonly Problem[]): void {
    if (this.#left.size === 0) return; // most cycles: nothing was open
    for (const s of subjects) this.#left.delete(s);
    for (const p of problems) this.#decided(p.subject, p.kind);
  }

  /** One kind of a subject is not stale: this cycle reported it, or leaves it to a write's outcome. */
  #decided(subject: string, kind: string): void {
    const kinds = this.#left.get(subject)?.filter((k) => k !== kind);
    if (kinds?.length) this.#left.set(subject, kinds);
    else this.#left.delete(subject);
  }

  /**
   * Codes the cycle writes without any batch reading them (vanished codes it zeroes, or the vanish limit holds):
   * only their store refusals are the zero's to close or keep (sync/push_plan.ts). What Nebim's rows said of
   * them (a VAT rate missing, a price held) names rows no longer there, stale as any other.
   */
  written(codes: readonly string[]): void {
    if (this.#left.size === 0) return;
    for (const code of codes) this.#decided(code, "store");
  }

  /**
   * Every batch was read: what is left names no record Nebim has, and is closed; and problems resolved long
   * ago go (ledger/problems.ts KEEP_RESOLVED_DAYS): without it the table only grew.
   */
  close(ledger: ProblemLedger): void {
    const byKind = new Map<string, string[]>();
    this.#left.forEach((kinds, subject) => {
      // Pushed in place: a copy per subject was quadratic, minutes for a catalogue's worth of stale codes.
      for (const kind of kinds) {
        const subjects = byKind.get(kind);
        if (subjects) subjects.push(subject);
        else byKind.set(kind, [subject]);
      }
    });
    byKind.forEach((subjects, kind) => ledger.resolveProblems(subjects, kind));
    this.#left.clear();
    ledger.pruneResolvedProblems();
  }
}

/**
 * Closes every open refusal by the store ("store"): with `feed.insteadOfApi` nothing writes to the store's API,
 * so a refusal left from its API writes names nothing to mend, and would stay listed for ever (a build reads no
 * "product:<code>" subject, and closes only Nebim's kinds). Should API writes come back, they report it again.
 * So is a product the store lists unreadably ("unreadable"): only the API sync reads that list, and holds for it.
 */
export function closeStoreRefusals(ledger: ProblemLedger): void {
  for (const kind of ["store", "unreadable"]) {
    const subjects = ledger.openProblems({ kind }).map((p) => p.subject);
    if (subjects.length) ledger.resolveProblems(subjects, kind);
  }
}
