import assert from "node:assert/strict";
import { openLedger } from "../../ledger/ledger.ts";
import { FEED_BOOKMARK, watchForFeed } from "../../sync/feed_watch.ts";
import { OVERLAP_MS } from "../../sync/item_batches.ts";
import { BOOKMARK } from "../../sync/products.ts";

Deno.test("watchForFeed: the first cycle counts everything; later ones ask Nebim what changed, on their own bookmark", async () => {
  const ledger = openLedger(":memory:");
  try {
    let now = new Date("2026-11-28T10:00:00Z");
    const asked: [Date, Date][] = [];
    const catalog = {
      serverTime: () => Promise.resolve(now),
      changedItemCodes: (since: Date, until: Date) => {
        asked.push([since, until]);
        return Promise.resolve(["KZK-100", "KZK-101"]);
      },
    };
    assert.deepEqual(await watchForFeed(catalog, ledger, "incremental", undefined), {
      mode: "full",
      changedItems: "all",
    });
    assert.equal(ledger.getBookmark(FEED_BOOKMARK), "2026-11-28T10:00:00.000Z");
    now = new Date("2026-11-28T10:00:30Z");
    assert.deepEqual(await watchForFeed(catalog, ledger, "incremental"), {
      mode: "incremental",
      changedItems: 2,
    });
    assert.deepEqual(asked, [[new Date(Date.parse("2026-11-28T10:00:00Z") - OVERLAP_MS), now]]);
    // A full cycle (a price-setting change, the schedule) rebuilds everything without asking.
    assert.deepEqual(await watchForFeed(catalog, ledger, "full"), { mode: "full", changedItems: "all" });
    assert.equal(asked.length, 1);
    assert.equal(ledger.getBookmark(BOOKMARK), undefined, "the API sync's bookmark is left unset");
  } finally {
    ledger.close();
  }
});

Deno.test("watchForFeed: SQL Server's clock before the bookmark (set back) counts everything, as the window between them is not known", async () => {
  const ledger = openLedger(":memory:");
  try {
    ledger.setBookmark(FEED_BOOKMARK, "2026-10-25T03:59:50.000Z");
    const asked: Date[] = [];
    const catalog = {
      serverTime: () => Promise.resolve(new Date("2026-10-25T03:02:00Z")), // an hour back, two minutes on
      changedItemCodes: (since: Date) => {
        asked.push(since);
        return Promise.resolve([]);
      },
    };
    assert.deepEqual(await watchForFeed(catalog, ledger, "incremental"), {
      mode: "full",
      changedItems: "all",
    });
    assert.deepEqual(asked, []);
    assert.equal(ledger.getBookmark(FEED_BOOKMARK), "2026-10-25T03:02:00.000Z");
  } finally {
    ledger.close();
  }
});
