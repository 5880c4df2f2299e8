import assert from "node:assert/strict";
import { mainThreadOf, peakRssMb, resetPeak } from "../../bench/peak_rss.ts";

// A process that touched 160 MB, freed it and waits: its VmHWM is far above its RSS until reset.
const CHILD = `
(() => {
  const a = new Uint8Array(160 * 2 ** 20).fill(1);
  console.log(a[a.length - 1]);
})();
globalThis.gc();
await new Promise((r) => setTimeout(r, 300));
console.log("ready");
for await (const _ of Deno.stdin.readable) { /* until stdin closes */ }
`;

Deno.test({
  name: "resetPeak makes the next peak reading the peak of what follows, and says when it cannot",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const proc = new Deno.Command(Deno.execPath(), {
      args: ["eval", "--v8-flags=--expose-gc", CHILD],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = proc.stdout.pipeThrough(new TextDecoderStream()).getReader();
    try {
      let out = "";
      while (!out.includes("ready")) {
        const r = await reader.read();
        if (r.done) throw new Error(`child exited: ${out}`);
        out += r.value;
      }
      const before = await peakRssMb(proc.pid);
      assert.ok(before !== null && before >= 160, `peak before the reset: ${before}`);
      assert.equal(await resetPeak(proc.pid), true);
      const after = await peakRssMb(proc.pid);
      assert.ok(after !== null && after < before - 100, `peak after the reset: ${after} (before ${before})`);
    } finally {
      await proc.stdin.close();
      await reader.cancel();
      await proc.status;
    }
    // No such process: no reset, so a caller must not report VmHWM as the cycle's peak.
    assert.equal(await resetPeak(2 ** 22 + 12345), false);
  },
});

// `deno run` runs a program's JavaScript on the process's first thread (the task whose id is its pid), as it
// runs the agent: on a line from stdin, a fixed amount of work there, then "done".
const WORKER = `
const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
console.log("ready");
for await (const _ of lines) {
  let sum = 0;
  for (let i = 0; i < 50_000_000; i++) sum += i % 7;
  console.log(sum > 0 ? "done" : "?");
}
`;

Deno.test({
  name: "mainThreadOf reads a process's main thread time on a CPU and on the run queue; null for no process",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const proc = new Deno.Command(Deno.execPath(), {
      args: ["eval", WORKER],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = proc.stdout.pipeThrough(new TextDecoderStream()).getReader();
    const writer = proc.stdin.getWriter();
    const until = async (word: string) => {
      for (let out = ""; !out.includes(word);) {
        const r = await reader.read();
        if (r.done) throw new Error(`child exited: ${out}`);
        out += r.value;
      }
    };
    try {
      await until("ready");
      const before = await mainThreadOf(proc.pid);
      assert.ok(before !== null, "the child's main thread");
      await writer.write(new TextEncoder().encode("go\n"));
      await until("done");
      const after = await mainThreadOf(proc.pid);
      // Its time on a CPU grew by the work's (tens of milliseconds at least); its run-queue time never falls.
      assert.ok(after!.runMs - before.runMs > 5, `on a CPU: ${before.runMs} ms, then ${after!.runMs} ms`);
      assert.ok(after!.waitMs >= before.waitMs, `run queue: ${before.waitMs} ms, then ${after!.waitMs} ms`);
    } finally {
      await writer.close();
      await reader.cancel();
      await proc.status;
    }
    assert.equal(await mainThreadOf(2 ** 22 + 12345), null);
  },
});
