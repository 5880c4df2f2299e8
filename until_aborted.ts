/**
 * Waiting for work that does not heed an AbortSignal, but no longer than the signal allows.
 * @module
 */

/**
 * `promise`'s outcome, or a rejection with the signal's reason when it aborts first; the work itself goes on,
 * unwaited (its later failure is handled here, never unhandled).
 */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
