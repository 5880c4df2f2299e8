/**
 * Reads ahead: while the sync maps, plans and pushes batch n, Nebim is already answering for the next
 * batches, so the agent's work overlaps the database's instead of waiting for it. Three batches ahead: the
 * database then has the next reads queued while the store still answers a batch's writes (one read ahead
 * left the agent waiting on that read after every batch, two still often; docs/BENCHMARKS.md).
 * @module
 */

export interface ReadBatch<T> {
  batch: string[];
  rows: T;
}

/** Batches whose reads are started before the one being yielded is used. */
export const READ_AHEAD = 3;

/**
 * Yields each batch of `batches` with `read(batch)`'s result, having started the reads of up to `ahead`
 * next batches before yielding. `waiting` is called before a read not in yet is waited for (push_queue.ts
 * runs the ledger's deferred writes then). A read that fails is thrown when its batch is due; a read started ahead
 * that is never consumed (the caller stopped) cannot become an unhandled rejection.
 */
export async function* readAhead<T>(
  batches: AsyncIterable<string[]>,
  read: (batch: string[]) => Promise<T>,
  ahead = READ_AHEAD,
  waiting?: () => void,
): AsyncGenerator<ReadBatch<T>> {
  const started: { batch: string[]; rows: Promise<T>; done: boolean }[] = [];
  const due = async (d: (typeof started)[number]): Promise<ReadBatch<T>> => {
    if (!d.done) waiting?.();
    return { batch: d.batch, rows: await d.rows };
  };
  for await (const batch of batches) {
    const next = { batch, rows: read(batch), done: false };
    // Observed below, when its turn comes; `done` tells whether taking it then waits.
    next.rows.then(() => next.done = true, () => next.done = true);
    started.push(next);
    if (started.length > ahead) yield await due(started.shift()!);
  }
  for (const d of started) yield await due(d);
}
