/**
 * `feed.insteadOfApi`: a store that imports the XML feed gets no product writes through the API; a change
 * in Nebim reaches the next feed; switching to API writes later starts with a full cycle.
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { openLedger } from "../../ledger/ledger.ts";
import { type RunningAgent, startAgent } from "../../main.ts";
import type { ItemSpec } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

// Three good items and one with no price: a problem the feed leaves out and reports.
const ITEMS: ItemSpec[] = [
  ...Array.from({ length: 3 }, (_, i) => ({
    code: `KZK-${100 + i}`,
    name: `Yün Kazak ${i}`,
    tax: "%10",
    cost: 100 + i * 10,
    variants: [{ color: "LAC", size: "M", barcode: `86900000${String(10000 + i)}`, stock: 2 }],
  })),
  { code: "KZK-NOPRICE", name: "Fiyatsız", cost: null, variants: [{ barcode: "8690000999999", stock: 1 }] },
];

/** The feed's <quantity> for a stock code. */
function quantityIn(xml: string, stockCode: string): number | undefined {
  const row = xml.split("\n").find((l) => l.includes(`<stokkodu><![CDATA[${stockCode}]]>`));
  const m = row && /<quantity><!\[CDATA\[(\d+)\]\]>/.exec(row);
  return m ? Number(m[1]) : undefined;
}

/** An agent on the harness's simulators with `feed.insteadOfApi`, and its productSync actor. */
async function feedOnly(h: SyncHarness): Promise<{ agent: RunningAgent; sync: AnyActorRef }> {
  const agent = await startAgent({
    dataDir: `${h.dataDir}/agent`,
    configDoc: h.config({ feed: { insteadOfApi: true } }),
    port: 0,
  });
  return { agent, sync: agent.supervisor.system.get("productSync") as AnyActorRef };
}

Deno.test("feed.insteadOfApi: no product write reaches the store's API, and Nebim's changes reach the feed", async () => {
  const h = await syncHarness(ITEMS);
  const { agent, sync } = await feedOnly(h);
  const cycleAfter = (previous: unknown) => waitFor(sync, (s) => s.context.lastCycle !== previous);
  try {
    await waitFor(sync, (s) => s.context.lastCycle !== null);
    const first = await (await fetch(agent.feedUrl)).text();
    assert.equal(quantityIn(first, "8690000010000"), 2);
    assert.equal(quantityIn(first, "8690000999999"), undefined);
    // No API sync reports bad records in this mode: the feed's build does, for /health.
    const problems = (await (await fetch(agent.healthUrl)).json()).problems.sample as { subject: string }[];
    assert.deepEqual(problems.map((p) => p.subject), ["8690000999999"]);

    // Goods received in Nebim; the next cycle sees it and the feed is built again (not served from its copy).
    h.data.update("trStock", (r) => r.ItemCode === "KZK-100", { In_Qty1: 9 });
    h.clock.advance(1_000);
    const next = cycleAfter(sync.getSnapshot().context.lastCycle);
    sync.send({ type: "syncNow" });
    assert.equal((await next).context.lastCycle.mode, "incremental");
    assert.equal(quantityIn(await (await fetch(agent.feedUrl)).text(), "8690000010000"), 9);

    for (const path of ["/product/save", "/product/stockPrice"]) {
      assert.deepEqual(h.sims.qukasoft.log.entries(path), [], `nothing sent to ${path}`);
    }
    assert.equal(h.sims.qukasoft.state.products.size, 0);
    const health = await (await fetch(agent.healthUrl)).json();
    assert.equal(health.status, "ok");
    // The feed's state for the operator: its last build (the three priced variants), no failure.
    assert.equal(health.feed.lastBuild.rows, 3);
    assert.ok(health.feed.lastBuild.bytes > health.feed.lastBuild.gzipBytes);
    assert.equal(health.feed.lastFailure, null);
    // Two runs of their own kind: the first (everything) and the change (with the 60 s overlap, all three
    // items the simulator's clock stamped a second ago).
    const [change, initial] = health.lastRuns as { kind: string; counts: Record<string, number> }[];
    // The same key in both (monitoring reads it); the first, a full cycle, counted nothing: -1.
    assert.deepEqual([initial!.kind, initial!.counts], ["products-feed", { changedItems: -1 }]);
    assert.equal(change!.kind, "products-feed");
    assert.ok(change!.counts.changedItems! >= 1);

    // Back to API writes: its first cycle is a full one (its own bookmark was never set), so products the
    // imports made would be adopted, not created twice.
    const api = cycleAfter(sync.getSnapshot().context.lastCycle);
    agent.settings.update({ feed: { insteadOfApi: false } });
    sync.send({ type: "syncNow" });
    assert.equal((await api).context.lastCycle.mode, "full");
    assert.equal(h.sims.qukasoft.state.products.size, 3); // the one with no price held back
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("feed.insteadOfApi after a crash: the first finished feed-only cycle clears /health's 'interrupted'", async () => {
  const h = await syncHarness(ITEMS);
  const dataDir = `${h.dataDir}/agent`;
  await Deno.mkdir(dataDir);
  const before = openLedger(`${dataDir}/ledger.sqlite`);
  before.startRun("products-full"); // what a SIGKILL mid-cycle leaves
  before.close();
  const agent = await startAgent({ dataDir, configDoc: h.config({ feed: { insteadOfApi: true } }), port: 0 });
  try {
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    await waitFor(sync, (s) => s.context.lastCycle !== null);
    const health = await (await fetch(agent.healthUrl)).json();
    assert.deepEqual(health.lastRuns.map((r: { outcome: string }) => r.outcome), ["ok", "interrupted"]);
    assert.equal(health.status, "ok", JSON.stringify(health.reasons));
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("feed.insteadOfApi: a build after a change that is not the feed's has the served build's bytes, whatever order SQL Server reads in: the importer gets 304", async () => {
  // Sizes of one item: without an ORDER BY SQL Server reads them in any order, and every build wrote another.
  const sizes = ["S", "M", "L", "XL", "XXL"].map((size, i) => ({
    color: "LAC",
    size,
    barcode: `869000002000${i}`,
    stock: 2,
  }));
  const items: ItemSpec[] = [
    { code: "KZK-200", name: "Yün Kazak", tax: "%10", cost: 100, variants: sizes },
    ITEMS[3]!,
  ];
  const h = await syncHarness(items);
  const { agent, sync } = await feedOnly(h);
  try {
    await waitFor(sync, (s) => s.context.lastCycle !== null);
    const first = await fetch(agent.feedUrl);
    const [etag, xml] = [first.headers.get("etag")!, await first.text()];
    // Goods received for the item without a price, which the feed leaves out: built again, the same bytes.
    h.data.update("trStock", (r) => r.ItemCode === "KZK-NOPRICE", { In_Qty1: 9 });
    h.clock.advance(1_000);
    const previous = sync.getSnapshot().context.lastCycle;
    sync.send({ type: "syncNow" });
    assert.equal(
      (await waitFor(sync, (s) => s.context.lastCycle !== previous)).context.lastCycle.mode,
      "incremental",
    );
    const again = await fetch(agent.feedUrl, { headers: { "if-none-match": etag } });
    const body = await again.text();
    assert.equal(again.status, 304, `the served build stays: ${body === xml ? "same" : "other"} bytes`);
  } finally {
    await agent.stop();
    await h.close();
  }
});
