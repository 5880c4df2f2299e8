/**
 * Simulated time for the client: `sleep` records the delay and moves `now` forward instead of waiting.
 * Pass the same `now` to the simulator's `clock` so both sides see one timeline.
 * @module
 */

export interface FakeTime {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every delay asked for, in order. */
  delays: number[];
}

export function fakeTime(start = 1_000_000): FakeTime {
  let t = start;
  const delays: number[] = [];
  return {
    now: () => t,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(signal.reason);
      delays.push(ms);
      t += ms;
      return Promise.resolve();
    },
    delays,
  };
}
