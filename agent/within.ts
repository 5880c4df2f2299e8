/**
 * Waiting on something during a stop, but not for ever: a client holding a request open, or a cycle that does
 * not answer its abort, must not keep the agent from stopping. The timer is cleared either way, so none
 * outlives the stop.
 * @module
 */

/**
 * Resolves when `work` settles (its failure is not this wait's to report) or after `ms`, whichever is first:
 * true when `work` settled in time.
 */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work.then(() => true, () => true),
      new Promise<boolean>((r) => timer = setTimeout(() => r(false), ms)),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
