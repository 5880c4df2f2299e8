/**
 * The productSync actor on a simulated clock with a stub for its cycle, for the actor's tests.
 * @module
 */

import { createActor, fromPromise, SimulatedClock } from "xstate";
import { type CycleInput, type CycleSummary, productSyncMachine } from "../../actors/product_sync.ts";
import { supervisorMachine } from "../../actors/supervisor.ts";
import { rulesFromSettings } from "../../pricing/rules.ts";
import { parseSettings, type Settings } from "../../settings/mod.ts";

const settings = parseSettings({});
export const RULES = rulesFromSettings(settings.pricing, settings.catalog);
export const INPUT = { intervalMs: 30_000, fullEveryMs: 3_600_000, maxBackoffMs: 300_000 };

/**
 * A cycle stub: records each call; `each` gives a call's outcome (what it throws fails the cycle, what it returns
 * is laid over a summary of nothing done in the mode asked).
 */
export function cycleStub(each: (input: CycleInput) => Partial<CycleSummary> | void) {
  const calls: CycleInput[] = [];
  const actor = fromPromise<CycleSummary, CycleInput>(({ input }) => {
    calls.push(input);
    let extra: Partial<CycleSummary> | void;
    try {
      extra = each(input);
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.resolve({
      mode: input.mode,
      finishedAt: "t",
      created: 0,
      updated: 0,
      failed: 0,
      problems: 0,
      ...extra,
    });
  });
  return { calls, actor };
}

/** A cycle stub whose every call is left running until `end` ends it (well, or with the error given). */
export function heldCycles() {
  const modes: string[] = [];
  let end = (_?: Error) => {};
  const actor = fromPromise<CycleSummary, CycleInput>(({ input }) => {
    modes.push(input.mode);
    const summary = { mode: input.mode, finishedAt: "t", created: 0, updated: 0, failed: 0, problems: 0 };
    return new Promise((resolve, reject) => end = (e) => e ? reject(e) : resolve(summary));
  });
  return { modes, actor, end: (e?: Error) => end(e) };
}

/** A cycle stub whose calls' outcomes are taken from `script` in turn (default: success). */
export function stub(script: ((input: CycleInput) => Partial<CycleSummary> | void)[] = []) {
  return cycleStub((input) => script.shift()?.(input));
}

export async function settle() {
  for (let i = 0; i < 100; i++) await Promise.resolve();
}

export function start(runCycle: ReturnType<typeof stub>["actor"], input = INPUT) {
  const clock = new SimulatedClock();
  const actor = createActor(productSyncMachine.provide({ actors: { runCycle } }), { input, clock });
  actor.start();
  return { actor, clock };
}

/** The supervisor over productSync with `runCycle` for its cycle, restarting after 1 s, 2 s, at most 4 s. */
export function startSupervisor(runCycle: ReturnType<typeof stub>["actor"], settings: Settings) {
  const clock = new SimulatedClock();
  const machine = supervisorMachine.provide({
    actors: { productSync: productSyncMachine.provide({ actors: { runCycle } }) },
  });
  const actor = createActor(machine, {
    input: { settings, restartMs: 1_000, maxRestartMs: 4_000 },
    clock,
    systemId: "supervisor",
  }).start();
  return { actor, clock };
}
