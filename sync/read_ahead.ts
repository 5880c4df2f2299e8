/**
 * Reads one batch ahead: while the sync maps, plans and pushes batch n, Nebim is already answering for
 * batch n+1, so the agent's work overlaps the database's instead of waiting for it.
 * @module
 */

export interface ReadBatch<T> {
  batch: string[];
  rows: T;
}

/**
 * Yields each batch of `batches` with `read(batch)`'s result, having started the read of the next batch
 * before yielding. At most two reads are outstanding. A read that fails is thrown when its batch is due;
 * a read started ahead that is never consumed (the caller stopped) cannot become an unhandled rejection.
 */
export async function* readAhead<T>(
  batches: AsyncIterable<string[]>,
  read: (batch: string[]) => Promise<T>,
): AsyncGenerator<ReadBatch<T>> {
  let ahead: { batch: string[]; rows: Promise<T> } | undefined;
  for await (const batch of batches) {
    const next = { batch, rows: read(batch) };
    next.rows.catch(() => {}); // observed below, when its turn comes
    if (ahead) yield { batch: ahead.batch, rows: await ahead.rows };
    ahead = next;
  }
  if (ahead) yield { batch: ahead.batch, rows: await ahead.rows };
}
