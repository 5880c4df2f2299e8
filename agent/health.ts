/**
 * What /health reports: one status word for monitoring (ok / degraded / failing), then the detail an
 * operator needs — each actor's state, failures and last error, the last runs, the open problems.
 * Pure: the snapshot, the ledger's figures and the clock come in as arguments.
 * @module
 */

import type { Run } from "../ledger/ledger.ts";
import type { FeedBuild, FeedFailure } from "./feed_file.ts";

export interface ChildView {
  state: string;
  failures: number;
  restarts: number;
  lastError: string | null;
  lastCycle?: unknown;
  /**
   * productSync: the full reconciliation, owed and failing while incremental cycles go on (their success
   * clears `failures` and `lastError`, not this): its failures in a row and last error, those the ledger
   * recorded before this process included, the settings version whose change owes it, and why the store
   * owes it (codes it lost: sync/full_owed.ts STORE_OWED). Absent when none failed and nothing owes one.
   */
  fullOwed?: { failures: number; lastError: string | null; settingsVersion?: number; byStore?: string };
  /** productSync: the mode the last failed cycle ran, while `failures` are counted. */
  lastFailedAs?: "incremental" | "full";
}

export interface HealthInput {
  version: string;
  /** When the agent started, by the wall clock: shown, never subtracted from (the clock may be set back). */
  startedAt: Date;
  /** Milliseconds since the start by a monotonic clock (performance.now()), which no clock setting moves. */
  uptimeMs: number;
  children: Record<string, ChildView>;
  lastRuns: Run[];
  problems: { count: number; sample: { subject: string; kind: string; reason: string }[] };
  /** The XML feed's last failed build, while none has succeeded since. */
  feedFailure?: FeedFailure;
  /** The XML feed's last successful build since the agent started. */
  feedBuild?: FeedBuild;
  /** The open problem of zeros held by catalog.vanishLimit (sync/vanish_limit.ts): its reason. */
  massZero?: string;
  /** The open problem of an XML feed build held by catalog.vanishLimit (agent/feed_build.ts): its reason. */
  feedHeld?: string;
  /**
   * Why every product cycle is a full one until one ends well (no change window: nothing synced yet, or SQL
   * Server's clock set back or its database restored); absent while incremental cycles can run.
   */
  fullOnly?: string;
}

export interface HealthReport {
  status: "ok" | "degraded" | "failing";
  /** Why the status is not "ok", one sentence each; empty when it is. */
  reasons: string[];
  version: string;
  /** ISO 8601, the wall clock's at start. */
  startedAt: string;
  uptimeSec: number;
  actors: Record<string, ChildView>;
  lastRuns: Run[];
  problems: HealthInput["problems"];
  /** The XML feed: built on request, so both are null until something (the store's import) asks for it. */
  feed: { lastBuild: FeedBuild | null; lastFailure: FeedFailure | null };
}

export function healthReport(h: HealthInput): HealthReport {
  const failing: string[] = [];
  const degraded: string[] = [];
  for (const [name, c] of Object.entries(h.children)) {
    const why = c.lastError ? `: ${c.lastError}` : "";
    if (c.state === "restarting" || c.state === "failed") failing.push(`${name} is ${c.state}${why}`);
    else if (c.failures > 0 || c.state === "backingOff") {
      // A failed full cycle is the full reconciliation's reason below, with its own count: said once. Beside
      // it, an incremental cycle that failed is named as one (its error may read as the full's), and so is a
      // full one that failed fatally (restarted: not counted there), whose error would go unsaid.
      const last = c.fullOwed?.failures ? c.lastFailedAs : undefined;
      if (last !== "full" || c.lastError !== c.fullOwed?.lastError) {
        degraded.push(
          `${name} is retrying after ${c.failures} failed cycle${c.failures === 1 ? "" : "s"}` +
            `${last && !h.fullOnly ? ` (the last one ${last})` : ""}${why}`,
        );
      }
    }
    // Stock and prices still go, but drift in the store is not repaired nor are codes it lost created again:
    // monitoring must not see "ok" because the cycles between full ones end well.
    if (c.fullOwed && c.fullOwed.failures > 0) {
      const n = c.fullOwed.failures;
      degraded.push(
        `${name}'s full reconciliation has failed ${n} time${
          n === 1 ? "" : "s"
        } in a row and is still owed ` +
          // None run without a change window: a first start's operator must not read that products flow.
          `(${h.fullOnly ?? "incremental cycles run meanwhile"})${
            c.fullOwed.lastError ? `: ${c.fullOwed.lastError}` : ""
          }`,
      );
    }
  }
  // A cycle the process died in, until a later one finishes: a restarted agent's actors have no failures
  // to show, and monitoring must still see that something went wrong.
  const lastFinished = h.lastRuns.find((r) => r.outcome !== null);
  if (lastFinished?.outcome === "interrupted") {
    degraded.push(
      `run ${lastFinished.id} (${lastFinished.kind}) was interrupted: the agent stopped during it (last seen ` +
        `alive at ${lastFinished.finishedAt}); the next cycle redoes what it had not recorded`,
    );
  }
  // In feed-only mode the feed is the store's only source: a feed it cannot get must show here.
  if (h.feedFailure) {
    degraded.push(
      `the XML feed could not be built at ${h.feedFailure.at} (its requests get 503 until a build succeeds): ` +
        h.feedFailure.error,
    );
  }
  // The store keeps selling codes Nebim may no longer have until a person decides: monitoring must see it.
  if (h.massZero) {
    degraded.push(`stock codes that vanished from Nebim are held at their stock: ${h.massZero}`);
  }
  // The same for a store that imports the feed: its import gets nothing new until a person decides.
  if (h.feedHeld) degraded.push(`the XML feed is held at its last good build: ${h.feedHeld}`);
  return {
    status: failing.length ? "failing" : degraded.length ? "degraded" : "ok",
    reasons: [...failing, ...degraded],
    version: h.version,
    startedAt: h.startedAt.toISOString(),
    uptimeSec: Math.floor(h.uptimeMs / 1000),
    actors: h.children,
    lastRuns: h.lastRuns,
    problems: h.problems,
    feed: { lastBuild: h.feedBuild ?? null, lastFailure: h.feedFailure ?? null },
  };
}
