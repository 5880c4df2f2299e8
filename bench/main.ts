/**
 * `deno task bench products [--sizes 10000,100000] [--seed 42] [--repeat 1]`: the product-sync benchmark. Per
 * size (and per run: --repeat runs each size that many times, then prints a summary of the runs), on
 * the simulators at zero latency (their own process): a full sync, a no-change incremental cycle and an
 * incremental cycle with 1% of variants changed, each measured in the agent's own process (wall, CPU,
 * peak RSS) and set against an I/O floor measured in the same run (floor_child.ts). Prints one table and
 * whether each target of the issue is met; docs/BENCHMARKS.md records the figures.
 * @module
 */

import { parseArgs } from "node:util";
import type { AgentCommand, AgentResult } from "./agent_child.ts";
import type { FloorCommand, FloorResult } from "./floor_child.ts";
import { cpuMsOf, currentRssMb, mainThreadOf, peakRssMb, resetPeak, type ThreadTime } from "./peak_rss.ts";
import { BENCH_RATE, spawnChild } from "./protocol.ts";
import { PERF_V8_FLAGS, perfRecorder } from "./perf_record.ts";
import type { SimReady } from "./sim_child.ts";
import { printSummary, printTable, type Row } from "./table.ts";

// The XML feed last: a fresh build of the whole catalogue, set against the floor's full read (no HTTP).
const PHASES = [
  { name: "full", mode: "full", change: 0 },
  { name: "incremental, no change", mode: "incremental", change: 0 },
  { name: "incremental, 1% changed", mode: "incremental", change: 0.01 },
  { name: "xml feed", mode: "feed", change: 0 },
] as const;

async function benchSize(size: number, seed: number): Promise<Row[]> {
  const sim = spawnChild(
    "sim_child.ts",
    ["--variants", String(size), "--seed", String(seed)],
    (Deno.env.get("BENCH_SIM_FLAGS") ?? "").split(" ").filter((f) => f !== ""),
  );
  const ready = await sim.next<SimReady>();
  console.error(`${size} variants: generated in ${(ready.generateMs / 1000).toFixed(1)} s`);
  const agent = spawnChild(
    "agent_child.ts",
    [JSON.stringify(ready.settings), String(BENCH_RATE)],
    agentFlags(),
  );
  const floor = spawnChild("floor_child.ts", [JSON.stringify(ready)]);
  const rows: Row[] = [];
  const perf = perfRecorder(Deno.env.get("BENCH_PERF"));
  try {
    const start = await agent.next<{ ready: true; heapMb: number }>();
    await floor.next<{ ready: true }>(); // loaded: no start-up of its own on the agent's clock
    const idle = await currentRssMb(agent.pid);
    console.error(
      `  agent process before the first cycle: RSS ${idle?.toFixed(0)} MB, heap ${
        start.heapMb.toFixed(0)
      } MB`,
    );
    const warmMs = await warmUp(ready);
    console.error(`  simulators warmed up (one unmeasured full read): ${(warmMs / 1000).toFixed(1)} s`);
    for (const phase of PHASES) {
      if (phase.change) {
        const res = await fetch(`${ready.controlUrl}/change?fraction=${phase.change}`, { method: "POST" });
        console.error(`  changed: ${JSON.stringify(await res.json())}`);
      }
      await (await fetch(`${ready.controlUrl}/clear`, { method: "POST" })).text();
      const reset = await resetPeak(agent.pid);
      if (!reset) console.error("  warning: the agent's peak RSS could not be reset: not reported");
      await perf?.start(agent.pid, `${rows.length + 1}-${phase.name.split(",")[0]!.replaceAll(" ", "-")}`);
      const simBefore = await cpuMsOf(sim.pid);
      const mainBefore = await mainThreadOf(agent.pid);
      await agent.send({ mode: phase.mode } satisfies AgentCommand);
      const a = await agent.next<AgentResult>();
      const mainAfter = await mainThreadOf(agent.pid);
      const simAfterAgent = await cpuMsOf(sim.pid);
      await perf?.stop();
      // Without the reset VmHWM is the process's peak since it started, not this cycle's.
      const rss = reset ? await peakRssMb(agent.pid) : null;
      const floorMode = phase.mode === "feed" ? "full" : phase.mode;
      await floor.send(
        {
          mode: floorMode,
          since: a.since,
          until: a.until,
          feed: phase.mode === "feed",
        } satisfies FloorCommand,
      );
      const f = await floor.next<FloorResult>();
      const simAfterFloor = await cpuMsOf(sim.pid);
      // The simulators' CPU while the agent ran, and while the floor ran (includes the control requests).
      const simCpu = simBefore === null || simAfterAgent === null || simAfterFloor === null
        ? {}
        : { simCpuMsAgent: simAfterAgent - simBefore, simCpuMsFloor: simAfterFloor - simAfterAgent };
      const cores = simCpu.simCpuMsAgent === undefined ? {} : {
        coresBusyAgent: coresBusy(a.cpuMs + simCpu.simCpuMsAgent, a.wallMs),
        coresBusyFloor: coresBusy(f.sqlCpuMs + f.httpCpuMs + simCpu.simCpuMsFloor, f.floorMs),
      };
      if (f.floorSqlQueries !== f.sqlQueries) {
        console.error(
          `  warning: the floor sent ${f.floorSqlQueries} SQL queries, the agent ${f.sqlQueries}`,
        );
      }
      const row: Row = { size: ready.variants, phase: phase.name, agent: a, floor: f, peakRssMb: rss };
      const main = mainSplit(a.wallMs, mainBefore, mainAfter);
      console.error(
        `  ${phase.name}: ${JSON.stringify({ ...a, ...f, ...simCpu, ...cores, ...main, peakRssMb: rss })}`,
      );
      rows.push(row);
    }
  } finally {
    await agent.close();
    await floor.close();
    await sim.close();
  }
  return rows;
}

