/**
 * A client wired to a simulator on a real loopback port, both on one simulated timeline.
 * @module
 */

import { createQukasoftClient, type QukasoftApi, type QukasoftClientOptions } from "../../qukasoft/client.ts";
import { type QukasoftSim, type QukasoftSimOptions, startQukasoftSim } from "../../sim/qukasoft/server.ts";
import { KEY, sampleData, SECRET } from "../sim/qukasoft/fixtures.ts";
import { type FakeTime, fakeTime } from "./fake_time.ts";

export interface SimClient {
  sim: QukasoftSim;
  api: QukasoftApi;
  time: FakeTime;
}

export async function withSimClient(
  fn: (ctx: SimClient) => Promise<void>,
  options: { sim?: Partial<QukasoftSimOptions>; client?: Partial<QukasoftClientOptions> } = {},
): Promise<void> {
  const time = fakeTime();
  const sim = await startQukasoftSim({
    apiKey: KEY,
    apiSecret: SECRET,
    clock: time.now,
    data: sampleData(),
    ...options.sim,
  });
  try {
    await fn({ sim, api: simClient(sim, time, options.client), time });
  } finally {
    await sim.close();
  }
}

/** A client of `sim` on the simulated timeline `time`, as withSimClient makes it (another for the same store). */
export function simClient(
  sim: QukasoftSim,
  time: FakeTime,
  options: Partial<QukasoftClientOptions> = {},
): QukasoftApi {
  return createQukasoftClient({
    baseUrl: sim.baseUrl,
    apiKey: KEY,
    apiSecret: SECRET,
    sleep: time.sleep,
    now: time.now,
    random: time.random,
    ...options,
  });
}
