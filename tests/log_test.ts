import assert from "node:assert/strict";
import { CLI_CATEGORY, configureLogging, getLogger, redact, redactMessage, stopLogging } from "../log.ts";
import { withTempDir } from "./support/temp_dir.ts";

Deno.test("redact() hides secret-looking properties at any depth and keeps the rest", () => {
  const out = redact({
    host: "127.0.0.1",
    password: "Gizli-1",
    nested: { apiSecret: "s", apiKey: "k", token: "t", list: [{ Password: "p", user: "u" }] },
  });
  assert.deepEqual(out, {
    host: "127.0.0.1",
    password: "********",
    nested: {
      apiSecret: "********",
      apiKey: "********",
      token: "********",
      list: [{ Password: "********", user: "u" }],
    },
  });
  assert.ok(!JSON.stringify(out).includes("Gizli"));
});

Deno.test("a secret filled into the message text is replaced there too, by its placeholder's name or its keys", async () => {
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => lines.push(line);
  try {
    await configureLogging({ console: true });
    getLogger(["e-ticaret", "test"]).info("connecting as {user} with {password} to {target}", {
      user: "ADM",
      password: "Gizli-Parola-1",
      target: { host: "127.0.0.1", apiSecret: "s-Gizli-2" },
    });
  } finally {
    await stopLogging();
    console.error = original;
  }
  const text = lines.join("\n");
  assert.match(text, /connecting as ADM with \*{8}/);
  assert.ok(!text.includes("Gizli"), text);
});

Deno.test("redactMessage() pairs values with their own placeholders past escaped braces", () => {
  const out = redactMessage({
    rawMessage: "{{x}} {password} {user}",
    message: ["{x} ", "S3cret!", " ", "ADM", ""],
  });
  assert.deepEqual(out, ["{x} ", "********", " ", "ADM", ""]);
});

