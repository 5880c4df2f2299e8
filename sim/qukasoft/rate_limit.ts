/**
 * A sliding-window request limit per store (the contract assumes 50 requests per 10 s). Refused
 * requests do not count, so a client that waits the advertised Retry-After gets through.
 * @module
 */

export interface WindowLimiter {
  /** Counts a request now; returns undefined when allowed, else the seconds to wait (≥ 1). */
  take(): number | undefined;
}

export function createWindowLimiter(limit: number, windowMs: number, clock: () => number): WindowLimiter {
  if (!(limit >= 1)) {
    throw new RangeError(`Cannot limit requests as 'limit' must be ≥ 1: current value is ${limit}`);
  }
  const times: number[] = [];
  return {
    take() {
      const now = clock();
      while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
      if (times.length < limit) {
        times.push(now);
        return undefined;
      }
      return Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
    },
  };
}
