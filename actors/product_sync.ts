/**
 * The productSync actor: when to run a product cycle, incremental or full, and how to back off. The cycle
 * itself is `runCycle`, provided by the host (main.ts wires `syncProducts`); this file holds states,
 * timers and retries only.
 * @module
 */

import { type AnyActorRef, assign, enqueueActions, fromPromise, setup } from "xstate";
import { errorKind, errorMessage, IntegrationError } from "../errors.ts";
import type { PriceRules } from "../pricing/rules.ts";
import { TIMER_MAX_MS } from "../timer_max.ts";

export interface CycleSummary {
  mode: "incremental" | "full";
  /** When it finished, from the host's clock (ISO). */
  finishedAt: string;
  created: number;
  updated: number;
  failed: number;
  problems: number;
  /** Stock codes the store no longer has: an incremental cycle that met any asks for a full one. */
  missing?: number;
  /** Refused codes whose store state the ledger may have wrong (PushTally.unsure): likewise. */
  unsure?: number;
}

export interface CycleInput {
  mode: "incremental" | "full";
  rules: PriceRules;
}

export interface ProductSyncInput {
  intervalMs: number;
  fullEveryMs: number;
  maxBackoffMs: number;
}

export interface ProductSyncContext extends ProductSyncInput {
  rules: PriceRules | null;
  failures: number;
  /** How long the last failure asked to be left alone (a 429's Retry-After beyond what a call waits out). */
  retryAfterMs: number;
  /** Full cycles asked for (schedule, reprice) vs. started: a full cycle is due while requested > started. */
  fullRequested: number;
  fullStarted: number;
  running: "incremental" | "full" | null;
  /** What is left of the interval and of the full period: a period longer than a timer waits in steps. */
  intervalLeftMs: number;
  fullLeftMs: number;
  lastCycle: CycleSummary | null;
  lastError: string | null;
}

export type ProductSyncEvent =
  | { type: "rules"; rules: PriceRules; reprice: boolean }
  | { type: "syncNow" }
  | { type: "fullNow" }
  | { type: "schedule"; intervalMs: number; fullEveryMs: number }
  // Raised by `schedule` itself, to set its timers again.
  | { type: "fullEveryChanged" }
  | { type: "intervalChanged" };

/** The wait a failure asked for (the store's Retry-After), at most an hour; 0 when it asked none. */
function retryAfterMs(error: unknown): number {
  const sec = error instanceof IntegrationError ? error.retryAfterSec : undefined;
  return sec === undefined ? 0 : Math.min(sec, 3600) * 1000;
}

export const productSyncMachine = setup({
  types: {} as {
    context: ProductSyncContext;
    input: ProductSyncInput;
    events: ProductSyncEvent;
    output: { error: string };
  },
  actors: {
    runCycle: fromPromise<CycleSummary, CycleInput>(() =>
      Promise.reject(new Error("runCycle is not provided"))
    ),
  },
  guards: {
    retriable: ({ event }) => errorKind((event as { error?: unknown }).error) === "retriable",
    hasRules: ({ context }) => context.rules !== null,
    // A full reconciliation every 30 days (43,200 minutes), or a huge period meant as "hardly ever", would come
    // after every cycle (timer_max.ts): longer periods are waited in steps of TIMER_MAX_MS.
    intervalLeft: ({ context }) => context.intervalLeftMs > TIMER_MAX_MS,
    fullLeft: ({ context }) => context.fullLeftMs > TIMER_MAX_MS,
  },
  delays: {
    interval: ({ context }) => Math.min(context.intervalLeftMs, TIMER_MAX_MS),
    fullEvery: ({ context }) => Math.min(context.fullLeftMs, TIMER_MAX_MS),
    backoff: ({ context }) =>
      Math.max(
        Math.min(context.intervalMs * 2 ** (context.failures - 1), context.maxBackoffMs),
        context.retryAfterMs,
      ),
  },
}).createMachine({
  id: "productSync",
  initial: "working",
  context: ({ input }) => ({
    ...input,
    rules: null,
    failures: 0,
    retryAfterMs: 0,
    fullRequested: 1, // the first cycle after a start is a full reconciliation
    fullStarted: 0,
    running: null,
    intervalLeftMs: input.intervalMs,
    fullLeftMs: input.fullEveryMs,
    lastCycle: null,
    lastError: null,
  }),
  on: {
    rules: {
      actions: assign(({ context, event }) => ({
        rules: event.rules,
        fullRequested: event.reprice ? context.fullRequested + 1 : context.fullRequested,
      })),
    },
    fullNow: { actions: assign({ fullRequested: ({ context }) => context.fullRequested + 1 }) },
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
              always: {
                guard: ({ context }) => context.fullRequested > context.fullStarted,
                target: "running",
              },
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
              // `rules` (reprice) and `fullNow` are handled at the root; `always` then starts the full cycle.
              on: {
                syncNow: "running",
                intervalChanged: {
                  target: "idle",
                  reenter: true,
                  actions: assign({ intervalLeftMs: ({ context }) => context.intervalMs }),
                },
              },
            },
            running: {
              entry: assign(({ context }) => {
                const full = context.fullRequested > context.fullStarted;
                return {
                  running: full ? "full" as const : "incremental" as const,
                  fullStarted: full ? context.fullRequested : context.fullStarted,
                };
              }),
              invoke: {
                src: "runCycle",
                input: ({ context }) => ({ mode: context.running ?? "incremental", rules: context.rules! }),
                onDone: {
                  target: "idle",
                  actions: [
                    assign(({ context, event }) => ({
                      failures: 0,
                      retryAfterMs: 0,
                      running: null,
                      intervalLeftMs: context.intervalMs,
                      lastError: null,
                      lastCycle: event.output,
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
                    guard: "retriable",
                    target: "backingOff",
                    actions: assign(({ context, event }) => ({
                      failures: context.failures + 1,
                      retryAfterMs: retryAfterMs(event.error),
                      lastError: errorMessage(event.error),
                      // a failed full cycle is still owed
                      fullStarted: context.running === "full" ? context.fullStarted - 1 : context.fullStarted,
                      running: null,
                    })),
                  },
                  {
                    target: "#productSync.failed",
                    actions: assign(({ context, event }) => ({
                      failures: context.failures + 1,
                      lastError: errorMessage(event.error),
                      running: null,
                    })),
                  },
                ],
              },
            },
            backingOff: { after: { backoff: "running" }, on: { syncNow: "running" } },
          },
        },
      },
    },
    failed: { type: "final" },
  },
  output: ({ context }) => ({ error: context.lastError ?? "failed" }),
});
