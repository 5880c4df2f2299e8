/**
 * The data folder a start makes, its logs/ and feed/ are owner-only (0700) where the OS has modes, whatever
 * the umask (022 on most systems gives 0755): agent.log and the feed need no other reader. One an older agent
 * left 0755 is narrowed at start.
 */
import assert from "node:assert/strict";
import { openState } from "../cli/state.ts";
import { configureLogging, stopLogging } from "../log.ts";
import { narrowDataFolder } from "../owner_only_dir.ts";
import { startAgent } from "../main.ts";
import { withTempDir } from "./support/temp_dir.ts";
import { IntegrationError } from "../errors.ts";

const ignore = Deno.build.os === "windows";

/** A data folder, its logs/ and feed/ as an older agent left them: 0755, readable by every local user. */
async function leftOpen(data: string): Promise<void> {
  for (const path of [data, `${data}/logs`, `${data}/feed`]) {
    await Deno.mkdir(path);
    Deno.chmodSync(path, 0o755);
  }
}

function mode(path: string): string {
  return ((Deno.statSync(path).mode ?? 0) & 0o777).toString(8);
}

Deno.test({
  name: "`run`'s logging makes a new data folder and its logs/ owner-only (0700)",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-dir-", async (dir) => {
      try {
        await configureLogging({ dir: `${dir}/data/logs`, console: false });
      } finally {
        await stopLogging();
      }
      assert.deepEqual([mode(`${dir}/data`), mode(`${dir}/data/logs`)], ["700", "700"]);
    }),
});

Deno.test({
  name: "a one-shot sync makes a new data folder owner-only (0700), and narrows one an older agent left 0755",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-dir-", async (dir) => {
      const st = await openState(`${dir}/data`, undefined, { dryRun: false });
      await st.close();
      assert.equal(mode(`${dir}/data`), "700");
      await Deno.mkdir(`${dir}/old`);
      Deno.chmodSync(`${dir}/old`, 0o755);
      await (await openState(`${dir}/old`, undefined, { dryRun: false })).close();
      assert.equal(
        mode(`${dir}/old`),
        "700",
        "the ledger's folder is no longer readable by every local user",
      );
    }),
});

Deno.test({
  name:
    "narrowDataFolder narrows an existing data folder, logs/ and feed/ left 0755 to 0700, and says so once",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-dir-", async (dir) => {
      const data = `${dir}/data`;
      await leftOpen(data);
      assert.equal(
        narrowDataFolder(data),
        `narrowed to owner-only (0700): ${data} (was 0755), ${data}/logs (was 0755), ${data}/feed (was 0755); ` +
          "the ledger there holds the settings' secrets, and agent.log and the feed need no other reader",
      );
      assert.deepEqual([mode(data), mode(`${data}/logs`), mode(`${data}/feed`)], ["700", "700", "700"]);
      assert.equal(narrowDataFolder(data), undefined, "nothing more to say at the next start");
    }),
});

Deno.test({
  name:
    "narrowDataFolder narrows agent.log, its rolled-over copies and the feed's builds left 0644 to 0600, once",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-dir-", async (dir) => {
      const data = `${dir}/data`;
      await Deno.mkdir(`${data}/logs`, { recursive: true, mode: 0o700 });
      await Deno.mkdir(`${data}/feed`, { mode: 0o700 });
      Deno.chmodSync(data, 0o700);
      const files = [`${data}/logs/agent.log`, `${data}/logs/agent.log.1`, `${data}/feed/f.xml`];
      for (const f of files) {
        await Deno.writeTextFile(f, "an older agent's\n");
        Deno.chmodSync(f, 0o644);
      }
      await Deno.writeTextFile(`${data}/feed/g.xml`, "already owner-only\n", { mode: 0o600 });
      const said = narrowDataFolder(data) ?? "";
      assert.deepEqual(files.map(mode), ["600", "600", "600"]);
      assert.match(said, /^narrowed to owner-only \(0600\): /);
      for (const f of files) assert.ok(said.includes(`${f} (was 0644)`), said);
      assert.ok(!said.includes("g.xml"), said);
      assert.equal(narrowDataFolder(data), undefined, "nothing more to say at the next start");
    }),
});

Deno.test("narrowDataFolder leaves Windows (no modes: the ACL governs) and a missing folder alone", () =>
  withTempDir("e-ticaret-dir-", async (dir) => {
    await Deno.mkdir(`${dir}/data`);
    if (!ignore) Deno.chmodSync(`${dir}/data`, 0o755);
    const before = Deno.statSync(`${dir}/data`).mode;
    assert.equal(narrowDataFolder(`${dir}/data`, "windows"), undefined);
    assert.equal(Deno.statSync(`${dir}/data`).mode, before);
    assert.equal(narrowDataFolder(`${dir}/missing`), undefined);
  }));

Deno.test({
  name: "the agent's start narrows a data folder, logs/ and feed/ an older agent left 0755, logging it once",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-dir-", async (dir) => {
      const data = `${dir}/data`;
      await leftOpen(data);
      const lines: string[] = [];
      await configureLogging({ console: true, level: "warning", write: (l) => lines.push(l) });
      try {
        for (let start = 0; start < 2; start++) await (await startAgent({ dataDir: data, port: 0 })).stop();
      } finally {
        await stopLogging();
      }
      assert.deepEqual([mode(data), mode(`${data}/logs`), mode(`${data}/feed`)], ["700", "700", "700"]);
      assert.equal(
        lines.filter((l) => l.includes("narrowed to owner-only (0700)")).length,
        1,
        lines.join("\n"),
      );
    }),
});

Deno.test("a data folder that cannot be made is a fatal error naming it and --data, not Deno's bare os error", () =>
  withTempDir("e-ticaret-dir-", async (dir) => {
    // A path under a file stands for one the agent may not write: root ignores a read-only mode.
    await Deno.writeTextFile(`${dir}/file`, "");
    await assert.rejects(startAgent({ dataDir: `${dir}/file/data`, port: 0 }), (e) => {
      assert.ok(e instanceof IntegrationError && e.kind === "fatal", String(e));
      assert.match(e.message, /Cannot make the data folder .*file[\\/]data/);
      assert.match(e.message, /--data/);
      return true;
    });
  }));
