/**
 * `check`'s report on the SQL Server step: a missing column is named; a missing table also gets the hint that
 * SQL Server hides a table the login may not read (a missing GRANT looks exactly like a missing table). On
 * the Qukasoft step, a store that cannot be reached names the URL and the setting.
 */
import assert from "node:assert/strict";
import { runCheck } from "../../cli/check.ts";
import type { CommandState } from "../../cli/state.ts";
import type { SchemaReport } from "../../nebim/sql/schema_check.ts";
import { createQukasoftClient } from "../../qukasoft/client.ts";
import { parseSettings } from "../../settings/mod.ts";

function state(report: SchemaReport): CommandState {
  const settings = parseSettings({});
  const fail = () => Promise.reject(new Error("not in this test"));
  return {
    settings: { current: () => settings },
    connections: {
      reader: () => Promise.resolve({ verifySchema: () => Promise.resolve(report) }),
      integratorUser: fail,
      store: () => ({ auth: fail }),
    },
  } as unknown as CommandState;
}

async function sqlLine(report: SchemaReport): Promise<string> {
  const lines: string[] = [];
  assert.equal(await runCheck(state(report), (l) => lines.push(l)), 1);
  return lines.find((l) => l.includes("Nebim SQL Server"))!;
}

Deno.test("check names each missing column, and hints at a missing GRANT when a whole table is missing", async () => {
  const column = await sqlLine({
    ok: false,
    missing: [{ table: "cdItem", column: "UseInternet" }],
    collations: [],
  });
  assert.match(
    column,
    /^FAIL {2}Nebim SQL Server .*: logged in, but these are missing: cdItem\.UseInternet$/,
  );
  const table = await sqlLine({ ok: false, missing: [{ table: "stPicking" }], collations: [] });
  assert.match(
    table,
    /these are missing: table stPicking \(a table the login may not SELECT is invisible to it: docs\/OPERATIONS\.md/,
  );
  assert.match(
    await sqlLine({ ok: true, missing: [], collations: ["Turkish_CI_AS"] }),
    /^ok {4}Nebim SQL Server .*every table and column/,
  );
});

Deno.test("check warns, without failing the step, when Nebim's text columns are not Turkish_CI_AS", async () => {
  const lines = async (collations: string[]) => {
    const out: string[] = [];
    await runCheck(state({ ok: true, missing: [], collations }), (l) => out.push(l));
    return out.filter((l) => l.includes("Nebim SQL Server"));
  };
  assert.equal((await lines(["Turkish_CI_AS", "Turkish_100_CI_AS"])).length, 1);
  const warned = await lines(["SQL_Latin1_General_CP1_CI_AS", "Turkish_CI_AS", "Turkish_CI_AI"]);
  assert.match(warned[0]!, /^ok /);
  assert.match(
    warned[1]!,
    /^WARN {2}Nebim SQL Server: its text columns use SQL_Latin1_General_CP1_CI_AS, Turkish_CI_AI; .*Turkish_CI_AS/,
  );
});

Deno.test("check says a wrong qukasoft.baseUrl (nothing on that port) at once, naming the URL and the setting", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const baseUrl = `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}/api`;
  listener.close();
  const settings = parseSettings({ qukasoft: { baseUrl, apiKey: "k", apiSecret: "s" } });
  // A retry would sleep: here that fails the call instead, so the line below proves none was made.
  const store = createQukasoftClient({
    ...settings.qukasoft,
    baseUrl,
    sleep: () => Promise.reject(new Error("retried")),
  });
  const fail = () => Promise.reject(new Error("not in this test"));
  const st = {
    settings: { current: () => settings },
    connections: { reader: fail, integratorUser: fail, store: () => store },
  } as unknown as CommandState;
  const lines: string[] = [];
  assert.equal(await runCheck(st, (l) => lines.push(l)), 1);
  assert.equal(
    lines.find((l) => l.includes("Qukasoft")),
    `FAIL  Qukasoft ${baseUrl}: Cannot check the connection in Qukasoft (GET /auth): cannot connect to ${baseUrl}: ` +
      `connection refused: nothing accepts connections on port ${new URL(baseUrl).port} of 127.0.0.1; ` +
      "check qukasoft.baseUrl",
  );
});
