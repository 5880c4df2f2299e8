/**
 * catalog.warehouses against Nebim's cdWarehouse, end to end (mssql → TDS simulator, Qukasoft simulator): a
 * code that is no warehouse (`W1` for `W01`) finds no trStock row, so every stock would read 0 and the whole
 * store be zeroed, silently. Such a cycle fails fatally, naming the setting and the code, before any stock is
 * read; the XML feed is not built either. Codes compare as Nebim's collation does: `w01` is `W01`.
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { Connections } from "../../agent/connections.ts";
import { FeedSource } from "../../agent/feed_source.ts";
import { errorKind, errorMessage } from "../../errors.ts";
import { startAgent } from "../../main.ts";
import { plainItems } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const ITEMS = plainItems(3, "ITM-", "86900003", 5);
const CODES = ITEMS.map((i) => i.variants[0]!.barcode);
const TYPO =
  /^catalog\.warehouses\[1\]: "W1" is not a warehouse in Nebim \(cdWarehouse\); did you mean "W01"\?/;

Deno.test("a catalog.warehouses code Nebim has no warehouse of fails the adopting agent's cycle fatally; the store's stock stays", async () => {
  const h = await syncHarness(ITEMS);
  await h.sync("full"); // the store sells them at stock 5 (baseDataSet: warehouses W01 and MRK)
  // A new agent over that store (a new data folder: it adopts), with W01 mistyped.
  const agent = await startAgent({
    dataDir: `${h.dataDir}/agent`,
    configDoc: h.config({ catalog: { warehouses: ["MRK", "W1"] } }),
    port: 0,
  });
  try {
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    await waitFor(sync, (s) => s.status === "done" || s.context.lastCycle !== null);
    assert.equal(sync.getSnapshot().context.lastCycle, null, "no cycle finished");
    await waitFor(agent.supervisor, (s) => s.context.lastError.productSync !== null);
    const health = await (await fetch(agent.healthUrl)).json();
    assert.equal(health.status, "failing");
    assert.match(health.reasons[0], /^productSync is restarting: catalog\.warehouses\[1\]: "W1" is not a /);
    assert.deepEqual(CODES.map((c) => h.variant(c)!.variant.quantity), [5, 5, 5]);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("catalog.warehouses is proven again when it changes: a typo fails, the codes in another case pass", async () => {
  await using h = await syncHarness(ITEMS);
  await h.sync("full");
  h.data.update("trStock", () => true, { In_Qty1: 7 });
  h.settings.update({ catalog: { warehouses: ["MRK", "W1"] } });
  await assert.rejects(h.sync("full"), (e) => {
    assert.equal(errorKind(e), "fatal");
    assert.match(errorMessage(e), TYPO);
    return true;
  });
  assert.deepEqual(CODES.map((c) => h.variant(c)!.variant.quantity), [5, 5, 5]);
  // Turkish_CI_AS: case and trailing spaces do not count.
  h.settings.update({ catalog: { warehouses: ["mrk", "w01 "] } });
  await h.sync("full");
  assert.deepEqual(CODES.map((c) => h.variant(c)!.variant.quantity), [7, 7, 7]);
});

Deno.test("the XML feed is not built while a catalog.warehouses code is no warehouse in Nebim", async () => {
  const h = await syncHarness(ITEMS, { catalog: { warehouses: ["MRK", "W1"] } });
  const connections = new Connections(() => h.settings.current());
  const feed = new FeedSource(connections, h.settings, h.ledger, `${h.dataDir}/feed`);
  try {
    await assert.rejects(feed.file(), (e) => {
      assert.equal(errorKind(e), "fatal");
      assert.match(errorMessage(e), /failed: catalog\.warehouses\[1\]: "W1" is not a warehouse in Nebim/);
      return true;
    });
    assert.match(feed.lastFailure()!.error, /catalog\.warehouses\[1\]: "W1"/);
    h.settings.update({ catalog: { warehouses: ["w01"] } });
    assert.equal((await feed.file()).rows, 3);
  } finally {
    feed.close();
    await connections.close();
    await h.close();
  }
});