/**
 * How many cores the measured process and the simulators kept busy on average over a window: the agent
 * pipelines its reads and pushes, so its own CPU and the simulators' share the machine's cores at once; the
 * floor reads, then sends, and keeps fewer busy. On two cores the agent's wall cannot fall below its CPU and
 * the simulators' together, halved.
 */
function coresBusy(cpuMs: number, wallMs: number): number {
  return Math.round(100 * cpuMs / wallMs) / 100;
}

/**
 * Where the agent's main thread spent the cycle: on a CPU, waiting for one (the two cores taken by the
 * simulators and V8's own threads), or idle (waiting for Nebim or the store). Read around the command and its
 * answer, so it holds a few milliseconds more than the cycle; idle is the cycle's wall time less the rest.
 */
function mainSplit(wallMs: number, before: ThreadTime | null, after: ThreadTime | null) {
  if (!before || !after) return {};
  const mainCpuMs = Math.round(after.runMs - before.runMs);
  const mainRunQueueMs = Math.round(after.waitMs - before.waitMs);
  return {
    mainCpuMs,
    mainRunQueueMs,
    mainIdleMs: Math.max(0, Math.round(wallMs - mainCpuMs - mainRunQueueMs)),
  };
}

/**
 * The simulators' lazy indexes built by one unmeasured full read, in a floor process of its own that is
 * closed after: the measuring floor then starts its full cycle as the agent does, with no SQL connection open
 * and the driver's code not yet compiled (warmed in the measuring process, its full floor was ~60 ms of
 * connecting and the driver's first compilations short of the agent's I/O at 2,000 variants).
 */
async function warmUp(ready: SimReady): Promise<number> {
  const warmer = spawnChild("floor_child.ts", [JSON.stringify(ready)]);
  try {
    await warmer.next<{ ready: true }>();
    await warmer.send({ mode: "warm", since: null, until: null } satisfies FloorCommand);
    return (await warmer.next<{ warmMs: number }>()).warmMs;
  } finally {
    await warmer.close();
  }
}

/**
 * The agent's process runs with the V8 flags of the `start` task (what the exe runs with), plus extra deno
 * flags for it alone, e.g. BENCH_AGENT_FLAGS="--cpu-prof --cpu-prof-dir=prof".
 */
function agentFlags(): string[] {
  const tasks = JSON.parse(Deno.readTextFileSync(new URL("../deno.json", import.meta.url))).tasks as Record<
    string,
    string
  >;
  // One --v8-flags: the start task's, and perf's when recording.
  const v8 = tasks.start!.split(" ").filter((f) => f.startsWith("--v8-flags="));
  const flags = Deno.env.get("BENCH_PERF")
    ? [v8[0] ? [v8[0], ...PERF_V8_FLAGS].join(",") : `--v8-flags=${PERF_V8_FLAGS.join(",")}`]
    : v8;
  return [...flags, ...(Deno.env.get("BENCH_AGENT_FLAGS") ?? "").split(" ").filter((f) => f !== "")];
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      sizes: { type: "string", default: "10000,100000" },
      seed: { type: "string", default: "42" },
      repeat: { type: "string", default: "1" },
    },
  });
  if (positionals[0] !== "products") {
    console.error("usage: deno task bench products [--sizes 10000,100000] [--seed 42] [--repeat 1]");
    return 2;
  }
  const sizes = values.sizes.split(",").map((t) => Number(t.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 200_000)) {
    console.error(`--sizes must be integers 1..200000, comma-separated: got ${values.sizes}`);
    return 2;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    console.error(`--seed must be a non-negative integer: got ${values.seed}`);
    return 2;
  }
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 50) {
    console.error(`--repeat must be an integer 1..50: got ${values.repeat}`);
    return 2;
  }
  const rows: Row[] = [];
  // Each run of a size from scratch (new processes, the catalogue generated again): runs do not share a
  // warm JIT or a grown heap.
  for (const size of sizes) {
    for (let run = 1; run <= repeat; run++) {
      if (repeat > 1) console.error(`run ${run} of ${repeat}`);
      rows.push(...await benchSize(size, seed));
    }
  }
  printTable(rows);
  if (repeat > 1) {
    console.log();
    printSummary(rows);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
