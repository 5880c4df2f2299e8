import assert from "node:assert/strict";
import type { AgentResult } from "../../bench/agent_child.ts";
import type { FloorResult } from "../../bench/floor_child.ts";
import { median, printSummary, type Row, shownRatio } from "../../bench/table.ts";

Deno.test("median(): the middle value, or the mean of the two middle ones", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
});

function row(phase: Row["phase"], wallMs: number, floorMs: number, peakRssMb: number | null): Row {
  return {
    size: 100_000,
    phase,
    agent: { wallMs, cpuMs: wallMs / 2 } as AgentResult,
    floor: { floorMs } as FloorResult,
    peakRssMb,
  };
}

Deno.test("printSummary(): per phase the runs' medians, the highest peak, the ratio's spread and the runs that met it", () => {
  const printed: string[] = [];
  const log = console.log;
  console.log = (line: string) => printed.push(line);
  try {
    printSummary([
      row("full", 3000, 2000, 230), // 1.50: met
      row("incremental, no change", 50, 40, 231),
      row("full", 4000, 2000, 241), // 2.00
      row("incremental, no change", 70, 40, null),
      row("full", 3500, 2500, 236), // 1.40: met
      row("incremental, no change", 60, 40, 229),
    ]);
  } finally {
    console.log = log;
  }
  const cells = printed.slice(2).map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
  assert.deepEqual(cells, [
    ["100,000", "full", "3", "3500", "1750", "241", "1.40 · 1.50 · 2.00", "2 of 3"],
    ["100,000", "incremental, no change", "3", "60", "30", "231", "1.25 · 1.50 · 1.75", ""],
  ]);
});

Deno.test("shownRatio(): two decimals, three where two would print the target for a ratio that misses it", () => {
  assert.equal(shownRatio(1.5417), "1.54");
  assert.equal(shownRatio(1.5), "1.50");
  assert.equal(shownRatio(1.5016), "1.502"); // "1.50" beside MISSED read as a contradiction
  assert.equal(shownRatio(1.4981), "1.498");
  assert.equal(shownRatio(1.4941), "1.49");
});
