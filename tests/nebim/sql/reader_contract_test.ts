/**
 * Runs the reader contract on the TDS simulator always (a generated catalogue with planted anomalies, in both
 * price sources), and on a real SQL Server when NEBIM_TEST_SETTINGS names the agent's settings file (only
 * `nebim.sql` and `catalog` are used; give the test run network access to that host, e.g. `--allow-net`):
 *
 *   NEBIM_TEST_SETTINGS=settings.json deno test --allow-all tests/nebim/sql/reader_contract_test.ts
 */

import { parseSettings } from "../../../settings/mod.ts";
import { generateNebim } from "../../../sim/generate/nebim.ts";
import { agentSettingsFor, startSimulators } from "../../../sim/start.ts";
import { runReaderContract } from "./reader_contract.ts";
import { settingsFile } from "./settings_file.ts";

const VARIANTS = 600;

for (
  const priceSource of [{ kind: "basePrice", basePriceCode: 1 }, { kind: "priceList", priceGroupCode: "WEB" }]
) {
  runReaderContract(`reader+simulator (${priceSource.kind})`, async () => {
    const { data } = generateNebim({ variants: VARIANTS, seed: 31, anomalies: true, now: new Date() });
    const sims = await startSimulators({ data });
    const doc = agentSettingsFor(sims.settings) as { catalog?: unknown };
    return {
      settings: parseSettings({ ...doc, catalog: { priceSource } }),
      // Items have several variants each: a tenth of the variant count is a safe floor. Its audit dates
      // spread over the year before now, so the last 30 days hold some changes.
      minItems: VARIANTS / 10,
      close: () => sims.close(),
    };
  });
}

const realSettings = Deno.env.get("NEBIM_TEST_SETTINGS");
if (realSettings) {
  runReaderContract("reader+real SQL Server", async () => ({
    settings: await settingsFile(realSettings),
    close: () => Promise.resolve(),
  }));
} else {
  console.log("reader+real SQL Server: not run (set NEBIM_TEST_SETTINGS to a settings file to run it)");
}
