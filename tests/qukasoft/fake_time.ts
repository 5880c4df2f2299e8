/**
 * Simulated time for the client: `sleep` records the delay and moves `now` forward instead of waiting, and
 * `random` takes the chance out of the retry backoff.
 * Pass the same `now` to the simulator's `clock` so both sides see one timeline.
 * @module
 */

export interface FakeTime {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every delay asked for, in order. */
  delays: number[];
  /** The client's jitter source: 0, no jitter, so the delays read as the backoff schedule itself. */
  random: () => number;
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
    random: () => 0,
  };
}
