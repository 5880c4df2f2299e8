/**
 * /health when its report cannot be built (the ledger closed, locked or unreadable): a well-formed 503 that
 * names the failure, logged once per distinct failure rather than on every poll.
 */
import assert from "node:assert/strict";
import type { HealthReport } from "../../agent/health.ts";
import { createApp } from "../../http/app.ts";
import { configureLogging, stopLogging } from "../../log.ts";

Deno.test("/health whose report throws answers 503 with a small JSON body, logged once per distinct failure", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-health-" });
  try {
    await configureLogging({ dir, console: false });
    let failure: Error | undefined = new Error("database is locked");
    const health = () => {
      if (failure) throw failure;
      return { status: "ok", reasons: [] } as unknown as HealthReport;
    };
    const a = createApp({ health, feed: () => Promise.reject(new Error("no feed")), token: "t0k3n" });
    const poll = async () => {
      const res = await a.request("/health");
      return { code: res.status, type: res.headers.get("content-type"), body: await res.text() };
    };
    const first = await poll();
    assert.equal(first.code, 503);
    assert.match(first.type ?? "", /^application\/json/);
    assert.deepEqual(JSON.parse(first.body), {
      status: "failing",
      reasons: ["the health report could not be built: database is locked"],
    });
    assert.doesNotMatch(first.body, /at .*\.ts/, "no stack");
    assert.equal((await poll()).code, 503); // the same failure again: not logged again
    failure = new Error("the ledger is closed");
    assert.match((await poll()).body, /the ledger is closed/);
    failure = undefined;
    assert.equal((await poll()).code, 200);
    failure = new Error("the ledger is closed"); // after a success, the same failure is news again
    assert.equal((await poll()).code, 503);
    await stopLogging();
    const lines = (await Deno.readTextFile(`${dir}/agent.log`)).trim().split("\n");
    assert.deepEqual(lines.map((l) => /\/health could not be built: (.*)$/.exec(l)?.[1]), [
      "database is locked",
      "the ledger is closed",
      "the ledger is closed",
    ]);
  } finally {
    await stopLogging();
    await Deno.remove(dir, { recursive: true });
  }
});
