/**
 * agent.log's own rollover (log.ts): past 10 MB as written (bytes, not characters), agent.log.1 the newest to
 * agent.log.5, nothing renamed over a file when a rename fails, and the redaction still in front.
 */
import assert from "node:assert/strict";
import { configureLogging, getLogger, stopLogging } from "../log.ts";
import { withTempDir } from "./support/temp_dir.ts";

const MAX = 10 * 1024 * 1024;
const TURKISH = "Ürün çeşidi güncellendi: ĞÜŞİÖÇ ığüşöç";

/** One line logged into `dir`, closed after. */
async function logLine(dir: string, message: string, properties?: Record<string, unknown>): Promise<void> {
  await configureLogging({ dir, console: false });
  try {
    getLogger(["e-ticaret", "test"]).warn(message, properties);
  } finally {
    await stopLogging();
  }
}

/** The line `message` makes in agent.log: its bytes and its characters (the timestamp is of fixed width). */
function measure(message: string): Promise<{ bytes: number; chars: number }> {
  return withTempDir("e-ticaret-log-", async (dir) => {
    await logLine(dir, message);
    return {
      bytes: (await Deno.readFile(`${dir}/agent.log`)).length,
      chars: (await Deno.readTextFile(`${dir}/agent.log`)).length,
    };
  });
}

const names = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();
const fill = (dir: string, size: number) =>
  Deno.writeFile(`${dir}/agent.log`, new Uint8Array(size).fill(0x2e), { mode: 0o600 });

Deno.test("agent.log rolls over past 10 MB counted in bytes as written: a Turkish line counts its two-byte letters", async () => {
  const line = await measure(TURKISH);
  assert.ok(line.bytes > line.chars);
  await withTempDir("e-ticaret-log-", async (dir) => {
    // Fits by characters, not by bytes: the file would pass 10 MB.
    await fill(dir, MAX - line.chars);
    await logLine(dir, TURKISH);
    assert.deepEqual(names(dir), ["agent.log", "agent.log.1"]);
    assert.equal(Deno.statSync(`${dir}/agent.log.1`).size, MAX - line.chars);
    assert.equal(Deno.statSync(`${dir}/agent.log`).size, line.bytes);
  });
});

Deno.test("a line that brings agent.log to exactly 10 MB stays in it; the next, in the same run, rolls it over", async () => {
  const line = await measure(TURKISH);
  await withTempDir("e-ticaret-log-", async (dir) => {
    await fill(dir, MAX - line.bytes);
    await configureLogging({ dir, console: false });
    try {
      getLogger(["e-ticaret", "test"]).warn(TURKISH);
      assert.deepEqual(names(dir), ["agent.log"]);
      assert.equal(Deno.statSync(`${dir}/agent.log`).size, MAX);
      getLogger(["e-ticaret", "test"]).warn(TURKISH);
    } finally {
      await stopLogging();
    }
    assert.equal(Deno.statSync(`${dir}/agent.log.1`).size, MAX);
    assert.equal(Deno.statSync(`${dir}/agent.log`).size, line.bytes);
  });
});

Deno.test("a line larger than 10 MB goes whole into a new agent.log (no empty agent.log.1); the next line rolls it", async () => {
  const big = "x".repeat(MAX + 10);
  await withTempDir("e-ticaret-log-", async (dir) => {
    await logLine(dir, big);
    assert.deepEqual(names(dir), ["agent.log"]);
    assert.ok(Deno.statSync(`${dir}/agent.log`).size > MAX);
    await logLine(dir, "after the large line");
    assert.deepEqual(names(dir), ["agent.log", "agent.log.1"]);
    assert.ok(Deno.statSync(`${dir}/agent.log.1`).size > MAX);
    assert.match(
      await Deno.readTextFile(`${dir}/agent.log`),
      /^\S+ \S+ \S+ \[WRN\] e-ticaret·test: after the large line\n$/,
    );
  });
});

Deno.test("a rollover keeps five: agent.log.1 the newest to agent.log.5, the oldest dropped", () =>
  withTempDir("e-ticaret-log-", async (dir) => {
    for (let i = 1; i <= 5; i++) await Deno.writeTextFile(`${dir}/agent.log.${i}`, `old ${i}\n`);
    await fill(dir, MAX);
    await logLine(dir, "after the rollover");
    assert.deepEqual(names(dir), ["agent.log", ...[1, 2, 3, 4, 5].map((i) => `agent.log.${i}`)]);
    assert.equal(Deno.statSync(`${dir}/agent.log.1`).size, MAX);
    for (let i = 2; i <= 5; i++) {
      assert.equal(await Deno.readTextFile(`${dir}/agent.log.${i}`), `old ${i - 1}\n`);
    }
    assert.match(await Deno.readTextFile(`${dir}/agent.log`), /after the rollover\n$/);
  }));

