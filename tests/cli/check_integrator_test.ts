/**
 * `check` fails while nebim.integrator.baseUrl is not set (issue 3: it proves the Integrator login;
 * docs/settings.md: the cycle and check fail naming the keys), and says what that does not stop: the
 * Integrator is for orders only, so an operator setting up the product sync does not take the line for a
 * reason it cannot run.
 */
import assert from "node:assert/strict";
import { Connections } from "../../agent/connections.ts";
import { runCheck } from "../../cli/check.ts";
import type { CommandState } from "../../cli/state.ts";
import { parseSettings } from "../../settings/mod.ts";

Deno.test("check names the Integrator's unset key and says the product sync runs without it", async () => {
  const settings = parseSettings({});
  const st = {
    settings: { current: () => settings },
    connections: new Connections(() => settings),
  } as unknown as CommandState;
  const out: string[] = [];
  assert.equal(await runCheck(st, (l) => out.push(l)), 1);
  assert.equal(
    out.find((l) => l.includes("Nebim Integrator")),
    "FAIL  Nebim Integrator (not set): nebim.integrator.baseUrl is not set (docs/settings.md); the Integrator " +
      "is used for orders only: the product sync and the XML feed run without it",
  );
});
