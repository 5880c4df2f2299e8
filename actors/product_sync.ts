/**
 * The productSync actor: when to run a product cycle, incremental or full, and how to back off. The cycle
 * itself is `runCycle`, provided by the host (main.ts wires `syncProducts`); this file holds states,
 * timers and retries only.
 * @module
 */

import { type AnyActorRef, assign, enqueueActions, fromPromise, setup } from "xstate";
import { errorKind, errorMessage, IntegrationError, superseded } from "../errors.ts";
import { TIMER_MAX_MS } from "../timer_max.ts";
import type {
  CycleInput,
  CycleSummary,
  ProductSyncCarry,
  ProductSyncContext,
  ProductSyncEvent,
  ProductSyncInput,
} from "./product_sync_context.ts";

export type * from "./product_sync_context.ts";

/** The wait a failure asked for (the store's Retry-After), at most an hour; 0 when it asked none. */
function retryAfterMs(error: unknown): number {
  const sec = error instanceof IntegrationError ? error.retryAfterSec : undefined;
  return sec === undefined ? 0 : Math.min(sec, 3600) * 1000;
}

/** The wait after `failures` failed cycles in a row: the interval, doubling, at most `maxBackoffMs`. */
function backoffMs(c: ProductSyncInput, failures: number): number {
  return Math.min(c.intervalMs * 2 ** (failures - 1), c.maxBackoffMs);
}

/** A full cycle owed and not waiting for incremental ones to run first. */
function fullDue(c: ProductSyncContext): boolean {
  return c.fullRequested > c.fullDone && c.fullWaits === 0;
}

