/**
 * Waiting on something during a stop, but not for ever: a client holding a request open, or a cycle that does
 * not answer its abort, must not keep the agent from stopping. The timer is cleared either way, so none
 * outlives the stop.
 * @module
 */

/** Resolves when `work` settles (its failure is not this wait's to report) or after `ms`, whichever is first. */
export async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([work.catch(() => {}), new Promise((r) => timer = setTimeout(r, ms))]);
  } finally {
    clearTimeout(timer);
  }
}
