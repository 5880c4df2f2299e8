/**
 * Optional `perf record` of the agent's process over each cycle (BENCH_PERF=<dir>): one
 * `<n>-<phase>.perf.data` per cycle, for bench/perf_report.ts. The agent then runs with V8's
 * `--perf-basic-prof` (its compiled code and builtins named in /tmp/perf-<pid>.map) and
 * `--interpreted-frames-native-stack` (interpreted functions on the native stack perf walks). Linux only.
 * @module
 */

/** The V8 flags the agent needs for a readable record. */
export const PERF_V8_FLAGS = ["--perf-basic-prof", "--interpreted-frames-native-stack"];

export interface PerfRecorder {
  start(pid: number, name: string): Promise<void>;
  stop(): Promise<void>;
}

export function perfRecorder(dir: string | undefined): PerfRecorder | undefined {
  if (!dir) return undefined;
  Deno.mkdirSync(dir, { recursive: true });
  let running: Deno.ChildProcess | undefined;
  let pid = 0, file = "";
  return {
    async start(of, name) {
      pid = of;
      file = `${dir}/${name}.perf.data`;
      await Deno.remove(file).catch(() => {});
      running = new Deno.Command("perf", {
        args: ["record", "-F", "499", "-g", "-p", String(pid), "-o", file],
        stdout: "null",
        stderr: "null",
      }).spawn();
      // perf writes the file's header once it has opened its events: the cycle starts after that.
      for (let i = 0; i < 200; i++) {
        if ((await Deno.stat(file).catch(() => null))?.size) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`perf record did not start (is Linux perf installed and allowed?): ${file}`);
    },
    async stop() {
      if (!running) return;
      running.kill("SIGINT");
      await running.status;
      running = undefined;
      // V8 reuses the addresses of code it frees, and the map only grows: what it names after this cycle is
      // not this record's. The report reads the map up to its size now.
      const size = (await Deno.stat(`/tmp/perf-${pid}.map`).catch(() => null))?.size;
      if (size !== undefined) await Deno.writeTextFile(`${file}.mapsize`, String(size));
    },
  };
}
