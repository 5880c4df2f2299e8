/**
 * The root actor: runs productSync and priceRules (orderTransfer joins later as one more region), restarts
 * a child that failed with a capped, doubling backoff, and forwards settings changes. States, timers and
 * retries only.
 * @module
 */

import { type AnyActorRef, assign, enqueueActions, setup } from "xstate";
import { changedConnections, needsFullSync, needsReprice, type Settings } from "../settings/mod.ts";
import { priceRulesMachine } from "./price_rules.ts";
import { type ProductSyncCarry, productSyncMachine } from "./product_sync.ts";
import { errorMessage } from "../errors.ts";

export type ChildName = "productSync" | "priceRules";

export interface SupervisorInput {
  settings: Settings;
  /** First restart delay; doubles per consecutive failure up to `maxRestartMs`. */
  restartMs: number;
  maxRestartMs: number;
}

export interface SupervisorContext extends SupervisorInput {
  restarts: Record<ChildName, number>;
  failures: Record<ChildName, number>;
  lastError: Record<ChildName, string | null>;
  /** What the productSync that ended counted, for the one restarted (its failed full cycles, /health). */
  carried?: ProductSyncCarry;
}

export type SupervisorEvent =
  | { type: "settingsChanged"; settings: Settings; changed: string[] }
  | { type: "child.ok"; name: ChildName }
  | { type: "syncNow" }
  | { type: "fullNow" }
  // Raised for a child that is waiting out its restart delay: start it now.
  | { type: "productSync.restartNow" }
  | { type: "priceRules.restartNow" };

function schedule(s: Settings) {
  return {
    intervalMs: s.schedule.productsEverySec * 1000,
    fullEveryMs: s.schedule.fullReconcileEveryMin * 60_000,
  };
}

/**
 * A child, or undefined while it is restarting. Sending to an absent child by id throws in XState and stops
 * the supervisor with every child: an operator correcting the login that failed would stop the agent's sync.
 */
function child(system: { get(id: string): unknown }, name: ChildName): AnyActorRef | undefined {
  return system.get(name) as AnyActorRef | undefined;
}

/**
 * A connection the product cycle uses changed (SQL Server, the store): maybe the operator's fix for its failure.
 * Not the Integrator, for orders only: its change must not cut short a store's Retry-After of up to an hour.
 */
function mendsProductSync(changed: readonly string[]): boolean {
  return changedConnections(changed).some((c) => c !== "integrator");
}

/** A change productSync runs a cycle for at once: a connection it uses, or a full cycle (any catalogue key). */
function concernsProductSync(changed: readonly string[]): boolean {
  return mendsProductSync(changed) || needsFullSync(changed);
}

/** Passes a cycle asked for now (syncNow, fullNow) to productSync, or restarts it now when it waits to restart. */
function askProductSync(
  { event, enqueue, system }: {
    event: SupervisorEvent;
    enqueue: { sendTo(to: AnyActorRef, e: SupervisorEvent): void; raise(e: SupervisorEvent): void };
    system: { get(id: string): unknown };
  },
): void {
  const productSync = child(system, "productSync");
  if (productSync) enqueue.sendTo(productSync, event);
  else enqueue.raise({ type: "productSync.restartNow" });
}

