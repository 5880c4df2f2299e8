/**
 * The running agent's /health report, built on each request from the supervisor's and its children's
 * snapshots, the ledger, the XML feed, and what the ledger knew at start (agent/last_known.ts).
 * @module
 */

import type { AnyActorRef } from "xstate";
import type { Ledger } from "../ledger/ledger.ts";
import { FULL_OWED } from "../ledger/settings.ts";
import { FEED_VANISH_SUBJECT, VANISH_KIND, VANISH_SUBJECT } from "../sync/vanish_limit.ts";
import { BOOKMARK } from "../sync/products.ts";
import { storeOwed } from "../sync/full_owed.ts";
import { FEED_BOOKMARK } from "../sync/feed_watch.ts";
import type { Settings } from "../settings/mod.ts";
import { WINDOW_UNKNOWN } from "../sync/item_batches.ts";
import { VERSION } from "../version.ts";
import { childViews } from "./child_views.ts";
import type { FeedSource } from "./feed_source.ts";
import { type HealthReport, healthReport } from "./health.ts";
import type { LastKnown } from "./last_known.ts";

export interface HealthViewDeps {
  /** The root actor; its children are found by their system ids. */
  supervisor: AnyActorRef;
  ledger: Pick<Ledger, "lastRuns" | "openProblems" | "openProblemCounts" | "getBookmark">;
  feed: Pick<FeedSource, "lastFailure" | "lastBuild">;
  known: LastKnown;
}

/** The report's builder, started now: uptime by the monotonic clock (the wall clock set back made it negative). */
export function healthView({ supervisor, ledger, feed, known }: HealthViewDeps): () => HealthReport {
  const [startedAt, startedMs] = [new Date(), performance.now()];
  return () => {
    // Read on each request: a settings change (or a cycle that found codes the store lost) stores it, and the
    // full cycle that pays it clears it.
    const owedBy = Number(ledger.getBookmark(FULL_OWED) || 0);
    const byStore = storeOwed(ledger);
    const children = childViews(
      supervisor.getSnapshot(),
      (name) => (supervisor.system.get(name) as AnyActorRef | undefined)?.getSnapshot(),
      {
        lastCycle: known.lastCycle,
        full: known.full,
        ...(owedBy > 0 ? { settingsVersion: owedBy } : {}),
        ...(byStore ? { byStore } : {}),
      },
    );
    const feedFailure = feed.lastFailure();
    const feedBuild = feed.lastBuild();
    const holds = ledger.openProblems({ kind: VANISH_KIND });
    const massZero = holds.find((p) => p.subject === VANISH_SUBJECT)?.reason;
    const feedHeld = holds.find((p) => p.subject === FEED_VANISH_SUBJECT)?.reason;
    // The cycles a failed full one is retried between are full too without a window (sync/item_batches.ts).
    // A feed-only cycle keeps its own window (sync/feed_watch.ts): the API sync's stays unset there.
    const feedOnly = (supervisor.getSnapshot().context as { settings?: Settings }).settings?.feed
      .insteadOfApi;
    const window = ledger.getBookmark(feedOnly ? FEED_BOOKMARK : BOOKMARK);
    const fullOnly = window === undefined
      ? "nothing has been synced yet: every cycle is a full one until one ends well"
      : window === WINDOW_UNKNOWN
      ? "no change window is known since SQL Server's clock was set back or its database restored: every " +
        "cycle is a full one until one ends well"
      : undefined;
    return healthReport({
      ...(fullOnly ? { fullOnly } : {}),
      ...(massZero ? { massZero } : {}),
      ...(feedHeld ? { feedHeld } : {}),
      ...(feedFailure ? { feedFailure } : {}),
      ...(feedBuild ? { feedBuild } : {}),
      version: VERSION,
      startedAt,
      uptimeMs: performance.now() - startedMs,
      children,
      lastRuns: ledger.lastRuns(5),
      problems: {
        count: Object.values(ledger.openProblemCounts()).reduce((a, b) => a + b, 0),
        sample: ledger.openProblems({ limit: 20 }),
      },
    });
  };
}
