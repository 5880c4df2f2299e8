/**
 * The running agent (startAgent: ledger, settings, supervisor, HTTP) on the simulators: a price-setting
 * change over the settings store re-prices the whole catalogue; /health and the token-protected XML feed.
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { runCli } from "../../cli/commands.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { startAgent } from "../../main.ts";
import { sweaters } from "../support/sweaters.ts";
import { syncHarness } from "../support/sync_harness.ts";

const ITEMS = sweaters(30);

/** Resolves after `n` more finished cycles of `mode` (counted by the productSync actor's lastCycle). */
function cycles(agent: { supervisor: AnyActorRef }, mode: "full" | "incremental", n: number) {
  const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
  let seen = 0;
  let last = sync.getSnapshot().context.lastCycle;
  return waitFor(sync, (s) => {
    const c = s.context.lastCycle;
    if (c && c !== last) {
      last = c;
      if (c.mode === mode) seen++;
    }
    return seen >= n;
  });
}

Deno.test("a price-setting change over the settings store re-prices the whole catalogue", async () => {
  const h = await syncHarness(ITEMS);
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
  try {
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    await waitFor(sync, (s) => s.context.lastCycle?.mode === "full");
    assert.equal(h.sims.qukasoft.state.products.size, 30);
    assert.equal(h.variant("8690000010000")!.variant.price, 110);

    const repriced = cycles(agent, "full", 1);
    const { changed } = agent.settings.update({
      pricing: { site: { percent: 50 }, marketplace: { amount: 5 } },
    });
    assert.deepEqual(changed.sort(), ["pricing.marketplace.amount", "pricing.site.percent"]);
    await repriced;
    for (const [i, item] of ITEMS.entries()) {
      const v = h.variant(item.variants[0]!.barcode)!.variant;
      const cost = 100 + i * 10;
      assert.equal(v.price, Math.round(cost * 1.5 * 1.1 * 100) / 100, item.code);
      assert.equal(v.marketplacePrice, Math.round((cost + 5) * 1.1 * 100) / 100, item.code);
    }
    // The change is kept in the ledger, not only in memory.
    assert.equal(
      (agent.ledger.getSettings()!.doc as { pricing: { site: { percent: number } } }).pricing.site.percent,
      50,
    );
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("zeros held by catalog.vanishLimit make /health degraded until lifting the limit lets the full cycle it runs zero them", async () => {
  const h = await syncHarness(ITEMS);
  const doc = h.config({ catalog: { vanishLimit: { percent: 10, atLeast: 0 } } });
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: doc, port: 0 });
  const health = async () => await (await fetch(agent.healthUrl)).json();
  try {
    await waitFor(agent.supervisor.system.get("productSync") as AnyActorRef, (s) => s.context.lastCycle);
    h.data.update("cdItem", (r) => String(r.ItemCode) < "KZK-120", { IsBlocked: true });
    // A catalog key changed runs a full cycle at once: 20 of 30 codes blocked, 3 allowed.
    let full = cycles(agent, "full", 1);
    agent.settings.update({ catalog: { vanishLimit: { percent: 11 } } });
    await full;
    const held = await health();
    assert.equal(held.status, "degraded");
    assert.match(
      held.reasons[0],
      /^stock codes that vanished from Nebim are held at their stock: stock 0 held for all 20 of 30/,
    );
    assert.equal(h.variant("8690000010000")!.variant.quantity, 2);

    full = cycles(agent, "full", 1);
    agent.settings.update({ catalog: { vanishLimit: null } });
    await full;
    assert.equal(h.variant("8690000010000")!.variant.quantity, 0);
    const after = await health();
    assert.deepEqual([after.status, after.reasons], ["ok", []]);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("an invalid settings patch names the key and changes nothing", async () => {
  const h = await syncHarness([]);
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
  try {
    assert.throws(
      () => agent.settings.update({ pricing: { special: [{ from: 100, to: 50, percent: 10 }] } }),
      (e: unknown) =>
        (e as { issues: { path: string }[] }).issues.some((i) => i.path === "pricing.special[0].to"),
    );
    assert.deepEqual(agent.settings.current().pricing.special, []);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("/health reports the actors and the XML feed needs the token", async () => {
  const h = await syncHarness(ITEMS.slice(0, 3));
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
  try {
    await waitFor(
      agent.supervisor.system.get("productSync") as AnyActorRef,
      (s) => s.context.lastCycle !== null,
    );
    const res = await fetch(agent.healthUrl);
    const health = await res.json();
    assert.equal(res.status, 200);
    assert.equal(health.status, "ok");
    assert.equal(health.actors.productSync.state, "idle");
    assert.equal(health.lastRuns[0].kind, "products-full");
    assert.equal(health.lastRuns[0].outcome, "ok");
    assert.ok(!JSON.stringify(health).includes("Sim-Okuma"), "no secret in /health");

    const denied = await fetch(agent.feedUrl.replace(/token=\w+/, "token=wrong"));
    assert.equal(denied.status, 403);
    await denied.body?.cancel();
    const feed = await fetch(agent.feedUrl);
    const xml = await feed.text();
    assert.equal(feed.status, 200);
    assert.equal((xml.match(/<product>/g) ?? []).length, 3);
    assert.match(xml, /<name><!\[CDATA\[Yün Kazak 0\]\]><\/name>/);
    // Streamed from its files in the data folder (fetch takes gzip, so the compressed one), with its
    // length and date for the importer.
    const built = [...Deno.readDirSync(`${h.dataDir}/agent/feed`)].map((e) => e.name).sort();
    assert.equal(built.length, 2);
    assert.match(built[1]!, /\.xml\.gz$/);
    assert.equal(await Deno.readTextFile(`${h.dataDir}/agent/feed/${built[0]}`), xml);
    assert.equal(feed.headers.get("content-encoding"), "gzip");
    assert.equal(
      Number(feed.headers.get("content-length")),
      Deno.statSync(`${h.dataDir}/agent/feed/${built[1]}`).size,
    );
    assert.ok(Date.parse(feed.headers.get("last-modified") ?? "") > 0);
    // An importer checking Last-Modified with HEAD: the same headers, no body, and no file left open.
    const opened = () => openFiles(`${h.dataDir}/agent/feed/`);
    const before = opened();
    for (let i = 0; i < 3; i++) {
      const head = await fetch(agent.feedUrl, { method: "HEAD" });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get("last-modified"), feed.headers.get("last-modified"));
      assert.equal(await head.text(), "");
    }
    if (before === -1) console.log("no /proc here: the open-file count after HEAD is not checked");
    else assert.equal(opened(), before);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("a table the login may not read fails the sync; /health and the run name the table, login and GRANT", async () => {
  const h = await syncHarness(ITEMS.slice(0, 3));
  h.sims.sqlPermissions.revoke("trStock");
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
  try {
    await waitFor(agent.supervisor, (s) => s.context.lastError.productSync !== null);
    const health = await (await fetch(agent.healthUrl)).json();
    assert.equal(health.status, "failing");
    const why =
      /The SELECT permission was denied on the object 'trStock', database 'V3_SIM', schema 'dbo'\. \(EREQUEST #229\); the login eticaret_ro may not read dbo\.trStock: GRANT SELECT ON dbo\.trStock TO eticaret_ro/;
    assert.match(health.reasons[0], /^productSync is restarting: Nebim SQL error running nebim:onHand: /);
    assert.match(health.reasons[0], why);
    assert.equal(health.lastRuns[0].outcome, "failed");
    assert.match(health.lastRuns[0].error, why);
    assert.ok(!JSON.stringify(health).includes(h.sims.settings.nebimSql.password), "no secret in /health");
    // Not retried as a passing fault: a person must grant it; nothing reached the store.
    assert.equal(h.sims.qukasoft.state.products.size, 0);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("a run the last process died in shows as interrupted in /health, not as running", async () => {
  const h = await syncHarness(ITEMS.slice(0, 3));
  const dataDir = `${h.dataDir}/agent`;
  await Deno.mkdir(dataDir);
  const before = openLedger(`${dataDir}/ledger.sqlite`);
  const died = before.startRun("products-full"); // what a SIGKILL mid-cycle leaves
  before.close();
  const agent = await startAgent({ dataDir, configDoc: h.config(), port: 0 });
  try {
    await cycles(agent, "full", 1);
    const health = await (await fetch(agent.healthUrl)).json();
    const run = health.lastRuns.find((r: { id: number }) => r.id === died);
    assert.equal(run.outcome, "interrupted");
    assert.match(run.error, /stopped during this run/);
    // It never recorded progress: its last sign of life is its start.
    assert.equal(run.finishedAt, run.startedAt);
    assert.equal(health.lastRuns[0].outcome, "ok");
    // A later run finished: the crash is history, not the current status.
    assert.equal(health.status, "ok");
    assert.deepEqual(health.reasons, []);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("one writer per data folder: a second agent and a one-shot sync are refused, a dry run reads", async () => {
  const h = await syncHarness(ITEMS.slice(0, 3));
  const dataDir = `${h.dataDir}/agent`;
  const agent = await startAgent({ dataDir, configDoc: h.config(), port: 0 });
  try {
    await waitFor(
      agent.supervisor.system.get("productSync") as AnyActorRef,
      (s) => s.context.lastCycle !== null,
    );
    const refusal = new RegExp(
      `an agent \\(pid ${Deno.pid}, \`run\` since [^)]+\\) is already writing the ledger ${dataDir}/ledger\\.sqlite`,
    );
    await assert.rejects(startAgent({ dataDir, port: 0, lockWaitMs: 0 }), refusal);
    const cli = async (...argv: string[]) => {
      const lines: string[] = [];
      const errs: string[] = [];
      const code = await runCli([...argv, "--data", dataDir], {
        startAgent: () => Promise.reject(new Error("not in this test")),
        out: (l) => lines.push(l),
        err: (l) => errs.push(l),
      });
      return { code, out: lines.join("\n"), err: errs.join("\n") };
    };
    const sync = await cli("sync", "products", "--once");
    assert.equal(sync.code, 1, sync.err);
    assert.match(sync.err, refusal);
    const dry = await cli("sync", "products", "--once", "--dry-run");
    assert.equal(dry.code, 0, dry.out);
    // The refused second agent left the first one whole.
    const health = await fetch(agent.healthUrl);
    assert.equal(health.status, 200);
    await health.body?.cancel();
  } finally {
    await agent.stop();
  }
  // Stopped, the agent frees the lock: a one-shot sync may write now.
  const lines: string[] = [];
  const code = await runCli(["sync", "products", "--once", "--data", dataDir], {
    startAgent: () => Promise.reject(new Error("not in this test")),
    out: (l) => lines.push(l),
  });
  assert.equal(code, 0, lines.join("\n"));
  await h.close();
});

/** How many of this process's open files are under `dir` (Linux: /proc/self/fd), or -1 without /proc. */
function openFiles(dir: string): number {
  try {
    let n = 0;
    for (const fd of Deno.readDirSync("/proc/self/fd")) {
      try {
        if (Deno.readLinkSync(`/proc/self/fd/${fd.name}`).startsWith(dir)) n++;
      } catch { /* closed meanwhile */ }
    }
    return n;
  } catch {
    return -1;
  }
}
