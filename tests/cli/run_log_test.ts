/**
 * `run` leaves its start failure and its stop in agent.log: a service has no screen, and without them the
 * log of an agent that never started, or was stopped, ends as if it were still running. One refused for the
 * agent already running on the data folder leaves that agent's log alone.
 */
import assert from "node:assert/strict";
import { runCli } from "../../cli/commands.ts";
import { type RunningAgent, startAgent } from "../../main.ts";
import { claimWriter } from "../../ledger/writer_lock.ts";
import { withTempDir } from "../support/temp_dir.ts";

Deno.test("run: a start that fails is in agent.log with its reason, and exit code 1", () =>
  withTempDir("e-ticaret-run-", async (dir) => {
    const lines: string[] = [];
    const code = await runCli(["run", "--data", dir], {
      // Past the writer lock (onWriter), as a port in use is; stopped, as the real one is (onRelease).
      startAgent: async (o) => {
        await o.onWriter?.();
        const error = new Error("127.0.0.1:8787 (settings http.host/http.port) is already in use");
        await o.onRelease?.({ error, during: "start" });
        throw error;
      },
      out: () => {},
      err: (l) => lines.push(l),
    });
    assert.equal(code, 1);
    assert.deepEqual(lines, ["127.0.0.1:8787 (settings http.host/http.port) is already in use"]);
    assert.match(
      await Deno.readTextFile(`${dir}/logs/agent.log`),
      /\[ERR\] e-ticaret·cli·run: the agent did not start: 127\.0\.0\.1:8787 \(settings http\.host\/http\.port\) is already in use\n$/,
    );
  }));

