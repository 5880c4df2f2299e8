/**
 * Each child actor as /health shows it (agent/health.ts `ChildView`), from the supervisor's snapshot and the
 * child's own. Pure: main.ts passes the snapshots in.
 * @module
 */

import type { CycleSummary } from "../actors/product_sync.ts";
import type { ChildName } from "../actors/supervisor.ts";
import type { ChildView } from "./health.ts";
import type { OwedFull } from "./last_known.ts";

/** The supervisor's snapshot: its regions' states and what it counts of each child. */
export interface SupervisorSnapshot {
  value: unknown;
  context: {
    failures: Record<ChildName, number>;
    restarts: Record<ChildName, number>;
    lastError: Record<ChildName, string | null>;
  };
}

/** A child's snapshot (absent while it is restarting). */
export interface ChildSnapshot {
  value: unknown;
  context: unknown;
}

/**
 * What productSync's view shows beside its snapshot: the ledger's last cycle and owed full reconciliation
 * (agent/last_known.ts), the settings version whose change owes a full cycle (ledger/settings.ts FULL_OWED),
 * and why the store's answers owe one (sync/full_owed.ts STORE_OWED).
 */
export interface KnownSync {
  lastCycle?: CycleSummary;
  full?: OwedFull;
  settingsVersion?: number;
  byStore?: string;
}

export const CHILDREN: readonly ChildName[] = ["productSync", "priceRules"];

export function childViews(
  sup: SupervisorSnapshot,
  child: (name: ChildName) => ChildSnapshot | undefined,
  known: KnownSync = {},
): Record<ChildName, ChildView> {
  const views = {} as Record<ChildName, ChildView>;
  for (const name of CHILDREN) {
    const region = (sup.value as Record<string, string> | undefined)?.[name] ?? "unknown";
    const cs = child(name);
    const ctx = cs?.context as Record<string, unknown> | undefined;
    // A new process's child knows nothing of the cycles before it: the ledger's are shown until its own are.
    const sync = name === "productSync" ? known : {};
    const lastCycle = ctx?.lastCycle ?? sync.lastCycle;
    const fullFailures = Number(ctx?.fullFailures ?? 0) + (sync.full?.failures ?? 0);
    views[name] = {
      state: region === "restarting" ? "restarting" : cycleState(cs?.value) ?? region,
      // A restarted child starts at 0: the supervisor's count (reset when a cycle ends well) keeps the
      // failures that made it restart, so /health is not ok before the new child has done anything.
      failures: Math.max(sup.context.failures[name], Number(ctx?.failures ?? 0)),
      restarts: sup.context.restarts[name],
      lastError: (ctx?.lastError as string | null | undefined) ?? sup.context.lastError[name],
      ...(lastCycle ? { lastCycle } : {}),
      ...(ctx?.lastFailedAs ? { lastFailedAs: ctx.lastFailedAs as "incremental" | "full" } : {}),
      ...(fullFailures > 0 || sync.settingsVersion || sync.byStore
        ? {
          fullOwed: {
            failures: fullFailures,
            lastError: (ctx?.fullError as string | null | undefined) ?? sync.full?.lastError ?? null,
            ...(sync.settingsVersion ? { settingsVersion: sync.settingsVersion } : {}),
            ...(sync.byStore ? { byStore: sync.byStore } : {}),
          },
        }
        : {}),
    };
  }
  return views;
}

/** "idle", "running", "backingOff", "failed" … from productSync's nested state value. */
function cycleState(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const working = (value as { working?: { cycle?: string } } | undefined)?.working;
  return working?.cycle;
}