Deno.test("a rollover whose rename of agent.log fails, retried at each line, moves the older files up once, not over each other", () =>
  withTempDir("e-ticaret-log-", async (dir) => {
    // Windows: a program holding agent.log open without sharing its deletion fails its rename (stubbed here).
    for (let i = 1; i <= 5; i++) await Deno.writeTextFile(`${dir}/agent.log.${i}`, `old ${i}\n`);
    await fill(dir, MAX);
    const renameSync = Deno.renameSync;
    Deno.renameSync = (from, to) => {
      if (String(from).endsWith("/agent.log")) {
        throw new Deno.errors.PermissionDenied("held by another program");
      }
      renameSync(from, to);
    };
    await configureLogging({ dir, console: false });
    try {
      for (let n = 1; n <= 4; n++) getLogger(["e-ticaret", "test"]).warn("held line {n}", { n });
      Deno.renameSync = renameSync; // the other program lets go
      getLogger(["e-ticaret", "test"]).warn("after the rollover");
    } finally {
      Deno.renameSync = renameSync;
      await stopLogging();
    }
    // No line lost: the held ones went to the end of the old agent.log.
    const old = await Deno.readTextFile(`${dir}/agent.log.1`);
    assert.match(old, /held line 1\n.*held line 2\n.*held line 3\n.*held line 4\n$/);
    // Each older file a number up once (old 5 dropped, as one rollover does); without the fix only old 1 was
    // left, as agent.log.5.
    const kept = [2, 3, 4, 5].map((i) => Deno.readTextFileSync(`${dir}/agent.log.${i}`));
    assert.deepEqual(kept, ["old 1\n", "old 2\n", "old 3\n", "old 4\n"]);
    assert.match(
      await Deno.readTextFile(`${dir}/agent.log`),
      /^\S+ \S+ \S+ \[WRN\] e-ticaret·test: after the rollover\n$/,
    );
  }));

Deno.test("agent.log's lines, also those at a rollover, are redacted", () =>
  withTempDir("e-ticaret-log-", async (dir) => {
    await fill(dir, MAX);
    await logLine(dir, "connecting with {password}", { password: "Gizli-Parola-1", apiKey: "k-Gizli-2" });
    const text = await Deno.readTextFile(`${dir}/agent.log`);
    assert.match(text, /connecting with \*{8}/);
    assert.ok(!text.includes("Gizli"), text);
  }));

Deno.test("agent.log is closed before its rollover renames it (Windows refuses to rename an open file)", () =>
  withTempDir("e-ticaret-log-", async (dir) => {
    await fill(dir, MAX);
    const { ino } = Deno.statSync(`${dir}/agent.log`);
    // Each close of a file and each rename of agent.log, in order, by the file's inode.
    const events: string[] = [];
    const close = Deno.FsFile.prototype.close;
    Deno.FsFile.prototype.close = function (this: Deno.FsFile) {
      events.push(`close ${this.statSync().ino}`);
      return close.call(this);
    };
    const renameSync = Deno.renameSync;
    Deno.renameSync = (from, to) => {
      if (String(from).endsWith("/agent.log")) events.push(`rename ${Deno.statSync(from).ino}`);
      renameSync(from, to);
    };
    try {
      await configureLogging({ dir, console: false });
      getLogger(["e-ticaret", "test"]).warn("after the rollover");
    } finally {
      Deno.FsFile.prototype.close = close;
      Deno.renameSync = renameSync;
      await stopLogging();
    }
    assert.deepEqual(events.slice(0, 2), [`close ${ino}`, `rename ${ino}`]);
  }));

Deno.test("a new agent.log a rollover cannot open (too many open files) is opened at the next line", () =>
  withTempDir("e-ticaret-log-", async (dir) => {
    await fill(dir, MAX);
    await configureLogging({ dir, console: false });
    const openSync = Deno.openSync;
    let failures = 1;
    Deno.openSync = (path, options) => {
      if (options?.append && failures-- > 0) throw new Error("Too many open files (os error 24)");
      return openSync(path, options);
    };
    try {
      getLogger(["e-ticaret", "test"]).warn("the line that meets the failure");
      getLogger(["e-ticaret", "test"]).warn("the next line");
      getLogger(["e-ticaret", "test"]).warn("and the one after");
    } finally {
      Deno.openSync = openSync;
      await stopLogging();
    }
    assert.equal(Deno.statSync(`${dir}/agent.log.1`).size, MAX);
    assert.match(
      await Deno.readTextFile(`${dir}/agent.log`),
      /^\S+ \S+ \S+ \[WRN\] e-ticaret·test: the next line\n.*and the one after\n$/,
    );
  }));
