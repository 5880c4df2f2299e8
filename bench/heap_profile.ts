/**
 * Optional allocation profile of the agent's cycles (BENCH_HEAP_PROFILE=<dir>): V8's sampling heap
 * profiler over the inspector, counting objects later collected too, so the profile says which functions
 * allocate the most, not only what stays live. With BENCH_HEAP_SURVIVORS=1 it leaves out what a scavenge
 * collected: what lived long enough to be copied, the young generation's cost. One `.heapprofile` per cycle
 * (Chrome DevTools opens it).
 * @module
 */

import { Session } from "node:inspector";

export interface HeapProfiler {
  start(): Promise<void>;
  stop(name: string): Promise<void>;
}

export function heapProfiler(dir: string | undefined): HeapProfiler | undefined {
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (e: Error | null, r?: object) => e ? reject(e) : resolve(r))
    );
  return {
    async start() {
      await post("HeapProfiler.enable");
      await post("HeapProfiler.startSampling", {
        samplingInterval: 65536,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: Deno.env.get("BENCH_HEAP_SURVIVORS") !== "1",
      });
    },
    async stop(name) {
      const { profile } = await post("HeapProfiler.stopSampling") as { profile: unknown };
      await Deno.mkdir(dir, { recursive: true });
      await Deno.writeTextFile(`${dir}/${name}.heapprofile`, JSON.stringify(profile));
    },
  };
}
