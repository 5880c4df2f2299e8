/**
 * A client-side sliding-window limit (n requests per window) so the agent stays under the store's quota
 * instead of learning it from 429s. Clock and sleep are injected so tests run on simulated time.
 * @module
 */

import { untilAborted } from "../until_aborted.ts";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RateLimiter {
  /**
   * Resolves when one more request may start (and counts it), with the function to call once its answer has
   * come or it failed: its window runs from then.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/**
 * What a limiter has counted. The limiters of one store's successive clients share it (a settings change
 * rebuilds the client), so a new one does not start empty while the store still counts the old one's requests.
 */
export interface RequestHistory {
  /** When the answered requests were answered, oldest first. */
  ends: number[];
  inFlight: number;
  /** Resolved by the next answer, for those waiting with every slot out. */
  answered?: { promise: Promise<void>; resolve: () => void };
  /**
   * When (the limiter's clock) a Retry-After of the store's ends that was too long for a request to wait out
   * (qukasoft/request.ts): until then nothing is sent, by this client or the one a settings change makes next.
   */
  notBefore?: number;
}

export function requestHistory(): RequestHistory {
  return { ends: [], inFlight: 0 };
}

/**
 * The store counts a request when it arrives, somewhere between its start and its answer: a window counted
 * from the start would let the next request reach the store within the store's window whenever the earlier
 * one took longer to arrive (a 429). Counted from the answer, it never does.
 */
export function createRateLimiter(
  options: { limit: number; windowMs: number; now: () => number; sleep: Sleep; history?: RequestHistory },
): RateLimiter {
  const { limit, windowMs, now, sleep, history: h = requestHistory() } = options;
  if (!(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(
      `Cannot limit requests as 'limit' must be an integer ≥ 1: current value is ${limit}`,
    );
  }
  const { ends } = h;
  return {
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const t = now();
        while (ends.length > 0 && ends[0]! <= t - windowMs) ends.shift();
        if (ends.length + h.inFlight < limit) {
          h.inFlight++;
          let done = false;
          return () => {
            if (done) return;
            done = true;
            h.inFlight--;
            ends.push(now());
            h.answered?.resolve();
            h.answered = undefined;
          };
        }
        if (ends.length > 0) await sleep(ends[0]! + windowMs - t, signal);
        else await untilAborted((h.answered ??= Promise.withResolvers<void>()).promise, signal);
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
