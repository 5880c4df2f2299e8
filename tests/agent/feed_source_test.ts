import assert from "node:assert/strict";
import { FeedSource } from "../../agent/feed_source.ts";
import { SettingsStore } from "../../agent/settings_store.ts";
import { openLedger } from "../../ledger/ledger.ts";
import type { NebimReader } from "../../nebim/sql/reader.ts";

/** A reader whose first call waits for `release()`, counting how often the catalogue is read. */
function slowReader() {
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  const seen = { reads: 0, signal: undefined as AbortSignal | undefined };
  const reader = {
    async serverTime(signal?: AbortSignal) {
      seen.reads++;
      seen.signal = signal;
      await Promise.race([
        gate,
        new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
      ]);
      return new Date("2026-11-28T10:00:00Z");
    },
    async *allItemCodes() {},
    readItemRun: () => Promise.resolve([]),
  } as unknown as NebimReader;
  return { connections: { reader: () => Promise.resolve(reader) }, release, seen };
}

function withSettings(fn: (settings: SettingsStore) => Promise<void>): Promise<void> {
  const ledger = openLedger(":memory:");
  return fn(SettingsStore.open(ledger, {}).store).finally(() => ledger.close());
}

Deno.test("the feed's build is shared by every request meanwhile and then served from the cache", () =>
  withSettings(async (settings) => {
    const r = slowReader();
    const feed = new FeedSource(r.connections, settings);
    const first = feed.xml();
    const second = feed.xml();
    r.release();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, b);
    assert.match(a, /^<\?xml/);
    assert.equal(await feed.xml(), a);
    assert.equal(r.seen.reads, 1, "one read for three requests");
    // Not any request's signal: only the feed's own, which nothing but close() aborts.
    assert.equal(r.seen.signal?.aborted, false);
  }));

Deno.test("close() stops a build under way; a later request fails at once without reading", () =>
  withSettings(async (settings) => {
    const r = slowReader();
    const feed = new FeedSource(r.connections, settings);
    const waiting = feed.xml();
    // Let the build reach the reader before the stop (a few promise turns; no timer).
    for (let i = 0; i < 100 && r.seen.reads === 0; i++) await Promise.resolve();
    assert.equal(r.seen.reads, 1);
    feed.close();
    await assert.rejects(waiting, /the agent is stopping/);
    await assert.rejects(feed.xml(), /the agent is stopping/);
    assert.equal(r.seen.reads, 1);
  }));

Deno.test("cycles that invalidate during a build start no second read; the stale result is served, not kept", () =>
  withSettings(async (settings) => {
    const r = slowReader();
    const feed = new FeedSource(r.connections, settings);
    const waiting: Promise<string>[] = [];
    for (let i = 0; i < 5; i++) {
      waiting.push(feed.xml()); // an importer's retry …
      feed.invalidate(); // … and a cycle that changed something
    }
    r.release();
    const xmls = await Promise.all(waiting);
    assert.equal(r.seen.reads, 1, "one read at a time");
    assert.ok(xmls.every((x) => x === xmls[0]));
    // The read overlapped a change: the next request reads again, and that copy is kept.
    await feed.xml();
    await feed.xml();
    assert.equal(r.seen.reads, 2);
  }));