export const supervisorMachine = setup({
  types: {} as { context: SupervisorContext; input: SupervisorInput; events: SupervisorEvent },
  actors: { productSync: productSyncMachine, priceRules: priceRulesMachine },
  actions: {
    childFailed: assign(({ context, event }, params: { name: ChildName }) => {
      const e = event as { error?: unknown; output?: { error?: string } };
      const message = e.output?.error ??
        errorMessage(e.error ?? "stopped");
      const { name } = params;
      return {
        failures: { ...context.failures, [name]: context.failures[name] + 1 },
        restarts: { ...context.restarts, [name]: context.restarts[name] + 1 },
        lastError: { ...context.lastError, [name]: message },
      };
    }),
  },
  delays: {
    productSyncRestart: ({ context }) =>
      Math.min(context.restartMs * 2 ** Math.max(0, context.failures.productSync - 1), context.maxRestartMs),
    priceRulesRestart: ({ context }) =>
      Math.min(context.restartMs * 2 ** Math.max(0, context.failures.priceRules - 1), context.maxRestartMs),
  },
}).createMachine({
  id: "supervisor",
  type: "parallel",
  context: ({ input }) => ({
    ...input,
    restarts: { productSync: 0, priceRules: 0 },
    failures: { productSync: 0, priceRules: 0 },
    lastError: { productSync: null, priceRules: null },
  }),
  on: {
    settingsChanged: {
      actions: [
        assign({ settings: ({ event }) => event.settings }),
        // A child that is restarting starts again now, from the settings just kept (productSync with a full
        // cycle), when the change is one it acts on: it may be the operator's fix for what failed it, which the
        // rest of a backoff of up to maxRestartMs would keep waiting. Another change (an order setting) leaves
        // the backoff to run: it mends nothing of this child's.
        enqueueActions(({ event, enqueue, system }) => {
          const priceRules = child(system, "priceRules");
          const productSync = child(system, "productSync");
          if (priceRules) enqueue.sendTo(priceRules, event);
          else if (needsReprice(event.changed)) enqueue.raise({ type: "priceRules.restartNow" });
          if (!productSync) {
            if (concernsProductSync(event.changed)) enqueue.raise({ type: "productSync.restartNow" });
            return;
          }
          enqueue.sendTo(productSync, { type: "schedule", ...schedule(event.settings) });
          // A catalogue key that is not about prices (priceRules re-prices for those) still changes every
          // variant: a full cycle now, not at the next scheduled reconciliation. Asked before the cycle below,
          // which an idle productSync starts at once: another database to read (nebim.sql.host, .database) ran
          // an incremental cycle first, on the old database's bookmark.
          if (!needsReprice(event.changed) && needsFullSync(event.changed)) {
            enqueue.sendTo(productSync, { type: "fullNow" });
          }
          // A connection re-made (the host, the login, the store's URL: what an operator corrects when a cycle
          // fails) is tried now, not after the rest of a backoff of up to 5 minutes or the next interval.
          if (mendsProductSync(event.changed)) enqueue.sendTo(productSync, { type: "syncNow" });
        }),
      ],
    },
    "child.ok": {
      actions: assign(({ context, event }) => ({
        failures: { ...context.failures, [event.name]: 0 },
        lastError: { ...context.lastError, [event.name]: null },
      })),
    },
    // Asked for now while productSync waits to restart: it restarts now (its first cycle is a full one).
    syncNow: { actions: enqueueActions(askProductSync) },
    fullNow: { actions: enqueueActions(askProductSync) },
  },
  states: {
    // productSync first: priceRules sends it the rules as soon as it starts.
    productSync: {
      initial: "running",
      states: {
        running: {
          invoke: {
            id: "productSync",
            systemId: "productSync",
            src: "productSync",
            input: ({ context }) => ({
              ...schedule(context.settings),
              maxBackoffMs: context.maxRestartMs,
              ...(context.carried ? { carried: context.carried } : {}),
            }),
            onDone: {
              target: "restarting",
              actions: [
                { type: "childFailed", params: { name: "productSync" as const } },
                assign({ carried: ({ event }) => event.output.carried }),
                // A cycle asked for while the failed one ran (a connection setting changed): the fix may have
                // come too late for it, and is tried now, not after the restart delay.
                enqueueActions(({ event, enqueue }) => {
                  if (event.output.syncAsked) enqueue.raise({ type: "productSync.restartNow" });
                }),
              ],
            },
            // A child that threw leaves no output: the counts it was given, if any, go to the next.
            onError: {
              target: "restarting",
              actions: { type: "childFailed", params: { name: "productSync" as const } },
            },
          },
        },
        restarting: { after: { productSyncRestart: "running" }, on: { "productSync.restartNow": "running" } },
      },
    },
    priceRules: {
      initial: "running",
      states: {
        running: {
          invoke: {
            id: "priceRules",
            systemId: "priceRules",
            src: "priceRules",
            input: ({ context }) => ({
              settings: context.settings,
              reprice: context.restarts.priceRules > 0,
            }),
            onDone: {
              target: "restarting",
              actions: { type: "childFailed", params: { name: "priceRules" as const } },
            },
            onError: {
              target: "restarting",
              actions: { type: "childFailed", params: { name: "priceRules" as const } },
            },
          },
        },
        restarting: { after: { priceRulesRestart: "running" }, on: { "priceRules.restartNow": "running" } },
      },
    },
  },
});
