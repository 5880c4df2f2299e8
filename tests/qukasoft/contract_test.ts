/**
 * Runs the contract suite on the client + simulator, and on a real store when QUKASOFT_TEST_URL is set
 * (with QUKASOFT_TEST_KEY, QUKASOFT_TEST_SECRET and optionally QUKASOFT_TEST_ORDER_CODE; give the test
 * run network access to that host, e.g. `--allow-net`).
 */

import { createQukasoftClient } from "../../qukasoft/client.ts";
import { startQukasoftSim } from "../../sim/qukasoft/server.ts";
import { KEY, sampleData, SECRET } from "../sim/qukasoft/fixtures.ts";
import { runQukasoftContract } from "./contract.ts";
import { fakeTime } from "./fake_time.ts";

runQukasoftContract("client+simulator", async () => {
  const time = fakeTime();
  const sim = await startQukasoftSim({ apiKey: KEY, apiSecret: SECRET, clock: time.now, data: sampleData() });
  const api = createQukasoftClient({
    baseUrl: sim.baseUrl,
    apiKey: KEY,
    apiSecret: SECRET,
    sleep: time.sleep,
    now: time.now,
  });
  return { api, prefix: "CT-", orderCode: "TY10293847", close: () => sim.close() };
});

const realUrl = Deno.env.get("QUKASOFT_TEST_URL");
if (realUrl) {
  // One prefix per run, so repeated runs against the same test store never collide.
  const prefix = `CT${Date.now().toString(36).toUpperCase()}-`;
  runQukasoftContract("client+real store", () =>
    Promise.resolve({
      api: createQukasoftClient({
        baseUrl: realUrl,
        apiKey: Deno.env.get("QUKASOFT_TEST_KEY") ?? "",
        apiSecret: Deno.env.get("QUKASOFT_TEST_SECRET") ?? "",
      }),
      prefix,
      orderCode: Deno.env.get("QUKASOFT_TEST_ORDER_CODE") || undefined,
      close: () => Promise.resolve(),
    }));
}
