/**
 * The agent under measurement, in a process of its own: a fresh ledger in a temp folder, settings
 * pointing at the simulators, and the product cycle exactly as the productSync actor runs it
 * (`runProductCycle`: connections, store writer, ledger). Each command runs one cycle and answers with
 * its wall time, the process's CPU time during it and the cycle's counts. The process stays up between
 * cycles, as the agent does, so the SQL pool and the JIT are warm for the incremental ones.
 * @module
 */

import process from "node:process";
import { Connections } from "../agent/connections.ts";
import { runProductCycle } from "../agent/cycle.ts";
import { FeedSource } from "../agent/feed_source.ts";
import { SettingsStore } from "../agent/settings_store.ts";
import { openLedger } from "../ledger/ledger.ts";
import { rulesFromSettings } from "../pricing/rules.ts";
import { agentSettingsFor, type SimSettings } from "../sim/start.ts";
import type { CycleReport } from "../sync/cycle_report.ts";
import { emptyReport } from "../sync/cycle_report.ts";
import { BOOKMARK } from "../sync/products.ts";
import { heapProfiler } from "./heap_profile.ts";
import { answer, commands } from "./protocol.ts";

export interface AgentCommand {
  /** "feed": build the XML feed (agent/feed_source.ts) instead of a sync cycle. */
  mode: "full" | "incremental" | "feed";
}

export interface AgentResult {
  mode: "full" | "incremental" | "feed";
  wallMs: number;
  cpuMs: number;
  /** The bookmark before the cycle and the signpost it moved to: the floor asks for the same window. */
  since: string | null;
  until: string | null;
  itemsRead: number;
  variantsRead: number;
  created: number;
  updated: number;
  held: number;
  failed: number;
  /** V8 heap in use: the highest sample (every 50 ms) during the cycle, and right after it. */
  heapPeakMb: number;
  /** Highest samples of the V8 heap's committed size and of memory outside it (Buffers, etc.). */
  heapTotalPeakMb: number;
  externalPeakMb: number;
  heapAfterMb: number;
  /** Live heap after a forced GC, only when run with BENCH_AGENT_FLAGS=--v8-flags=--expose-gc. */
  heapLiveMb?: number;
}

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const sim = JSON.parse(Deno.args[0] ?? "") as SimSettings;
  const rate = Number(Deno.args[1] ?? "1000000");
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-bench-" });
  const ledger = openLedger(`${dir}/ledger.sqlite`);
  const base = agentSettingsFor(sim) as { qukasoft: Record<string, unknown> };
  const settings = SettingsStore.open(ledger, {
    ...base,
    qukasoft: { ...base.qukasoft, requestsPer10s: rate },
  }).store;
  const connections = new Connections(() => settings.current());
  const cache = {}; // as main.ts: bindings kept between cycles
  try {
    const profiler = heapProfiler(Deno.env.get("BENCH_HEAP_PROFILE"));
    let cycle = 0;
    answer({ ready: true, heapMb: Deno.memoryUsage().heapUsed / MB });
    for await (const cmd of commands<AgentCommand>()) {
      const s = settings.current();
      const rules = rulesFromSettings(s.pricing, s.catalog);
      const since = ledger.getBookmark(BOOKMARK) ?? null;
      let report: CycleReport | undefined;
      await profiler?.start();
      let heapPeak = 0, totalPeak = 0, externalPeak = 0;
      const sample = setInterval(() => {
        const m = Deno.memoryUsage();
        heapPeak = Math.max(heapPeak, m.heapUsed);
        totalPeak = Math.max(totalPeak, m.heapTotal);
        externalPeak = Math.max(externalPeak, m.external);
      }, 50);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      if (cmd.mode === "feed") {
        // As a store's scheduled import asks for it: a fresh build, written to the feed's folder.
        const file = await new FeedSource(connections, settings, ledger, `${dir}/feed`).file();
        const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
        console.error(`  xml feed: ${mb(file.bytes)} written, ${mb(file.gzipBytes)} gzip-compressed`);
        report = emptyReport("full", true, undefined); // nothing read into the ledger, nothing sent
      } else {
        await runProductCycle(
          { connections, ledger, settings, cache, onCycle: (r) => report = r },
          { mode: cmd.mode, rules },
        );
      }
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      clearInterval(sample);
      await profiler?.stop(`${++cycle}-${cmd.mode}`);
      const heapAfter = Deno.memoryUsage().heapUsed;
      const result: AgentResult = {
        ...counts(report!),
        mode: cmd.mode,
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        since,
        until: ledger.getBookmark(BOOKMARK) ?? null,
        heapPeakMb: Math.max(heapPeak, heapAfter) / MB,
        heapAfterMb: heapAfter / MB,
        heapTotalPeakMb: totalPeak / MB,
        externalPeakMb: externalPeak / MB,
      };
      report = undefined; // a long-running agent drops the report after logging it
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) {
        gc();
        result.heapLiveMb = Deno.memoryUsage().heapUsed / MB;
      }
      answer(result);
    }
  } finally {
    await connections.close();
    ledger.close();
    await Deno.remove(dir, { recursive: true });
  }
}

function counts(r: CycleReport) {
  const { mode, itemsRead, variantsRead, created, updated, held, failed } = r;
  return { mode, itemsRead, variantsRead, created, updated, held, failed };
}

if (import.meta.main) await main();