Deno.test("run: a stop is in agent.log, asked for and done", () =>
  withTempDir("e-ticaret-run-", async (dir) => {
    let stopped = false;
    const code = await runCli(["run", "--data", dir], {
      startAgent: async (o) => {
        await o.onWriter?.();
        return {
          healthUrl: "http://127.0.0.1:8787/health",
          // Its last step before the lock goes, as the real one's.
          stop: () => o.onRelease!().then(() => void (stopped = true)),
        } as unknown as RunningAgent;
      },
      stopSignal: () => Promise.resolve(),
      out: () => {},
      err: () => {},
    });
    assert.equal(code, 0);
    assert.ok(stopped);
    const log = (await Deno.readTextFile(`${dir}/logs/agent.log`)).trim().split("\n");
    assert.equal(log.length, 2, log.join("\n"));
    assert.match(
      log[0]!,
      /\[INF\] e-ticaret·cli·run: stopping: asked to \(Ctrl\+C or the service's stop signal\)$/,
    );
    assert.match(log[1]!, /\[INF\] e-ticaret·cli·run: stopped$/);
  }));

Deno.test("run refused by the agent already running on the data folder leaves that agent's agent.log as it is", () =>
  withTempDir("e-ticaret-run-", async (dir) => {
    // The running agent's log, a line short of its 10 MB: a line more from the refused start rolled it over.
    await Deno.mkdir(`${dir}/logs`, { mode: 0o700 });
    const before = new Uint8Array(10 * 1024 * 1024 - 40).fill(0x2e);
    await Deno.writeFile(`${dir}/logs/agent.log`, before, { mode: 0o600 });
    const running = await claimWriter(`${dir}/ledger.sqlite`, "run");
    try {
      const lines: string[] = [];
      const code = await runCli(["run", "--data", dir], {
        startAgent: (o) => startAgent({ ...o, lockWaitMs: 0 }),
        out: () => {},
        err: (l) => lines.push(l),
      });
      assert.equal(code, 1);
      assert.match(lines.join("\n"), /is already writing the ledger .*only one may at a time/);
      assert.deepEqual([...Deno.readDirSync(`${dir}/logs`)].map((e) => e.name).sort(), ["agent.log"]);
      const after = await Deno.readFile(`${dir}/logs/agent.log`);
      // Compared whole, not by deepEqual: its diff of 10 MB would take minutes to print.
      assert.ok(
        after.length === before.length && after.every((b, i) => b === before[i]),
        "agent.log changed",
      );
    } finally {
      running.release();
    }
  }));

/**
 * What `run` does to agent.log and to the writer lock, in order: a line written ("write <text>"), the lock
 * released ("release"). A `run` started in between (a service manager's restart) may roll agent.log over.
 */
async function recording(fn: (events: string[]) => Promise<void>): Promise<string[]> {
  const events: string[] = [];
  const writeSync = Deno.FsFile.prototype.writeSync;
  const unlockSync = Deno.FsFile.prototype.unlockSync;
  Deno.FsFile.prototype.writeSync = function (this: Deno.FsFile, p: Uint8Array) {
    const text = new TextDecoder().decode(p);
    if (/^\S+ \S+ \S+ \[[A-Z]{3}\] /.test(text)) events.push(`write ${text.replace(/^.*?\] /, "").trim()}`);
    return writeSync.call(this, p);
  };
  Deno.FsFile.prototype.unlockSync = function (this: Deno.FsFile) {
    events.push("release");
    return unlockSync.call(this);
  };
  try {
    await fn(events);
  } finally {
    Deno.FsFile.prototype.writeSync = writeSync;
    Deno.FsFile.prototype.unlockSync = unlockSync;
  }
  return events;
}

Deno.test("run writes its last line to agent.log, stopped, before it releases the writer lock", () =>
  withTempDir("e-ticaret-run-", async (dir) => {
    let code = -1;
    const events = await recording(async () => {
      code = await runCli(["run", "--data", dir], {
        startAgent: (o) => startAgent({ ...o, port: 0, lockWaitMs: 0 }),
        stopSignal: () => Promise.resolve(),
        out: () => {},
        err: () => {},
      });
    });
    assert.equal(code, 0);
    assert.deepEqual(events.slice(-2), ["write e-ticaret·cli·run: stopped", "release"]);
    assert.match(await Deno.readTextFile(`${dir}/logs/agent.log`), /\[INF\] e-ticaret·cli·run: stopped\n$/);
  }));

Deno.test("run that fails to start past the writer lock says why in agent.log before it releases the lock", () =>
  withTempDir("e-ticaret-run-", async (dir) => {
    const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    let code = -1;
    try {
      const events = await recording(async () => {
        code = await runCli(["run", "--data", dir], {
          startAgent: (o) => startAgent({ ...o, port: taken.addr.port, lockWaitMs: 0 }),
          out: () => {},
          err: () => {},
        });
      });
      assert.equal(code, 1);
      assert.equal(events.at(-1), "release");
      assert.match(
        events.at(-2) ?? "",
        /^write e-ticaret·cli·run: the agent did not start: .* is already in use/,
      );
    } finally {
      taken.close();
    }
    assert.match(
      await Deno.readTextFile(`${dir}/logs/agent.log`),
      /\[ERR\] e-ticaret·cli·run: the agent did not start: 127\.0\.0\.1:\d+ .*is already in use.*\n$/,
    );
  }));

Deno.test("run whose stop fails says why in agent.log, before it releases the writer lock", () =>
  withTempDir("e-ticaret-run-", async (dir) => {
    const lines: string[] = [];
    let code = -1;
    const events = await recording(async () => {
      code = await runCli(["run", "--data", dir], {
        startAgent: async (o) => {
          const agent = await startAgent({ ...o, port: 0, lockWaitMs: 0 });
          // A stop step that fails (here the ledger's close, after closing it): a service has no screen.
          const close = agent.ledger.close.bind(agent.ledger);
          agent.ledger.close = () => {
            close();
            throw new Error("disk I/O error");
          };
          return agent;
        },
        stopSignal: () => Promise.resolve(),
        out: () => {},
        err: (l) => lines.push(l),
      });
    });
    assert.equal(code, 1);
    assert.equal(lines.at(-1), "disk I/O error");
    assert.deepEqual(events.slice(-2), [
      "write e-ticaret·cli·run: stopped, not cleanly: disk I/O error",
      "release",
    ]);
  }));
