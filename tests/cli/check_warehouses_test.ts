/**
 * `check` proves catalog.warehouses against Nebim's cdWarehouse on a line of its own (a code that is no
 * warehouse reads every stock as 0), through the real driver and the simulators; it fails the command.
 */
import assert from "node:assert/strict";
import { runCli } from "../../cli/commands.ts";
import { NebimDataSet } from "../../sim/nebim/dataset.ts";
import { agentSettingsFor, startSimulators } from "../../sim/start.ts";

async function check(warehouses: string[]): Promise<{ code: number; lines: string[] }> {
  const data = NebimDataSet.fromJson({ cdWarehouse: [{ WarehouseCode: "W01" }, { WarehouseCode: "W02" }] });
  const sims = await startSimulators({ data });
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-check-wh-" });
  try {
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(
      config,
      JSON.stringify({ ...agentSettingsFor(sims.settings), catalog: { warehouses } }),
    );
    const lines: string[] = [];
    const deps = {
      startAgent: () => Promise.reject(new Error("not in this test")),
      out: (l: string) => lines.push(l),
      err: (l: string) => lines.push(l),
    };
    return { code: await runCli(["check", "--config", config, "--data", `${dir}/data`], deps), lines };
  } finally {
    await sims.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("check names a catalog.warehouses code that is no warehouse in Nebim, with the nearest ones, and fails", async () => {
  const { code, lines } = await check(["w01", "W0", "ZZZ"]);
  assert.equal(code, 1, lines.join("\n"));
  assert.match(
    lines.join("\n"),
    /^ok {4}Nebim SQL Server .*every table and column the agent reads is there$/m,
  );
  assert.equal(
    lines.find((l) => l.startsWith("FAIL  Nebim warehouses")),
    'FAIL  Nebim warehouses w01, W0, ZZZ: catalog.warehouses[1]: "W0" is not a warehouse in Nebim (cdWarehouse); ' +
      'did you mean "W01" or "W02"?; catalog.warehouses[2]: "ZZZ" is not a warehouse in Nebim (cdWarehouse)',
  );
  assert.equal(lines.at(-1), "1 check(s) failed");
});

Deno.test("check passes codes that are warehouses in Nebim, in any case", async () => {
  const { code, lines } = await check(["w01", "W02 "]);
  assert.equal(code, 0, lines.join("\n"));
  assert.ok(
    lines.includes("ok    Nebim warehouses w01, W02 : each is a warehouse in Nebim (cdWarehouse)"),
    lines.join("\n"),
  );
});
