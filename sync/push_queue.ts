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

export class PushQueue {
  #tracked: Tracked[] = [];

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
      if (this.#tracked.some((t) => t.error)) await this.drain();
      const pending = this.#tracked.filter((t) => !t.settled);
      if (pending.length < PUSHES_IN_FLIGHT) break;
      await Promise.race(pending.map((t) => t.push.done.catch(() => {})));
    }
    this.#tracked = this.#tracked.filter((t) => !t.settled);
  }

  /** Waits for every push; throws the first failure, once all have settled. */
  async drain(): Promise<void> {
    await this.settle();
    this.#throwFailure();
  }

  /** Waits for every push, whatever its outcome: what the store took is recorded before a cycle fails. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#tracked.map((t) => t.push.done));
    // The outcome handlers of add() ran before allSettled's (registered first, on the same promises).
  }

  /** Throws the first failure among settled pushes (called once all have settled). */
  #throwFailure(): void {
    const failed = this.#tracked.find((t) => t.error);
    if (!failed) return;
    this.#tracked = [];
    throw failed.error!.reason;
  }
}
