/**
 * The benchmark's printed result: one row per size and phase, and the targets checked against
 * the figures (they apply at 100,000 variants; other sizes are shown for scale).
 * @module
 */

import type { AgentResult } from "./agent_child.ts";
import type { FloorResult } from "./floor_child.ts";

export interface Row {
  size: number;
  phase: Phase;
  agent: AgentResult;
  floor: FloorResult;
  peakRssMb: number | null;
}

export type Phase = "full" | "incremental, no change" | "incremental, 1% changed" | "xml feed";

const TARGET_SIZE = 100_000;
const TARGETS = { fullWallMs: 60_000, fullRatio: 1.5, fullRssMb: 250, noChangeCpuMs: 200 };

/** "met"/"MISSED" per target for this row, or "" when no target applies to it. */
function verdict(r: Row): string {
  if (r.size !== TARGET_SIZE) return "";
  const check = (label: string, ok: boolean) => `${label} ${ok ? "met" : "MISSED"}`;
  if (r.phase === "full") {
    return [
      check(`wall ≤ ${TARGETS.fullWallMs / 1000} s`, r.agent.wallMs <= TARGETS.fullWallMs),
      check(`ratio ≤ ${TARGETS.fullRatio}`, ratio(r) <= TARGETS.fullRatio),
      r.peakRssMb === null
        ? "RSS unknown (no /proc, or its peak not reset)"
        : check(`RSS ≤ ${TARGETS.fullRssMb} MB`, r.peakRssMb <= TARGETS.fullRssMb),
    ].join("; ");
  }
  if (r.phase === "xml feed") {
    // Not one of the targets: the agent's memory target, kept while a store pulls the feed.
    return r.peakRssMb === null
      ? "RSS unknown (no /proc, or its peak not reset)"
      : check(`RSS ≤ ${TARGETS.fullRssMb} MB (not the issue's)`, r.peakRssMb <= TARGETS.fullRssMb);
  }
  if (r.phase === "incremental, no change") {
    return check(`CPU ≤ ${TARGETS.noChangeCpuMs} ms`, r.agent.cpuMs <= TARGETS.noChangeCpuMs);
  }
  return "";
}

function ratio(r: Row): number {
  return r.agent.wallMs / r.floor.floorMs;
}

export function printTable(rows: readonly Row[]): void {
  const head = [
    "size",
    "phase",
    "wall ms",
    "agent CPU ms",
    "peak RSS MB",
    "HTTP req",
    "SQL req",
    "floor ms",
    "ratio",
    "targets",
  ];
  const body = rows.map((r) => [
    r.size.toLocaleString("en-US"),
    r.phase,
    r.agent.wallMs.toFixed(0),
    r.agent.cpuMs.toFixed(0),
    r.peakRssMb === null ? "n/a" : r.peakRssMb.toFixed(0),
    String(r.floor.httpRequests),
    String(r.floor.sqlQueries),
    r.floor.floorMs.toFixed(0),
    ratio(r).toFixed(2),
    verdict(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |";
  console.log(line(head));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const b of body) console.log(line(b));
}
