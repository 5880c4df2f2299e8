/**
 * `check`'s report on the SQL Server step: what is missing is named; what the login may not read (SQL Server
 * hides it, so a missing GRANT looks like a missing table) is named with the GRANT that mends it, against
 * the simulators through the real driver too, as is a login failing with 4060. On the Qukasoft step, a
 * store that cannot be reached names the URL and the setting.
 */
import assert from "node:assert/strict";
import { runCheck } from "../../cli/check.ts";
import { runCli } from "../../cli/commands.ts";
import type { CommandState } from "../../cli/state.ts";
import type { SchemaReport } from "../../nebim/sql/schema_check.ts";
import { createQukasoftClient } from "../../qukasoft/client.ts";
import { parseSettings } from "../../settings/mod.ts";
import { NebimDataSet } from "../../sim/nebim/dataset.ts";
import { agentSettingsFor, type Simulators, startSimulators } from "../../sim/start.ts";
import { Connections } from "../../agent/connections.ts";
import { createNebimHandler } from "../../sim/nebim/handlers/mod.ts";
import { startBrowserOnFreeHost } from "../support/browser_host.ts";
import { startTdsServer } from "../../sim/tds/server.ts";
import { fixture } from "../sim/nebim/fixture.ts";

/** `created`: what the reader says of when the database was made ("" for a login denied sys.databases). */
function state(report: SchemaReport, created = "2026-11-02T08:15:00.000Z"): CommandState {
  const settings = parseSettings({ nebim: { sql: { user: "eticaret_ro" } } });
  const fail = () => Promise.reject(new Error("not in this test"));
  return {
    settings: { current: () => settings },
    connections: {
      reader: () =>
        Promise.resolve({
          verifySchema: () => Promise.resolve(report),
          databaseCreated: () => Promise.resolve(created),
        }),
      missingWarehouses: () => Promise.resolve([]),
      unusedCode: () => Promise.resolve(undefined),
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

Deno.test("check names what is missing, and what the login may not read with the GRANT that mends it", async () => {
  const column = await sqlLine({
    ok: false,
    missing: [{ table: "cdItem", column: "UseInternet", why: "missing" }],
    collations: [],
    types: [],
  });
  assert.match(
    column,
    /^FAIL {2}Nebim SQL Server .*: logged in as eticaret_ro, but these are missing: cdItem\.UseInternet$/,
  );
  const denied = await sqlLine({
    ok: false,
    missing: [
      { table: "stPicking", why: "denied" },
      { table: "cdItem", column: "UseInternet", why: "denied" },
      { table: "cdVat", why: "missing" },
    ],
    collations: [],
    types: [],
  });
  assert.match(
    denied,
    /: logged in as eticaret_ro, but these are missing: table cdVat; it may not read these: table stPicking \(GRANT SELECT ON dbo\.stPicking TO eticaret_ro\), cdItem\.UseInternet \(GRANT SELECT ON dbo\.cdItem \(UseInternet\) TO eticaret_ro\) \(docs\/OPERATIONS\.md, The SQL Server login\)$/,
  );
  const unknown = await sqlLine({
    ok: false,
    missing: [{ table: "trStock", why: "unknown" }],
    collations: [],
    types: [],
  });
  assert.match(
    unknown,
    /: logged in as eticaret_ro, but these are not visible to it \(missing, or no SELECT permission\): table trStock \(GRANT SELECT ON dbo\.trStock TO eticaret_ro\)/,
  );
  assert.match(
    await sqlLine({ ok: true, missing: [], collations: ["Turkish_CI_AS"], types: [] }),
    /^ok {4}Nebim SQL Server .*every table and column/,
  );
});

Deno.test("check fails a column of a type the agent cannot read and warns for one it reads with a loss, a line each", async () => {
  const out: string[] = [];
  const types = [
    { table: "trStock", column: "In_Qty1", found: "nvarchar(20)", accepted: ["decimal", "float"] },
    {
      table: "prItemBasePrice",
      column: "Price",
      found: "float",
      accepted: ["decimal", "float"],
      loss: "binary",
    },
  ];
  assert.equal(
    await runCheck(state({ ok: false, missing: [], collations: [], types }), (l) => out.push(l)),
    1,
  );
  assert.match(out.find((l) => l.includes("Nebim SQL Server"))!, /^ok {4}/);
  assert.deepEqual(out.filter((l) => l.includes("Nebim column")), [
    "FAIL  Nebim column trStock.In_Qty1: is nvarchar(20); the agent reads it only as decimal, float " +
    "(nebim/sql/used_columns.ts)",
    "WARN  Nebim column prItemBasePrice.Price: is float, which the agent reads with a loss: binary",
  ]);
  const warned: string[] = [];
  const lossy = { ok: true, missing: [], collations: [], types: types.slice(1) };
  await runCheck(state(lossy), (l) => warned.push(l));
  assert.deepEqual(warned.filter((l) => /Nebim (column|SQL)/.test(l)).map((l) => l.slice(0, 4)), [
    "ok  ",
    "WARN",
  ]);
});

Deno.test("check warns, without failing the step, when Nebim's text columns are not Turkish_CI_AS", async () => {
  const lines = async (collations: string[]) => {
    const out: string[] = [];
    await runCheck(state({ ok: true, missing: [], collations, types: [] }), (l) => out.push(l));
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

Deno.test("check says whether a restore between two cycles is seen, and warns, without failing, when the login may not read sys.databases", async () => {
  const line = async (created: string) => {
    const out: string[] = [];
    await runCheck(state({ ok: true, missing: [], collations: [], types: [] }, created), (l) => out.push(l));
    return out.find((l) => l.includes("Nebim restores"));
  };
  assert.equal(
    await line("2026-11-02T08:15:00.000Z"),
    "ok    Nebim restores: a restore between two cycles is seen (sys.databases): the next cycle is full",
  );
  assert.match(
    (await line(""))!,
    /^WARN {2}Nebim restores: the login eticaret_ro may not read sys\.databases, so a restore over between two cycles waits for the full reconciliation/,
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

/** `check` run as the command line runs it, against the simulators: its SQL Server line. */
async function checkOnSims(
  prepare: (sims: Simulators) => void,
  options: { sqlUserInDatabase?: boolean } = {},
): Promise<string> {
  const sims = await startSimulators({ data: new NebimDataSet(), ...options });
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-check-" });
  try {
    prepare(sims);
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(config, JSON.stringify(agentSettingsFor(sims.settings)));
    const lines: string[] = [];
    const deps = {
      startAgent: () => Promise.reject(new Error("not in this test")),
      out: (l: string) => lines.push(l),
    };
    assert.equal(
      await runCli(["check", "--config", config, "--data", `${dir}/data`], deps),
      1,
      lines.join("\n"),
    );
    const line = lines.find((l) => l.includes("Nebim SQL Server"))!;
    assert.ok(!line.includes(sims.settings.nebimSql.password), "no password in the report");
    return line;
  } finally {
    await sims.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("check on SQL Server: a table never granted is named with its GRANT, not as missing", async () => {
  const line = await checkOnSims((sims) => sims.sqlPermissions.revoke("trStock"));
  assert.match(
    line,
    /^FAIL {2}Nebim SQL Server 127\.0\.0\.1:\d+\/V3_SIM: logged in as eticaret_ro, but it may not read these: table trStock \(GRANT SELECT ON dbo\.trStock TO eticaret_ro\) \(docs\/OPERATIONS\.md, The SQL Server login\)$/,
  );
});

Deno.test("check on SQL Server: a denied column is named with the column GRANT", async () => {
  const line = await checkOnSims((sims) => sims.sqlPermissions.denyColumn("prItemBarcode", "Barcode"));
  assert.match(
    line,
    /: logged in as eticaret_ro, but it may not read these: prItemBarcode\.Barcode \(GRANT SELECT ON dbo\.prItemBarcode \(Barcode\) TO eticaret_ro\)/,
  );
});

Deno.test("check on SQL Server: a database without a user for the login fails at login, naming 4060 and CREATE USER", async () => {
  const line = await checkOnSims(() => {}, { sqlUserInDatabase: false });
  assert.match(
    line,
    /^FAIL {2}Nebim SQL Server .*: Cannot open database "V3_SIM" requested by the login\. The login failed\. Login failed for user 'eticaret_ro'\. \(ELOGIN #4060\); check nebim\.sql\.database, and that the database has a user for the login \(CREATE USER eticaret_ro FOR LOGIN eticaret_ro;/,
  );
});

/** `check`'s SQL Server line against a named instance NEBIM behind a simulated SQL Server Browser. */
async function namedInstanceLine(
  browserState: "running" | "stopped" | "instance stopped",
  sql: Record<string, unknown> = {},
): Promise<{ line: string; port: number; host: string }> {
  const login = { user: "eticaret_ro", password: "Okuma-Şifre-2026!", database: "V3_ACME" };
  // UDP 1434 is every browser's port: this one takes a loopback address of its own.
  const browser = await startBrowserOnFreeHost();
  const host = browser.host;
  const server = await startTdsServer({
    ...login,
    host,
    handler: createNebimHandler(fixture(), { database: login.database }),
  });
  browser.instances.push(
    { name: "SQLEXPRESS", tcpPort: null },
    { name: "NEBIM", tcpPort: server.port, running: browserState !== "instance stopped" },
  );
  browser.stopped = browserState === "stopped";
  const settings = parseSettings({
    nebim: { sql: { ...login, host, instanceName: "nebim", ...sql } },
  });
  const connections = new Connections(() => settings);
  const st = { settings: { current: () => settings }, connections } as unknown as CommandState;
  const lines: string[] = [];
  try {
    await runCheck(st, (l) => lines.push(l));
  } finally {
    await connections.close();
    await browser.close();
    await server.close();
  }
  return { line: lines.find((l) => l.includes("Nebim SQL Server"))!, port: server.port, host };
}

Deno.test("check reaches a named instance through SQL Server Browser and says on which port", async () => {
  // nebim.sql.port stays at its default: mssql does not use it beside an instance name.
  const { line, port, host } = await namedInstanceLine("running");
  assert.equal(
    line,
    `ok    Nebim SQL Server ${host}\\nebim/V3_ACME: logged in on ${host}\\nebim (TCP port ${port}); every ` +
      "table and column the agent reads is there",
  );
});

Deno.test("check says SQL Server Browser did not answer, and the two ways out", async () => {
  // A stopped browser is silence: a short connect timeout keeps the wait for it to 3 × 20 ms.
  const { line, host } = await namedInstanceLine("stopped", { requestTimeoutMs: 60 });
  assert.equal(
    line,
    `FAIL  Nebim SQL Server ${host}\\nebim/V3_ACME: SQL Server Browser did not answer on UDP 1434 of ` +
      `${host} (the service is stopped, or a firewall drops UDP 1434): start the SQL Server Browser ` +
      "service and let UDP 1434 through, or set nebim.sql.port to the instance's fixed TCP port and " +
      "nebim.sql.instanceName to null",
  );
});

Deno.test("check names a stopped instance and the instances SQL Server Browser does list", async () => {
  const { line, host } = await namedInstanceLine("instance stopped");
  assert.ok(
    line.startsWith(`FAIL  Nebim SQL Server ${host}\\nebim/V3_ACME: SQL Server Browser on ${host} `),
    line,
  );
  assert.match(
    line,
    /does not list the instance "nebim" \(it lists: SQLEXPRESS\); check nebim\.sql\.instanceName/,
  );
});
