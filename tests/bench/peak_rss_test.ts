import assert from "node:assert/strict";
import { peakRssMb, resetPeak } from "../../bench/peak_rss.ts";

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
