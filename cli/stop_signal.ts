/**
 * The operator's stop (Ctrl+C, the service's stop signal) as the command line hears it.
 * @module
 */

/**
 * Runs a one-shot cycle with a signal the first Ctrl+C aborts: the cycle stops as the agent's does, recording
 * what the store took and how its run ended, where the default Ctrl+C killed it mid-write. The listener goes
 * with that first one, so a second Ctrl+C ends the process at once.
 */
export async function untilStopped<T>(
  stopSignal: (until?: AbortSignal) => Promise<void>,
  err: (l: string) => void,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  const done = new AbortController();
  stopSignal(done.signal).then(() => {
    if (done.signal.aborted) return;
    err("stopping… (Ctrl+C again ends it at once)");
    stop.abort();
  });
  try {
    return await fn(stop.signal);
  } finally {
    done.abort();
  }
}

/** Ctrl+C, and on Windows the service wrapper's SIGBREAK; SIGTERM elsewhere. */
export function osStopSignal(until?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const signals: Deno.Signal[] = Deno.build.os === "windows"
      ? ["SIGINT", "SIGBREAK"]
      : ["SIGINT", "SIGTERM"];
    const unlisten = () => {
      for (const s of signals) Deno.removeSignalListener(s, stop);
    };
    const stop = () => {
      unlisten();
      resolve();
    };
    for (const s of signals) Deno.addSignalListener(s, stop);
    until?.addEventListener("abort", unlisten, { once: true });
  });
}
