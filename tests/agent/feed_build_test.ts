/**
 * A build that finds nothing changed (agent/feed_build.ts): the served build stays, with its Last-Modified,
 * so an importer that pulls hourly (past the ten minutes a build is cached) gets 304, not the whole feed.
 */
import assert from "node:assert/strict";
import { FeedSource } from "../../agent/feed_source.ts";
import { SettingsStore } from "../../agent/settings_store.ts";
import { createApp } from "../../http/app.ts";
import { openLedger } from "../../ledger/ledger.ts";
import type { NebimReader } from "../../nebim/sql/reader.ts";
import { arrayCatalog } from "../support/array_catalog.ts";
import { nebimVariant } from "../support/mapping.ts";
import { withTempDir } from "../support/temp_dir.ts";

const URL = "/feed/products.xml?token=t0k3n";

Deno.test("a build that changes nothing keeps the served build's Last-Modified: an hour later the importer's copy gets 304, across a restart too", () =>
  withTempDir("feed-build-", async (tmp) => {
    const ledger = openLedger(":memory:");
    try {
      const settings = SettingsStore.open(ledger, {}).store;
      const nebim = [nebimVariant({ barcodes: ["8690001"] })];
      const reader = arrayCatalog(nebim) as unknown as NebimReader;
      let clock = Date.parse("2026-11-28T10:00:00.250Z");
      const start = () =>
        new FeedSource(
          { heldReader: () => Promise.resolve({ reader, release() {} }) },
          settings,
          ledger,
          `${tmp}/feed`,
          600_000,
          () => clock,
        );
      const app = (feed: FeedSource) =>
        createApp({ health: () => ({}) as never, feed: (b, g) => feed.open(b, g), token: "t0k3n" });
      const ask = async (a: ReturnType<typeof app>, since?: string, header = "if-modified-since") => {
        const res = await a.request(URL, since ? { headers: { [header]: since } } : {});
        await res.body?.cancel();
        const [lastModified, etag] = [res.headers.get("last-modified")!, res.headers.get("etag")!];
        return { status: res.status, lastModified, etag };
      };
      let feed = start();
      const first = await ask(app(feed));
      assert.equal(first.lastModified, "Sat, 28 Nov 2026 10:00:00 GMT");
      clock += 3_600_000; // Qukasoft's next hourly pull: the cached build is long stale, the catalogue the same
      const again = await ask(app(feed), first.lastModified);
      assert.equal(again.status, 304, "nothing changed: the importer's copy is current");
      assert.equal(again.lastModified, first.lastModified);
      assert.equal((await ask(app(feed), first.etag, "if-none-match")).status, 304, "by its ETag too");
      assert.equal([...Deno.readDirSync(`${tmp}/feed`)].length, 2, "one build: its XML and gzip files");
      // A stock change: the feed, with a date of its own.
      nebim[0]!.onHand = 9;
      feed.invalidate();
      const changed = await ask(app(feed), first.lastModified);
      assert.equal(changed.status, 200);
      assert.equal(changed.lastModified, "Sat, 28 Nov 2026 11:00:00 GMT");
      assert.equal((await ask(app(feed), first.etag, "if-none-match")).status, 200);
      // Restarted an hour later, nothing changed since: the served build's date still.
      feed.close();
      clock += 3_600_000;
      feed = start();
      assert.equal((await ask(app(feed), changed.lastModified)).status, 304);
      assert.equal((await ask(app(feed), changed.etag, "if-none-match")).status, 304);
      feed.close();
    } finally {
      ledger.close();
    }
  }));
