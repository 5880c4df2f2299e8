/**
 * The agent's HTTP port: what a start that cannot listen says, and what it leaves.
 * @module
 */

import assert from "node:assert/strict";
import { startAgent } from "../../main.ts";
import { plainItems } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const ITEMS = plainItems(1, "KZK-", "86900000", 2);

Deno.test("an agent that cannot take its port begins no cycle, stops what it started and frees its ledger", async () => {
  const h = await syncHarness(ITEMS);
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = taken.addr.port;
    const dataDir = `${h.dataDir}/b`;
    await assert.rejects(
      startAgent({ dataDir, configDoc: h.config(), port, lockWaitMs: 0 }),
      (e: unknown) =>
        e instanceof Deno.errors.AddrInUse &&
        e.message === `127.0.0.1:${port} (settings http.host/http.port) is already in use by another program`,
    );
    // It began no cycle (the supervisor starts only once the port is bound): SQL Server was never dialled.
    assert.equal(h.sims.tds.accepted, 0);
    // Its ledger is closed and its lock freed: the next start on the same folder takes them at once.
    const again = await startAgent({ dataDir, port: 0, lockWaitMs: 0 });
    await again.stop();
  } finally {
    taken.close();
    await h.close();
  }
});

Deno.test("an http.host that is not this machine's fails the start naming the address and its settings", async () => {
  await using h = await syncHarness(ITEMS);
  // 192.0.2.1 (TEST-NET-1) is no machine's: the operating system answers "Cannot assign requested
  // address", and Deno under the tests' --allow-net refuses it before that; either text alone names
  // neither the address nor the setting.
  const configDoc = h.config({ http: { host: "192.0.2.1" } });
  await assert.rejects(
    startAgent({ dataDir: `${h.dataDir}/c`, configDoc, port: 0, lockWaitMs: 0 }),
    /^Error: cannot listen on 192\.0\.2\.1:0 \(settings http\.host\/http\.port\): \S/,
  );
  assert.equal(h.sims.tds.accepted, 0);
});

Deno.test("the URLs the agent gives are http://host:port/… for its http.host as set (the normal case)", async () => {
  await using h = await syncHarness(ITEMS);
  const agent = await startAgent({
    dataDir: `${h.dataDir}/d`,
    configDoc: h.config(),
    port: 0,
    lockWaitMs: 0,
  });
  await agent.stop();
  const port = /^http:\/\/127\.0\.0\.1:(\d+)\/health$/.exec(agent.healthUrl)?.[1];
  assert.ok(port, agent.healthUrl);
  assert.match(
    agent.feedUrl,
    new RegExp(`^http://127\\.0\\.0\\.1:${port}/feed/products\\.xml\\?token=\\w+$`),
  );
  assert.equal(agent.allInterfaces, undefined);
});

Deno.test("an IPv6 http.host is in brackets in what the agent says: its URLs, or why it cannot listen", async () => {
  await using h = await syncHarness(ITEMS);
  // The tests' --allow-net has no [::1], and a machine may have no IPv6: the start is then refused, its
  // message naming [::1]:0; where it listens, its URLs are [::1]'s.
  const configDoc = h.config({ http: { host: "::1" } });
  const started = await startAgent({ dataDir: `${h.dataDir}/e`, configDoc, port: 0, lockWaitMs: 0 }).then(
    (agent) => agent,
    (e: unknown) => e as Error,
  );
  if (started instanceof Error) {
    assert.match(started.message, /^cannot listen on \[::1\]:0 \(settings http\.host\/http\.port\): \S/);
  } else {
    await started.stop();
    assert.match(started.healthUrl, /^http:\/\/\[::1\]:\d+\/health$/);
  }
});

Deno.test("a second stop() after a stop step failed does nothing: the failure is thrown once", async () => {
  await using h = await syncHarness(ITEMS);
  const agent = await startAgent({ dataDir: `${h.dataDir}/e`, port: 0, lockWaitMs: 0 });
  const close = agent.ledger.close.bind(agent.ledger);
  agent.ledger.close = () => {
    close();
    throw new Error("disk I/O error");
  };
  await assert.rejects(agent.stop(), /disk I\/O error/);
  await agent.stop(); // a caller's finally, or a second signal: everything is stopped already
});

Deno.test("a stop() called while another runs waits for it to end: the ledger closed and the lock free", async () => {
  await using h = await syncHarness(ITEMS);
  const dataDir = `${h.dataDir}/f`;
  const agent = await startAgent({ dataDir, port: 0, lockWaitMs: 0 });
  const first = agent.stop();
  await agent.stop();
  // The second returned only once everything stopped: the ledger is closed (its last step but the lock's)
  // and the next start takes the writer lock at once.
  assert.throws(() => agent.ledger.bindingCounts());
  const again = await startAgent({ dataDir, port: 0, lockWaitMs: 0 });
  await again.stop();
  await first;
});
