/**
 * The agent's command line run from source exactly as `deno task start -- …` runs it: a malformed settings
 * file is exit code 2 naming the key path (or the file), `check` passes against the simulators and fails,
 * naming SQL Server, with a wrong SQL password.
 */
import assert from "node:assert/strict";
import { runTask, settingsFor, startFixtureSim } from "../tryit/processes.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-cli-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a malformed settings file is exit code 2 naming each bad key path, and creates nothing", async () => {
  await withDir(async (dir) => {
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(
      config,
      JSON.stringify({
        pricing: { site: { percent: -5 } },
        catalog: { warehouses: [] },
        qukasoft: { baseUrl: "not a url", apiKeyy: "x" },
      }),
    );
    const out = await runTask("start", [
      "sync",
      "products",
      "--once",
      "--config",
      config,
      "--data",
      `${dir}/d`,
    ]);
    assert.equal(out.code, 2, out.stdout + out.stderr);
    assert.ok(out.stderr.split("\n").includes(`invalid settings in ${config}:`), out.stderr);
    for (
      const path of ["pricing.site.percent", "catalog.warehouses", "qukasoft.baseUrl", "qukasoft.apiKeyy"]
    ) {
      assert.match(out.stderr, new RegExp(`^  ${path.replaceAll(".", "\\.")}: `, "m"), path);
    }
    assert.match(out.stderr, /^ {2}qukasoft\.apiKeyy: unknown key; did you mean "apiKey"\?$/m);
    assert.equal(out.stdout, "", "errors go to stderr, not where a command's answer goes");
    // Refused before anything is created: no empty data folder or ledger left behind.
    await assert.rejects(Deno.stat(`${dir}/d`), Deno.errors.NotFound);
    const run = await runTask("start", ["run", "--config", config, "--data", `${dir}/r`]);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /^ {2}pricing\.site\.percent: /m);
    await assert.rejects(Deno.stat(`${dir}/r`), Deno.errors.NotFound);
  });
});

Deno.test("a settings file that is not JSON is exit code 2 naming the file and the place", async () => {
  await withDir(async (dir) => {
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(config, '{"pricing": {"site": {"percent": 10}}\n');
    const out = await runTask("start", ["check", "--config", config, "--data", `${dir}/d`]);
    assert.equal(out.code, 2, out.stdout + out.stderr);
    assert.match(out.stderr, new RegExp(`Cannot parse --config ${config} as JSON: .*line 2`));
    const missing = await runTask("start", ["check", "--config", `${dir}/nope.json`, "--data", `${dir}/d`]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read --config .*nope\.json/);
  });
});

Deno.test("check fails, naming SQL Server, on a wrong password, and passes once the file is mended", async () => {
  const sim = await startFixtureSim();
  try {
    await withDir(async (dir) => {
      const data = `${dir}/d`;
      const doc = await settingsFor(sim.settings);
      const good = `${dir}/good.json`;
      await Deno.writeTextFile(good, JSON.stringify(doc));
      const bad = `${dir}/bad.json`;
      await Deno.writeTextFile(
        bad,
        JSON.stringify({
          ...doc,
          nebim: { ...doc.nebim, sql: { ...doc.nebim.sql, password: "yanlış-parola" } },
        }),
      );

      const fail = await runTask("start", ["check", "--config", bad, "--data", data]);
      assert.equal(fail.code, 1, fail.stdout + fail.stderr);
      assert.match(fail.stdout, /^FAIL {2}Nebim SQL Server 127\.0\.0\.1:\d+\/V3_SIM: .*Login failed/m);
      assert.match(fail.stdout, /^ok {4}Qukasoft /m, "the other checks still run");
      assert.match(fail.stdout, /^1 check\(s\) failed$/m);
      await assert.rejects(Deno.stat(data), Deno.errors.NotFound, "check stores nothing");

      // The operator mends the file and checks again, with the same data folder: the mended file is tested.
      const ok = await runTask("start", ["check", "--config", good, "--data", data]);
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
      assert.match(ok.stdout, /^ok {4}Nebim SQL Server 127\.0\.0\.1:\d+\/V3_SIM: logged in; every table/m);
      assert.match(ok.stdout, /^ok {4}Nebim Integrator .*logged in as ADM\/eticaret on V3_SIM/m);
      assert.match(ok.stdout, /^ok {4}Qukasoft /m);
      assert.match(ok.stdout, /^all checks passed$/m);
    });
  } finally {
    assert.equal(await sim.close(), 0, sim.stderr());
  }
});
