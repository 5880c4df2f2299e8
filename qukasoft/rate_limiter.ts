/**
 * A client-side sliding-window limit (n requests per window) so the agent stays under the store's quota
 * instead of learning it from 429s. Clock and sleep are injected so tests run on simulated time.
 * @module
 */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RateLimiter {
  /** Resolves when one more request may start (and counts it). */
  acquire(signal?: AbortSignal): Promise<void>;
}

export function createRateLimiter(
  options: { limit: number; windowMs: number; now: () => number; sleep: Sleep },
): RateLimiter {
  const { limit, windowMs, now, sleep } = options;
  if (!(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(
      `Cannot limit requests as 'limit' must be an integer ≥ 1: current value is ${limit}`,
    );
  }
  const starts: number[] = [];
  return {
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const t = now();
        while (starts.length > 0 && starts[0]! <= t - windowMs) starts.shift();
        if (starts.length < limit) {
          starts.push(t);
          return;
        }
        await sleep(starts[0]! + windowMs - t, signal);
      }
    },
  };
}

/** A real sleep that stops early (rejecting) when the signal aborts, and leaves no timer behind. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
