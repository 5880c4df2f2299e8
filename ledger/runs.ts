/**
 * Run history: one row per sync cycle, started before the work and finished after it, so a row left
 * unfinished marks a cycle the process died in. Each start drops the runs beyond the newest `keep`: a cycle
 * every 30 s adds 2,880 rows a day, and a ledger that grows for ever fills the disk and slows its backup.
 * @module
 */

import { IntegrationError } from "../errors.ts";
import type { Context } from "./connection.ts";
import type { Run, RunOutcome } from "./types.ts";

// What a caller may finish a run with; "interrupted" is only ever set by closeInterruptedRuns.
const OUTCOMES: ReadonlySet<string> = new Set<RunOutcome>(["ok", "partial", "failed"]);
const INTERRUPTED = "the agent stopped during this run (killed, crashed or the power went); " +
  "the next cycle reads again what it had not recorded";

interface RunRow {
  id: number;
  kind: string;
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
  counts: string;
  error: string | null;
  progress_at: string | null;
}

function toRun(r: RunRow): Run {
  return {
    id: r.id,
    kind: r.kind,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome: r.outcome as RunOutcome | null,
    counts: JSON.parse(r.counts) as Record<string, number>,
    progressAt: r.progress_at,
    error: r.error,
  };
}

function bad(field: string, rule: string): never {
  throw new IntegrationError("fatal", `Run ${field} ${rule}`, { system: "ledger", subject: field });
}

function checkCounts(counts: Record<string, number>): void {
  for (const [k, v] of Object.entries(counts)) {
    if (typeof v !== "number" || !Number.isFinite(v)) bad(`counts.${k}`, "must be a finite number");
  }
}

/**
 * Runs kept by default: a week of 30-s cycles, about 6 MB. /health shows 5; the settings store looks back
 * 100 (agent/settings_store.ts); older history is agent.log's.
 */
export const KEEP_RUNS = 20_000;

/** The run queries, bound to one open ledger; `keep` is how many runs startRun leaves (newest first). */
export function runQueries({ db, transaction, now }: Context, keep = KEEP_RUNS) {
  if (!Number.isSafeInteger(keep) || keep < 1) bad("keepRuns", "must be a whole number ≥ 1");
  const start = db.prepare("INSERT INTO runs (kind, started_at, counts) VALUES (?, ?, ?)");
  // Ids only grow (AUTOINCREMENT), so the runs beyond the newest `keep` are those at or below new − keep:
  // a range of the primary key, one row a start once the history is full.
  const dropOld = db.prepare("DELETE FROM runs WHERE id <= ?");
  const finish = db.prepare(
    "UPDATE runs SET finished_at = ?, outcome = ?, counts = ?, error = ? " +
      "WHERE id = ? AND finished_at IS NULL",
  );
  const progress = db.prepare(
    "UPDATE runs SET counts = ?, progress_at = ? WHERE id = ? AND finished_at IS NULL",
  );
  const exists = db.prepare("SELECT 1 AS x FROM runs WHERE id = ?");
  // Finished at its last sign of life (its last progress, else its start), which is when it stopped as
  // closely as anyone knows; when it was found is in the error text.
  const interrupt = db.prepare(
    "UPDATE runs SET finished_at = coalesce(progress_at, started_at), outcome = 'interrupted', " +
      "error = ? || ' (found unfinished at ' || ? || ')' WHERE finished_at IS NULL",
  );
  const last = db.prepare("SELECT * FROM runs ORDER BY id DESC LIMIT ?");
  const lastOfKind = db.prepare("SELECT * FROM runs WHERE kind = ? ORDER BY id DESC LIMIT ?");
  const prune = db.prepare("DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?)");

  return {
    startRun(kind: string, counts: Record<string, number> = {}): number {
      if (typeof kind !== "string" || kind === "") bad("kind", "must be a non-empty string");
      checkCounts(counts);
      return transaction(() => {
        const id = Number(start.run(kind, now(), JSON.stringify(counts)).lastInsertRowid);
        dropOld.run(id - keep);
        return id;
      });
    },

    progressRun(id: number, counts: Record<string, number>): void {
      checkCounts(counts);
      const changed = progress.run(JSON.stringify(counts), now(), id).changes;
      if (Number(changed) === 0 && !exists.get(id)) bad("id", `${id} was never started`);
    },

    finishRun(id: number, outcome: RunOutcome, counts: Record<string, number>, error?: string): void {
      if (!OUTCOMES.has(outcome)) bad("outcome", "must be ok, partial or failed");
      checkCounts(counts);
      const changed = finish.run(now(), outcome, JSON.stringify(counts), error ?? null, id).changes;
      if (Number(changed) === 0 && !exists.get(id)) bad("id", `${id} was never started`);
    },

    closeInterruptedRuns(): number {
      return Number(interrupt.run(INTERRUPTED, now()).changes);
    },

    lastRuns(n: number, kind?: string): Run[] {
      const rows = kind === undefined ? last.all(n) : lastOfKind.all(kind, n);
      return (rows as unknown as RunRow[]).map(toRun);
    },

    pruneRuns(keep: number): number {
      return Number(prune.run(keep).changes);
    },
  };
}
