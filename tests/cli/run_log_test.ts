/**
 * `run` leaves its start failure and its stop in agent.log: a service has no screen, and without them the
 * log of an agent that never started, or was stopped, ends as if it were still running.
 */
import assert from "node:assert/strict";
import { runCli } from "../../cli/commands.ts";
import type { RunningAgent } from "../../main.ts";
import { withTempDir } from "../support/temp_dir.ts";

Deno.test("run: a start that fails is in agent.log with its reason, and exit code 1", () =>
  withTempDir("e-ticaret-run-", async (dir) => {
    const lines: string[] = [];
    const code = await runCli(["run", "--data", dir], {
      startAgent: () =>
        Promise.reject(new Error("127.0.0.1:8787 (settings http.host/http.port) is already in use")),
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
    const agent = {
      healthUrl: "http://127.0.0.1:8787/health",
      stop: () => Promise.resolve(void (stopped = true)),
    } as unknown as RunningAgent;
    const code = await runCli(["run", "--data", dir], {
      startAgent: () => Promise.resolve(agent),
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
