/**
 * The batches' writes under way. A batch's writes go out while the store still answers the previous
 * batch's, so neither the agent nor the store waits on the other between batches; more than
 * PUSHES_IN_FLIGHT at once would only hold more batches in memory.
 * @module
 */

/** One batch's writes in flight, and what their outcome will change in the bindings. */
export interface Push {
  done: Promise<void>;
  /** The stock codes it writes (its plan's `after`). */
  codes: { has(code: string): boolean };
  /** The keys (nebim/code_key.ts) of the item codes those stock codes were bound to before. */
  items: ReadonlySet<string>;
  /** The product codes it saves, by storeCodeKey (qukasoft/code_key.ts). */
  products: ReadonlySet<string>;
}

/** Batches whose writes may be under way at once. */
export const PUSHES_IN_FLIGHT = 2;

interface Tracked {
  push: Push;
  settled: boolean;
  error?: { reason: unknown };
}

/** Answered pushes' ledger writes kept for the next wait (PushQueue.defer): more run at once. */
export const DEFERRED_WRITES = 2;

export class PushQueue {
  #tracked: Tracked[] = [];
  #deferred: (() => void)[] = [];
  #flushFailure: { reason: unknown } | undefined;

  /**
   * Keeps an answered push's ledger write (its bindings, the end of its send row) to run when the sync next
   * waits: for room here, for a read not in yet (sync/read_ahead.ts), for the pushes at the end. SQLite's
   * work and its fsync are synchronous on the agent's one thread; run then, they take time it would spend
   * waiting for Nebim or the store, instead of holding up the next batch. Exactly-once does not change:
   * until the write runs, the push's send row stands in the ledger as for an answer lost in a crash, and the
   * in-memory bindings the next plans read are already up to date (push_plan.ts). More than
   * DEFERRED_WRITES waiting run at once.
   */
  defer(write: () => void): void {
    this.#deferred.push(write);
    if (this.#deferred.length <= DEFERRED_WRITES) return;
    // Run inside the push that deferred the last one: an earlier push's failed write is kept for room() and
    // drain() to throw, not thrown into this push, whose own outcome then goes unrecorded and unreported.
    this.#flushKeepingFailure();
  }

  /** flush(), its failure kept for room() and drain() to throw. */
  #flushKeepingFailure(): void {
    try {
      this.flush();
    } catch (e) {
      this.#flushFailure ??= { reason: e };
    }
  }

  /** Runs the deferred writes in order; the first failure is thrown once each was tried. */
  flush(): void {
    let failure: { reason: unknown } | undefined;
    while (this.#deferred.length) {
      try {
        this.#deferred.shift()!();
      } catch (e) {
        failure ??= { reason: e };
      }
    }
    if (failure) throw failure.reason;
  }

  /** The pushes still under way, oldest first. */
  get pending(): Push[] {
    return this.#tracked.filter((t) => !t.settled).map((t) => t.push);
  }

  add(push: Push): void {
    const t: Tracked = { push, settled: false };
    push.done.then(
      () => void (t.settled = true),
      (reason) => {
        t.settled = true;
        t.error = { reason };
      },
    );
    this.#tracked.push(t);
  }

  /**
   * Waits until another push may start: fewer than PUSHES_IN_FLIGHT under way. After a failure nothing
   * more is sent: the first failure is thrown once every push under way has settled (as within one call,
   * qukasoft/chunks.ts).
   */
  async room(): Promise<void> {
    for (;;) {
      if (this.#flushFailure || this.#tracked.some((t) => t.error)) await this.drain();
      const pending = this.#tracked.filter((t) => !t.settled);
      if (pending.length < PUSHES_IN_FLIGHT) break;
      this.flush(); // the wait is for the store: the ledger's work goes first
      await Promise.race(pending.map((t) => t.push.done.catch(() => {})));
    }
    this.#tracked = this.#tracked.filter((t) => !t.settled);
  }

  /**
   * Waits for every push and runs the deferred writes; throws the first failure, once all have settled: a
   * deferred write's (the ledger) before a push's.
   */
  async drain(): Promise<void> {
    await this.settle();
    this.#throwFailure();
  }

  /**
   * Waits for every push, whatever its outcome, and runs the deferred writes: what the store took is recorded
   * before a cycle fails. A write that fails is thrown by drain(); a cycle already failing for another reason
   * reports that one, and the writes not made leave their send rows for the next full cycle to settle.
   */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#tracked.map((t) => t.push.done));
    // The outcome handlers of add() ran before allSettled's (registered first, on the same promises).
    this.#flushKeepingFailure();
  }

  /** Throws a deferred write's failure, else the first among settled pushes (called once all have settled). */
  #throwFailure(): void {
    const failed = this.#flushFailure ?? this.#tracked.find((t) => t.error)?.error;
    this.#flushFailure = undefined;
    if (!failed) return;
    this.#tracked = [];
    throw failed.reason;
  }
}