Deno.test("the last lines before a stop reach agent.log: stopLogging flushes the file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-log-" });
  try {
    await configureLogging({ dir, console: false });
    getLogger(["e-ticaret", "test"]).info("agent {version} listening", { version: "0.1.0" });
    await stopLogging();
    assert.match(
      await Deno.readTextFile(`${dir}/agent.log`),
      /\[INF\] e-ticaret·test: agent "?0\.1\.0"? listening/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the command line's records reach agent.log at info, never the console; others as the level says", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-log-" });
  const screen: string[] = [];
  try {
    await configureLogging({ dir, console: true, level: "warning", write: (l) => screen.push(l) });
    getLogger([...CLI_CATEGORY, "sync"]).info("progress told on screen by the command itself");
    getLogger([...CLI_CATEGORY, "sync"]).warn("a note told on screen by the command itself");
    getLogger(["e-ticaret", "test"]).info("below the level");
    getLogger(["e-ticaret", "test"]).warn("a module's warning");
    await stopLogging();
    const file = await Deno.readTextFile(`${dir}/agent.log`);
    assert.match(file, /\[INF\] e-ticaret·cli·sync: progress told/);
    assert.match(file, /\[WRN\] e-ticaret·cli·sync: a note told/);
    assert.ok(!file.includes("below the level"), file);
    assert.deepEqual(screen.map((l) => l.replace(/^.*\] /, "")), ["e-ticaret·test: a module's warning"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a line logged just before the process is killed (SIGKILL) is in agent.log", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-log-" });
  try {
    const script = `
      import { configureLogging, getLogger } from ${
      JSON.stringify(new URL("../log.ts", import.meta.url).href)
    };
      await configureLogging({ dir: ${JSON.stringify(dir)}, console: false });
      getLogger(["e-ticaret"]).warn("son satır öncesi");
      Deno.kill(Deno.pid, "SIGKILL");
    `;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--quiet", script],
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.equal(out.signal, "SIGKILL", new TextDecoder().decode(out.stderr));
    assert.match(await Deno.readTextFile(`${dir}/agent.log`), /\[WRN\] e-ticaret: son satır öncesi/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("agent.log goes on when its rollover cannot rename it (Windows: another program holds it open)", async () => {
  // On Windows a program holding agent.log open without sharing its deletion (a spreadsheet, some log
  // viewers, a backup agent) makes the rename at 10 MB fail. Here the names it is renamed to are folders with
  // something in them, which fails the same renames on any system.
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-log-" });
  try {
    await Deno.writeFile(`${dir}/agent.log`, new Uint8Array(10 * 1024 * 1024).fill(0x2e));
    for (let i = 1; i <= 5; i++) await Deno.mkdir(`${dir}/agent.log.${i}/held`, { recursive: true });
    await configureLogging({ dir, console: false });
    const log = getLogger(["e-ticaret", "test"]);
    log.warn("first line past 10 MB");
    log.warn("second line past 10 MB");
    // The other program lets go: the next line rolls the file over.
    await Deno.remove(`${dir}/agent.log.1`, { recursive: true });
    log.warn("after the rollover");
    await stopLogging();
    const old = await Deno.readTextFile(`${dir}/agent.log.1`);
    assert.match(old, /first line past 10 MB[^]*second line past 10 MB/);
    const now = await Deno.readTextFile(`${dir}/agent.log`);
    assert.match(now, /^\S+ \S+ \S+ \[WRN\] e-ticaret·test: after the rollover\n$/);
  } finally {
    await stopLogging();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "agent.log is owner-only (0600), also the new one a rollover opens: it may carry store and ERP details",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withTempDir("e-ticaret-log-", async (dir) => {
      const mode = (path: string) => ((Deno.statSync(path).mode ?? 0) & 0o777).toString(8);
      try {
        await configureLogging({ dir, console: false });
        getLogger(["e-ticaret", "test"]).warn("a new agent.log");
        assert.equal(mode(`${dir}/agent.log`), "600");
        await stopLogging();
        // Full, as a rollover finds it: the next line goes to an agent.log the sink opens anew.
        await Deno.writeFile(`${dir}/agent.log`, new Uint8Array(10 * 1024 * 1024).fill(0x2e), {
          mode: 0o600,
        });
        await configureLogging({ dir, console: false });
        getLogger(["e-ticaret", "test"]).warn("after the rollover");
        assert.match(await Deno.readTextFile(`${dir}/agent.log`), /after the rollover/);
        assert.deepEqual([mode(`${dir}/agent.log`), mode(`${dir}/agent.log.1`)], ["600", "600"]);
      } finally {
        await stopLogging();
      }
    }),
});

Deno.test({
  name:
    "the agent.log a rollover opens is owner-only (0600) before its first line is written into it (not on Windows: no file modes)",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withTempDir("e-ticaret-log-", async (dir) => {
      await Deno.writeFile(`${dir}/agent.log`, new Uint8Array(10 * 1024 * 1024).fill(0x2e), { mode: 0o600 });
      // Each write's file and its mode as written: narrowed only after the line, the line met 0644.
      const writes: { ino: number | null; mode: number }[] = [];
      const writeSync = Deno.FsFile.prototype.writeSync;
      Deno.FsFile.prototype.writeSync = function (this: Deno.FsFile, p: Uint8Array) {
        const { ino, mode } = this.statSync();
        writes.push({ ino, mode: (mode ?? 0) & 0o777 });
        return writeSync.call(this, p);
      };
      try {
        await configureLogging({ dir, console: false });
        getLogger(["e-ticaret", "test"]).warn("after the rollover");
      } finally {
        Deno.FsFile.prototype.writeSync = writeSync;
        await stopLogging();
      }
      const now = Deno.statSync(`${dir}/agent.log`);
      assert.match(await Deno.readTextFile(`${dir}/agent.log`), /after the rollover\n$/);
      assert.deepEqual(writes.filter((w) => w.ino === now.ino).map((w) => w.mode.toString(8)), ["600"]);
      assert.equal(((now.mode ?? 0) & 0o777).toString(8), "600");
    }),
});

Deno.test({
  name:
    "an agent.log an older agent left 0644 is left for the start to narrow, and say so (narrowDataFolder)",
  ignore: Deno.build.os === "windows",
  fn: () =>
    withTempDir("e-ticaret-log-", async (dir) => {
      await Deno.writeTextFile(`${dir}/agent.log`, "an older agent's line\n");
      Deno.chmodSync(`${dir}/agent.log`, 0o644);
      try {
        await configureLogging({ dir, console: false });
        getLogger(["e-ticaret", "test"]).warn("a line");
      } finally {
        await stopLogging();
      }
      assert.equal((Deno.statSync(`${dir}/agent.log`).mode ?? 0) & 0o777, 0o644);
    }),
});
