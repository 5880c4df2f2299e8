/**
 * The priceRules actor: turns the pricing settings into the price function the product sync applies, and
 * asks for a re-price of the whole catalogue when a price setting changes. The computation is the pure
 * `rulesFromSettings`; this actor only decides when to send it.
 * @module
 */

import { type AnyActorRef, assign, enqueueActions, sendTo, setup } from "xstate";
import { rulesFromSettings } from "../pricing/rules.ts";
import type { PriceRules } from "../pricing/rules.ts";
import { needsReprice, type Settings } from "../settings/mod.ts";

export interface PriceRulesInput {
  settings: Settings;
  /**
   * Restarted after a failure: its first rules re-price the catalogue. A price setting may have changed while it
   * was down (in its restart delay, or the change that failed it), and productSync still prices with the old rules.
   */
  reprice?: boolean;
}

export interface PriceRulesContext {
  rules: PriceRules;
  /** The next rules offered re-price the catalogue (input `reprice`), until productSync has them. */
  repriceOwed: boolean;
  /** How many times a settings change re-priced the catalogue (tests read it; /health does not show it). */
  reprices: number;
}

export type PriceRulesEvent =
  | { type: "settingsChanged"; settings: Settings; changed: string[] }
  | { type: "rulesWanted" };

export const priceRulesMachine = setup({
  types: {} as { context: PriceRulesContext; input: PriceRulesInput; events: PriceRulesEvent },
  actions: {
    // Offered: this child is healthy (again, after a restart: the supervisor's failure count and error clear).
    offerRules: enqueueActions(({ context, system, enqueue }) => {
      const target = system.get("productSync") as AnyActorRef | undefined;
      if (!target) return;
      enqueue.sendTo(target, { type: "rules", rules: context.rules, reprice: context.repriceOwed });
      enqueue.assign({ repriceOwed: false });
      const root = system.get("supervisor") as AnyActorRef | undefined;
      if (root) enqueue.sendTo(root, { type: "child.ok", name: "priceRules" });
    }),
  },
}).createMachine({
  id: "priceRules",
  context: ({ input }) => ({
    rules: rulesFromSettings(input.settings.pricing, input.settings.catalog),
    repriceOwed: input.reprice ?? false,
    reprices: 0,
  }),
  initial: "active",
  states: {
    active: {
      // productSync may not exist yet (first start) or may be restarting: it asks with rulesWanted then.
      entry: "offerRules",
      on: {
        rulesWanted: { actions: "offerRules" },
        settingsChanged: {
          guard: ({ event }) => needsReprice(event.changed),
          actions: [
            assign(({ context, event }) => ({
              rules: rulesFromSettings(event.settings.pricing, event.settings.catalog),
              reprices: context.reprices + 1,
            })),
            sendTo(({ system }) => system.get("productSync"), ({ context }) => ({
              type: "rules" as const,
              rules: context.rules,
              reprice: true,
            })),
          ],
        },
      },
    },
  },
});
