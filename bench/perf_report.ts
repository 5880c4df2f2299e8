/**
 * Prints where a recorded cycle's samples went (bench/perf_attribution.ts), from a file the benchmark wrote
 * with BENCH_PERF=<dir>: `deno run -A bench/perf_report.ts <dir>/1-full.perf.data [--top 30]`. Needs Linux
 * perf, and the agent's /tmp/perf-<pid>.map (written while it ran).
 * @module
 */

import { parseArgs } from "node:util";
import { attribute, parseChains, parsePerfMap, parseRemaps, resolver } from "./perf_attribution.ts";

async function perfScript(args: string[]): Promise<string> {
  const out = await new Deno.Command("perf", { args: ["script", ...args], stdout: "piped", stderr: "null" })
    .output();
  if (!out.success) throw new Error(`perf script ${args.join(" ")} failed`);
  return new TextDecoder().decode(out.stdout);
}

async function main(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { top: { type: "string", default: "30" }, exe: { type: "string", default: Deno.execPath() } },
  });
  const file = positionals[0];
  if (!file) throw new Error("usage: perf_report.ts <file.perf.data> [--top N] [--exe <deno>]");
  const mmaps = await perfScript(["-i", file, "--show-mmap-events", "-F", "tid"]);
  const pid = Number(/PERF_RECORD_MMAP2? (\d+)\//.exec(mmaps)?.[1]);
  // Up to its size when the record stopped (bench/perf_record.ts): later code may reuse the addresses.
  const size = Number(await Deno.readTextFile(`${file}.mapsize`).catch(() => "Infinity"));
  const text = await Deno.readTextFile(`/tmp/perf-${pid}.map`);
  const map = parsePerfMap(
    Number.isFinite(size) ? new TextDecoder().decode(new TextEncoder().encode(text).slice(0, size)) : text,
  );
  const name = resolver(map, parseRemaps(mmaps, values.exe));
  const samples = parseChains(await perfScript(["-i", file, "-F", "tid,ip"]));
  const root = decodeURIComponent(new URL("../", import.meta.url).pathname).replace(/\/$/, "");
  const a = attribute(samples, name, pid, root);
  const total = samples.length;
  const main = a.threads.get(pid) ?? 0;
  const pct = (n: number, of: number) => `${(100 * n / of).toFixed(1)}%`;
  console.log(
    `${total} samples; the main thread ${main} (${pct(main, total)}), other threads ${total - main}`,
  );
  console.log("\nThe main thread by the module of the nearest JavaScript frame, and what ran at the leaf:");
  const rows = [...a.byModule].map(([mod, kinds]) => {
    const n = [...kinds.values()].reduce((s, k) => s + k, 0);
    const split = [...kinds].sort((x, y) => y[1] - x[1]).map(([k, c]) => `${k} ${c}`).join(", ");
    return { mod, n, split };
  }).sort((x, y) => y.n - x.n);
  for (const r of rows) console.log(`${pct(r.n, main).padStart(6)}  ${r.mod.padEnd(28)} ${r.split}`);
  console.log("\nBuiltins at the leaf, with the nearest JavaScript frame:");
  const top = [...a.builtins].sort((x, y) => y[1] - x[1]).slice(0, Number(values.top));
  for (const [k, n] of top) console.log(`${pct(n, main).padStart(6)}  ${k.slice(0, 160)}`);
}

if (import.meta.main) await main(Deno.args);
