/**
 * The shipped module graph: `deno task build`'s bundle (what `deno compile` would embed; the compile itself
 * needs Deno's runtime download, unreachable here), run outside the repository (no deno.json, no
 * node_modules) with the `start` task's flags and permissions, checks the simulators and syncs them.
 */
import assert from "node:assert/strict";
import { ROOT, settingsFor, startFixtureSim, storeProducts, taskArgs } from "../tryit/processes.ts";

const TASKS = (JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)) as { tasks: Record<string, string> })
  .tasks;
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

async function deno(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const r = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: r.code, out: decode(r.stdout) + decode(r.stderr) };
}

Deno.test("the bundle of main.ts runs on its own with the start task's permissions: check, then a sync", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-bundle-" });
  const sim = await startFixtureSim();
  try {
    // The build task as written, with the output moved to the test's folder.
    const build = TASKS.build!.split(/\s+/);
    assert.equal(build[0], "deno");
    const bundle = `${dir}/e-ticaret.bundle.js`;
    const out = build.indexOf("-o");
    assert.ok(out > 0, "the build task names its output with -o");
    const built = await deno(build.slice(1).map((w, i) => (i === out ? bundle : w)), ROOT);
    assert.equal(built.code, 0, built.out);

    const start = taskArgs("start");
    assert.equal(start.at(-1), "main.ts");
    const run = (...args: string[]) => deno([...start.slice(0, -1), bundle, ...args], dir);
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(config, JSON.stringify(await settingsFor(sim.settings)));

    const check = await run("check", "--config", config, "--data", `${dir}/d`);
    assert.equal(check.code, 0, check.out);
    assert.match(check.out, /^all checks passed$/m);
    const before = (await storeProducts(sim.settings.qukasoft)).length;
    const sync = await run("sync", "products", "--once", "--config", config, "--data", `${dir}/d`);
    assert.equal(sync.code, 0, sync.out);
    assert.ok((await storeProducts(sim.settings.qukasoft)).length > before, "the sync created products");
  } finally {
    await sim.close();
    await Deno.remove(dir, { recursive: true });
  }
});
