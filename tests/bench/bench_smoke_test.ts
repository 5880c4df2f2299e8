/**
 * The benchmark end to end at a small size, as `deno task bench` runs it: its processes start, the simulators
 * are warmed, every phase is measured against its floor and the table is printed.
 * What it proves is the harness, not a speed (docs/BENCHMARKS.md has the figures).
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);

Deno.test({
  name:
    "deno task bench products: every phase measured against its floor, the full sync creating; no warning (Linux only: reads /proc)",
  ignore: Deno.build.os !== "linux", // reads /proc for the agent's CPU and peak RSS
  async fn() {
    const tasks = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))).tasks as Record<
      string,
      string
    >;
    // The bench task's own flags: `deno run <flags> bench/main.ts`.
    const flags = tasks.bench!.split(" ").filter((f) => f.startsWith("--"));
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", ...flags, "bench/main.ts", "products", "--sizes", "400", "--seed", "7", "--repeat", "2"],
      cwd: decodeURIComponent(ROOT.pathname),
      env: { NO_COLOR: "1" },
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    const [runs, summary] = stdout.split("\n\n");
    const phases = (table = "") =>
      table.split("\n").filter((l) => /^\| 400 /.test(l)).map((l) =>
        l.split("|").slice(2, 4).map((c) => c.trim())
      );
    const each = ["full", "incremental, no change", "incremental, 1% changed", "xml feed"];
    assert.deepEqual(phases(runs).map(([p]) => p), [...each, ...each], stdout);
    // --repeat 2: then a summary, a row per phase over both runs.
    assert.deepEqual(phases(summary), each.map((p) => [p, "2"]), stdout);
    assert.match(stderr, /simulators warmed up/);
    // Each cycle's line says where the agent's main thread spent it (bench/main.ts mainSplit).
    assert.match(stderr, /full: \{.*"mainCpuMs":\d+,"mainRunQueueMs":\d+,"mainIdleMs":\d+/);
    // And how many cores the agent and the simulators kept busy, and the floor and the simulators.
    assert.match(stderr, /full: \{.*"coresBusyAgent":\d+(\.\d+)?,"coresBusyFloor":\d+(\.\d+)?,/);
    assert.doesNotMatch(stderr, /warning/, "the floor sent the agent's queries; the peak reset worked");
    // The store starts empty: the measured full sync creates what it reads, less what it holds.
    const full = JSON.parse(stderr.match(/^ {2}full: (\{.*\})$/m)![1]!) as {
      created: number;
      variantsRead: number;
    };
    assert.ok(full.created > 0 && full.created <= full.variantsRead, JSON.stringify(full));
  },
});
