/**
 * `check` proves catalog.warehouses against Nebim's cdWarehouse on a line of its own (a code that is no
 * warehouse reads every stock as 0), through the real driver and the simulators; it fails the command.
 */
import assert from "node:assert/strict";
import { checkCatalog, checkedNebim } from "../support/check_sims.ts";

function check(warehouses: string[]): Promise<{ code: number; lines: string[] }> {
  return checkCatalog(checkedNebim(["W01", "W02"]), { warehouses });
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
