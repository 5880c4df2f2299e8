/**
 * A write call's requests: its items in chunks of the contract's size, sent a few at a time, and when one
 * fails, the call's error carrying what the others got done.
 * @module
 */

import { errorMessage, IntegrationError, PartialFailure } from "../errors.ts";

/**
 * Write requests of one call in flight at once. The store works on one while the next travels, and the
 * agent's own work between responses no longer holds back the next request. Kept small: the rate
 * limiter still spaces them, and the store sees no more than a browser would open.
 */
export const WRITE_CONCURRENCY = 4;

/**
 * One client's write requests in flight, whatever call they belong to: the sync may have two batches'
 * calls under way (sync/push_queue.ts), and the store still sees no more than WRITE_CONCURRENCY at once.
 * Waiters are served in order.
 */
export class WriteLanes {
  #free: number;
  #waiting: (() => void)[] = [];

  constructor(lanes = WRITE_CONCURRENCY) {
    this.#free = lanes;
  }

  async run<T>(request: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await request();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}

/**
 * One write call: each of `items` made a wire item (one that cannot be gets `refused` and is not sent), sent
 * in chunks of `size` (eachChunk, `keyOf` saying which must go in order) by `send`, which gives each chunk's
 * items their results in order. A request refused as too large (`split.tooLarge`: the store never saw it)
 * goes again as two halves, in order, down to one item, which then gets `split.oversized`. A request that
 * fails past its retries fails the call as partialFailure says.
 */
export async function writeInChunks<I, W, R>(o: {
  items: readonly I[];
  toWire: (item: I) => W;
  refused: (item: I, error: unknown) => R;
  unwritten: (item: W, message: string) => R;
  size: number;
  keyOf: (item: W) => unknown;
  send: (chunk: W[]) => Promise<R[]>;
  /** The client's lanes, shared with its other write calls. */
  lanes: WriteLanes;
  split?: { tooLarge: (error: unknown) => boolean; oversized: (item: W, message: string) => R };
}): Promise<R[]> {
  const results: (R | undefined)[] = [];
  const wire: { index: number; item: W }[] = [];
  o.items.forEach((item, index) => {
    try {
      wire.push({ index, item: o.toWire(item) });
    } catch (e) {
      results[index] = o.refused(item, e);
    }
  });
  let requests = 0; // started: a failure stops the rest
  // Each request's results are kept as it is answered: a 413's first half, applied and answered, keeps its
  // own when the second half fails (not "may have been written", which would send it again).
  const send = async (chunk: { index: number; item: W }[]): Promise<void> => {
    requests++;
    try {
      const answered = await o.send(chunk.map((w) => w.item));
      chunk.forEach(({ index }, k) => results[index] = answered[k]);
    } catch (e) {
      if (!o.split?.tooLarge(e)) throw e;
      if (chunk.length === 1) {
        results[chunk[0]!.index] = o.split.oversized(chunk[0]!.item, errorMessage(e));
        return;
      }
      const half = Math.ceil(chunk.length / 2);
      await send(chunk.slice(0, half));
      await send(chunk.slice(half));
    }
  };
  try {
    await eachChunk(wire, o.size, (w) => o.keyOf(w.item), send, o.lanes);
  } catch (e) {
    throw partialFailure(e, results, wire, o.unwritten, requests);
  }
  return results.map((r) => r!);
}

/**
 * The error a write call fails with when one of its requests failed (`e`, an IntegrationError): a
 * PartialFailure carrying a result for every input, the answered requests' as they came, and for the items of
 * the failed request and of any not started after it `unwritten` with the error's message (not known to be
 * written: that request may have been applied). So the caller records what the other requests wrote, and
 * counts the `requests` sent.
 */
function partialFailure<W, R>(
  e: unknown,
  results: (R | undefined)[],
  wire: readonly { index: number; item: W }[],
  unwritten: (item: W, message: string) => R,
  requests: number,
): unknown {
  if (!(e instanceof IntegrationError)) return e;
  for (const { index, item } of wire) results[index] ??= unwritten(item, e.message);
  return new PartialFailure(e, results.map((r) => r!), requests);
}

/**
 * Runs `send` over `items` in chunks of `size`, up to WRITE_CONCURRENCY at a time when no two items share
 * a `keyOf` (their order cannot matter), else one after another, each in one of `lanes` (shared with other
 * calls; default: this call's own). After a failure no further chunk is started (as when they go one after
 * another), also none that was waiting for a lane; the first failure is thrown once the chunks in flight
 * have settled, so no request is still running when the caller moves on.
 */
export async function eachChunk<T>(
  items: readonly T[],
  size: number,
  keyOf: (item: T) => unknown,
  send: (chunk: T[]) => Promise<void>,
  lanes = new WriteLanes(),
): Promise<void> {
  const independent = new Set(items.map(keyOf)).size === items.length;
  let next = 0;
  let failed = false;
  // A chunk is taken once its lane is: one waiting for a lane is not started after a failure.
  const one = async () => {
    if (failed || next >= items.length) return;
    const chunk = items.slice(next, next += size);
    try {
      await send(chunk);
    } catch (e) {
      failed = true;
      throw e;
    }
  };
  const worker = async () => {
    while (!failed && next < items.length) await lanes.run(one);
  };
  const workers = independent ? Math.min(WRITE_CONCURRENCY, Math.ceil(items.length / size)) : 1;
  const settled = await Promise.allSettled(Array.from({ length: workers }, worker));
  const rejected = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (rejected) throw rejected.reason;
}
