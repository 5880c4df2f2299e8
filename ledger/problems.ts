/**
 * Per-record problems a sync reports (a stock code without a price, a duplicate stock code, a store
 * reject), one row per (subject, kind). A problem reported again stays one row with its first sighting;
 * a resolved one keeps `resolved_at` until pruned, and reopens if it comes back.
 * @module
 */

import type { Context } from "./connection.ts";
import { selectIn } from "./in_list.ts";
import type { Problem, ProblemKey, ProblemReport } from "./types.ts";

const COLUMNS = "subject, kind, reason, items, first_seen, last_seen, resolved_at";

interface ProblemRow {
  subject: string;
  kind: string;
  reason: string;
  items: string | null;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
}

/**
 * How long a resolved problem is kept (for the history it gives: when a bad record was fixed) before a read
 * of the whole catalogue prunes it (sync/stale_problems.ts): without it the table only grew.
 */
export const KEEP_RESOLVED_DAYS = 30;

function toProblem(r: ProblemRow): Problem {
  return {
    subject: r.subject,
    kind: r.kind,
    reason: r.reason,
    ...r.items === null ? {} : { items: JSON.parse(r.items) as string[] },
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    resolvedAt: r.resolved_at,
  };
}

function keyOf(subject: string, kind: string): string {
  return `${subject}\u0000${kind}`;
}

/** Reports of the same (subject, kind) in one batch become one, their distinct reasons and items joined. */
function merge(ps: readonly ProblemReport[]): Map<string, ProblemReport> {
  const out = new Map<string, ProblemReport>();
  for (const p of ps) {
    const k = keyOf(p.subject, p.kind);
    const had = out.get(k);
    if (!had) out.set(k, { subject: p.subject, kind: p.kind, reason: p.reason, items: p.items });
    else {
      if (!had.reason.split("; ").includes(p.reason)) had.reason += `; ${p.reason}`;
      if (p.items) had.items = [...new Set([...had.items ?? [], ...p.items])];
    }
  }
  return out;
}

/** The problem queries, bound to one open ledger. */
export function problemQueries({ db, transaction, now }: Context) {
  // A duplicate's items are the ones that make its code now. Another kind's gather while it stays open: a code
  // two items make (a barcode on both) reports the same problem from each, maybe in different cycles' batches,
  // and one item read alone must not close what the other still reports (sync/item_problems.ts).
  const report = db.prepare(
    `INSERT INTO problems (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (subject, kind) DO UPDATE SET reason = excluded.reason,
       items = iif(excluded.kind = 'duplicate' OR problems.resolved_at IS NOT NULL OR problems.items IS NULL
           OR excluded.items IS NULL OR problems.items = excluded.items,
         excluded.items,
         (SELECT json_group_array(value) FROM (SELECT value FROM json_each(problems.items)
           UNION SELECT value FROM json_each(excluded.items)))),
       last_seen = excluded.last_seen,
       first_seen = iif(problems.resolved_at IS NULL, problems.first_seen, excluded.first_seen),
       resolved_at = NULL`,
  );
  const resolveAll = db.prepare(
    "UPDATE problems SET resolved_at = ? WHERE subject = ? AND resolved_at IS NULL",
  );
  const setItems = db.prepare(
    "UPDATE problems SET items = ? WHERE subject = ? AND kind = ? AND resolved_at IS NULL",
  );
  const resolveKind = db.prepare(
    "UPDATE problems SET resolved_at = ? WHERE subject = ? AND kind = ? AND resolved_at IS NULL",
  );
  // Most cycles have no open problem at all: one probe of the partial index problems_open skips the rest.
  const anyOpen = db.prepare("SELECT 1 FROM problems WHERE resolved_at IS NULL LIMIT 1");
  const openOf = selectIn(
    db,
    (list) => `SELECT subject, kind FROM problems WHERE resolved_at IS NULL AND subject IN (${list})`,
  );
  const counts = db.prepare(
    "SELECT kind, count(*) AS n FROM problems WHERE resolved_at IS NULL GROUP BY kind ORDER BY kind",
  );
  const prune = db.prepare("DELETE FROM problems WHERE resolved_at IS NOT NULL AND resolved_at < ?");

  function reportProblems(ps: readonly ProblemReport[]): void {
    const at = now();
    transaction(() => {
      for (const p of merge(ps).values()) {
        report.run(p.subject, p.kind, p.reason, p.items ? JSON.stringify(p.items) : null, at, at);
      }
    });
  }

  return {
    reportProblems,

    resolveProblems(subjects: readonly string[], kind?: string): void {
      const at = now();
      transaction(() => {
        for (const s of subjects) {
          if (kind === undefined) resolveAll.run(at, s);
          else resolveKind.run(at, s, kind);
        }
      });
    },

    setProblemItems(subject: string, kind: string, items: readonly string[]): void {
      setItems.run(JSON.stringify(items), subject, kind);
    },

    replaceProblems(
      subjects: readonly string[],
      problems: readonly ProblemReport[],
      undecided?: (subject: string, kind: string) => boolean,
    ): ProblemKey[] {
      const current = new Set(problems.map((p) => keyOf(p.subject, p.kind)));
      const at = now();
      const left: ProblemKey[] = [];
      transaction(() => {
        // Resolve only what is no longer reported, so a problem that persists keeps its first sighting.
        if (subjects.length > 0 && anyOpen.get() !== undefined) {
          for (const [s, kind] of openOf([...new Set(subjects)]) as [string, string][]) {
            if (current.has(keyOf(s, kind))) continue;
            // Still to be decided (sync/run_batch.ts: a refusal of what is sent again, a duplicate a later
            // batch may find again): left open, and told.
            if (undecided?.(s, kind)) left.push({ subject: s, kind });
            else resolveKind.run(at, s, kind);
          }
        }
        reportProblems(problems);
      });
      return left;
    },

    openProblems(options: { kind?: string; limit?: number } = {}): Problem[] {
      const where = options.kind === undefined ? "" : " AND kind = ?";
      const limit = options.limit === undefined ? "" : " LIMIT ?";
      const args = [
        ...(options.kind === undefined ? [] : [options.kind]),
        ...(options.limit === undefined ? [] : [options.limit]),
      ];
      const rows = db.prepare(
        `SELECT ${COLUMNS} FROM problems WHERE resolved_at IS NULL${where} ` +
          `ORDER BY last_seen DESC, subject, kind${limit}`,
      ).all(...args);
      return (rows as unknown as ProblemRow[]).map(toProblem);
    },

    openProblemCounts(): Record<string, number> {
      return Object.fromEntries(counts.all().map((r) => [String(r.kind), Number(r.n)]));
    },

    pruneProblems(resolvedBefore: Date): number {
      return Number(prune.run(resolvedBefore.toISOString()).changes);
    },

    /** Deletes the problems resolved more than KEEP_RESOLVED_DAYS ago, by the ledger's clock. */
    pruneResolvedProblems(): number {
      const cutoff = Date.parse(now()) - KEEP_RESOLVED_DAYS * 86_400_000;
      return Number(prune.run(new Date(cutoff).toISOString()).changes);
    },
  };
}