export const productSyncMachine = setup({
  types: {} as {
    context: ProductSyncContext;
    input: ProductSyncInput;
    events: ProductSyncEvent;
    output: { error: string; carried: ProductSyncCarry; syncAsked: boolean };
  },
  actors: {
    runCycle: fromPromise<CycleSummary, CycleInput>(() =>
      Promise.reject(new Error("runCycle is not provided"))
    ),
  },
  guards: {
    retriable: ({ event }) => errorKind((event as { error?: unknown }).error) === "retriable",
    superseded: ({ event }) => superseded((event as { error?: unknown }).error),
    hasRules: ({ context }) => context.rules !== null,
    // A full reconciliation every 30 days (43,200 minutes), or a huge period meant as "hardly ever", would come
    // after every cycle (timer_max.ts): longer periods are waited in steps of TIMER_MAX_MS.
    intervalLeft: ({ context }) => context.intervalLeftMs > TIMER_MAX_MS,
    fullLeft: ({ context }) => context.fullLeftMs > TIMER_MAX_MS,
  },
  delays: {
    interval: ({ context }) => Math.min(context.intervalLeftMs, TIMER_MAX_MS),
    fullEvery: ({ context }) => Math.min(context.fullLeftMs, TIMER_MAX_MS),
    backoff: ({ context }) => Math.max(backoffMs(context, context.failures), context.retryAfterMs),
  },
}).createMachine({
  id: "productSync",
  initial: "working",
  context: ({ input: { carried, ...input } }) => ({
    ...input,
    rules: null,
    failures: 0,
    retryAfterMs: 0,
    fullRequested: 1, // the first cycle after a start is a full reconciliation
    fullDone: 0,
    runningAnswers: 0,
    running: null,
    fullFailures: carried?.fullFailures ?? 0,
    fullError: carried?.fullError ?? null,
    fullWaits: 0,
    intervalLeftMs: input.intervalMs,
    fullLeftMs: input.fullEveryMs,
    lastCycle: null,
    lastError: null,
    lastFailedAs: carried?.lastFailedAs ?? null,
    syncAsked: false,
  }),
  on: {
    // A full cycle asked for now (new prices, a changed setting) is tried at once, even while a failed one
    // waits: the change may be what mends it.
    rules: {
      actions: assign(({ context, event }) => ({
        rules: event.rules,
        fullRequested: event.reprice ? context.fullRequested + 1 : context.fullRequested,
        fullWaits: event.reprice ? 0 : context.fullWaits,
      })),
    },
    fullNow: { actions: assign({ fullRequested: ({ context }) => context.fullRequested + 1, fullWaits: 0 }) },
    // A cycle asked for now: run at once when idle or backing off (their `always`), after the running one ends.
    syncNow: { actions: assign({ syncAsked: true }) },
    schedule: {
      // A changed period counts from the change: a timer set with the old one may be hours away.
      actions: enqueueActions(({ context, event, enqueue }) => {
        if (event.fullEveryMs !== context.fullEveryMs) enqueue.raise({ type: "fullEveryChanged" });
        if (event.intervalMs !== context.intervalMs) enqueue.raise({ type: "intervalChanged" });
        enqueue.assign({ intervalMs: event.intervalMs, fullEveryMs: event.fullEveryMs });
      }),
    },
  },
  states: {
    working: {
      type: "parallel",
      states: {
        fullSchedule: {
          initial: "ticking",
          states: {
            ticking: {
              on: {
                fullEveryChanged: {
                  target: "ticking",
                  reenter: true,
                  actions: assign({ fullLeftMs: ({ context }) => context.fullEveryMs }),
                },
              },
              after: {
                fullEvery: [
                  {
                    guard: "fullLeft",
                    target: "ticking",
                    reenter: true,
                    actions: assign({ fullLeftMs: ({ context }) => context.fullLeftMs - TIMER_MAX_MS }),
                  },
                  {
                    target: "ticking",
                    reenter: true,
                    actions: assign(({ context }) => ({
                      fullRequested: context.fullRequested + 1,
                      fullLeftMs: context.fullEveryMs,
                    })),
                  },
                ],
              },
            },
          },
        },
        cycle: {
          initial: "waitingForRules",
          states: {
            waitingForRules: {
              // After a restart the rules come from priceRules on request; on first start it offers them.
              entry: enqueueActions(({ system, enqueue }) => {
                const rules = system.get("priceRules") as AnyActorRef | undefined;
                if (rules) enqueue.sendTo(rules, { type: "rulesWanted" });
              }),
              always: { guard: "hasRules", target: "running" },
            },
            idle: {
              always: { guard: ({ context }) => fullDue(context) || context.syncAsked, target: "running" },
              after: {
                interval: [
                  {
                    guard: "intervalLeft",
                    target: "idle",
                    reenter: true,
                    actions: assign({
                      intervalLeftMs: ({ context }) => context.intervalLeftMs - TIMER_MAX_MS,
                    }),
                  },
                  { target: "running" },
                ],
              },
              // `rules` (reprice), `fullNow` and `syncNow` are handled at the root; `always` then starts the cycle.
              on: {
                intervalChanged: {
                  target: "idle",
                  reenter: true,
                  actions: assign({ intervalLeftMs: ({ context }) => context.intervalMs }),
                },
              },
            },
            running: {
              // A full cycle owed but waiting after a failure: this one is incremental, and counts down the wait.
              entry: assign(({ context }) => ({
                running: fullDue(context) ? "full" as const : "incremental" as const,
                runningAnswers: context.fullRequested,
                fullWaits: Math.max(0, context.fullWaits - 1),
                syncAsked: false,
              })),
              on: { ranAs: { actions: assign({ running: ({ event }) => event.mode }) } },
              invoke: {
                src: "runCycle",
                input: ({ context, self }) => ({
                  mode: context.running ?? "incremental",
                  rules: context.rules!,
                  onMode: (mode) => self.send({ type: "ranAs", mode }),
                }),
                onDone: {
                  target: "idle",
                  actions: [
                    assign(({ context, event }) => ({
                      failures: 0,
                      retryAfterMs: 0,
                      running: null,
                      intervalLeftMs: context.intervalMs,
                      lastError: null,
                      lastFailedAs: null,
                      lastCycle: event.output,
                      // A full cycle that ended well (also one asked as incremental that ran full: no window
                      // known) answers the requests made before it started, and ends a failed one's wait.
                      ...(event.output.mode === "full"
                        ? {
                          fullDone: Math.max(context.fullDone, context.runningAnswers),
                          fullFailures: 0,
                          fullError: null,
                          fullWaits: 0,
                        }
                        : {}),
                      // The store lost stock codes the ledger says it has (deleted or re-coded in its panel):
                      // only a full cycle, which lists the store, knows whether their product is gone too and
                      // creates what is missing; so too for a refused write the ledger cannot tell the store's
                      // state of (its last write's answer lost). Not after a full cycle: a store that keeps
                      // answering so would loop.
                      fullRequested: event.output.mode === "incremental" &&
                          (event.output.missing ?? 0) + (event.output.unsure ?? 0) > 0
                        ? context.fullRequested + 1
                        : context.fullRequested,
                    })),
                    // Tell the supervisor (when there is one) that this child is healthy again.
                    enqueueActions(({ system, enqueue }) => {
                      const root = system.get("supervisor") as AnyActorRef | undefined;
                      if (root) enqueue.sendTo(root, { type: "child.ok", name: "productSync" });
                    }),
                  ],
                },
                onError: [
                  {
                    // Given up for changed settings (a nebim.sql change during the SQL login): no failure, nor
                    // a failed full one put off behind incremental cycles. The full cycle owed stays owed, and
                    // idle runs it, or the cycle the change asks for (syncNow), at once.
                    guard: "superseded",
                    target: "idle",
                    actions: assign({ running: null }),
                  },
                  {
                    guard: "retriable",
                    target: "backingOff",
                    actions: assign(({ context, event }) => {
                      const full = context.running === "full"; // also one asked as incremental that ran full (ranAs)
                      // A failed full cycle is still owed; incremental ones run first, as many as its backoff
                      // holds intervals (at least one), so that stock and prices keep reaching the store.
                      const fullFailures = full ? context.fullFailures + 1 : context.fullFailures;
                      return {
                        failures: context.failures + 1,
                        retryAfterMs: retryAfterMs(event.error),
                        lastError: errorMessage(event.error),
                        lastFailedAs: context.running,
                        running: null,
                        ...(full
                          ? {
                            fullFailures,
                            fullError: errorMessage(event.error),
                            fullWaits: Math.ceil(backoffMs(context, fullFailures) / context.intervalMs),
                          }
                          : {}),
                      };
                    }),
                  },
                  {
                    // The supervisor restarts it, passing on what it counted (output `carried`).
                    target: "#productSync.failed",
                    actions: assign(({ context, event }) => ({
                      failures: context.failures + 1,
                      lastError: errorMessage(event.error),
                      lastFailedAs: context.running,
                      running: null,
                    })),
                  },
                ],
              },
            },
            backingOff: {
              always: { guard: ({ context }) => context.syncAsked, target: "running" },
              after: { backoff: "running" },
            },
          },
        },
      },
    },
    failed: { type: "final" },
  },
  output: ({ context }) => ({
    error: context.lastError ?? "failed",
    carried: {
      fullFailures: context.fullFailures,
      fullError: context.fullError,
      lastFailedAs: context.lastFailedAs,
    },
    syncAsked: context.syncAsked,
  }),
});
