/**
 * What /health reports: one status word for monitoring (ok / degraded / failing), then the detail an
 * operator needs — each actor's state, failures and last error, the last runs, the open problems.
 * Pure: the snapshot, the ledger's figures and the clock come in as arguments.
 * @module
 */

import type { Run } from "../ledger/ledger.ts";

export interface ChildView {
  state: string;
  failures: number;
  restarts: number;
  lastError: string | null;
  lastCycle?: unknown;
}

export interface HealthInput {
  version: string;
  startedAt: Date;
  now: Date;
  children: Record<string, ChildView>;
  lastRuns: Run[];
  problems: { count: number; sample: { subject: string; kind: string; reason: string }[] };
}

export interface HealthReport {
  status: "ok" | "degraded" | "failing";
  version: string;
  uptimeSec: number;
  actors: Record<string, ChildView>;
  lastRuns: Run[];
  problems: HealthInput["problems"];
}

export function healthReport(h: HealthInput): HealthReport {
  const children = Object.values(h.children);
  const failing = children.some((c) => c.state === "restarting" || c.state === "failed");
  const degraded = children.some((c) => c.failures > 0 || c.state === "backingOff");
  return {
    status: failing ? "failing" : degraded ? "degraded" : "ok",
    version: h.version,
    uptimeSec: Math.floor((h.now.getTime() - h.startedAt.getTime()) / 1000),
    actors: h.children,
    lastRuns: h.lastRuns,
    problems: h.problems,
  };
}
