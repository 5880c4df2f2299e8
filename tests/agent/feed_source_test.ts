import assert from "node:assert/strict";
import { FeedSource } from "../../agent/feed_source.ts";
import { SettingsStore } from "../../agent/settings_store.ts";
import { type Ledger, openLedger } from "../../ledger/ledger.ts";
import type { NebimReader } from "../../nebim/sql/reader.ts";
import type { NebimVariant } from "../../nebim/types.ts";
import { ITEM_BATCH } from "../../sync/item_batches.ts";
import { nebimVariant } from "../support/mapping.ts";
import { withTempDir } from "../support/temp_dir.ts";

/**
 * A reader of `nebim` (item code → variants) whose first call waits for `release()`, counting how often the
 * catalogue is read; `reached` settles when a read begins.
 */
function slowReader(nebim = new Map<string, NebimVariant[]>()) {
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  let reach!: () => void;
  const reached = new Promise<void>((r) => reach = r);
  const seen = { reads: 0, signal: undefined as AbortSignal | undefined };
  const reader = {
    async serverTime(signal?: AbortSignal) {
      seen.reads++;
      seen.signal = signal;
      reach();
      await Promise.race([
        gate,
        new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
      ]);
      return new Date("2026-11-28T10:00:00Z");
    },
    async *allItemCodes() {
      yield [...nebim.keys()].sort();
    },
    readItemRun: (codes: string[]) => Promise.resolve(codes.flatMap((c) => nebim.get(c) ?? [])),
    readItems: (codes: string[]) => Promise.resolve(codes.flatMap((c) => nebim.get(c) ?? [])),
    sharedBarcodes: () => Promise.resolve(new Set<string>()),
    // No code two items make before the build: the batches find such a pair, as one made during the build.
    templateCodeVariants: () => Promise.resolve([]),
  } as unknown as NebimReader;
  return {
    connections: { heldReader: () => Promise.resolve({ reader, release() {} }) },
    release,
    reached,
    seen,
  };
}

/** A reader of `nebim` that answers at once. */
function released(nebim: Map<string, NebimVariant[]>) {
  const r = slowReader(nebim);
  r.release();
  return r;
}

/** The served feed's lines that hold `text`. */
async function feedLines(feed: FeedSource, text: string): Promise<string[]> {
  const body = await new Response((await feed.open()).body).text();
  return body.split("\n").filter((l) => l.includes(text));
}

/**
 * `fn` with a maker of feeds over one ledger (settings from `doc`, its clock `now`) and the feed folder, in a
 * temp dir.
 */
function withFeed(
  fn: (
    make: (r: ReturnType<typeof slowReader>) => FeedSource,
    dir: string,
    ledger: Ledger,
    settings: SettingsStore,
  ) => Promise<void>,
  doc: Record<string, unknown> = {},
  now?: () => Date,
): Promise<void> {
  return withTempDir("feed-test-", async (dir) => {
    const ledger = openLedger(":memory:", { now });
    const settings = SettingsStore.open(ledger, doc).store;
    try {
      await fn(
        (r) => new FeedSource(r.connections, settings, ledger, `${dir}/feed`),
        `${dir}/feed`,
        ledger,
        settings,
      );
    } finally {
      ledger.close();
    }
  });
}

/** A build's two files, as `files()` lists them. */
function namesOf(f: { path: string; gzipPath: string }): string[] {
  return [f.path, f.gzipPath].map((p) => p.slice(p.lastIndexOf("/") + 1));
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

Deno.test("the feed's build is shared by every request meanwhile and then served from the cache", () =>
  withFeed(async (make, dir) => {
    const r = slowReader();
    const feed = make(r);
    const first = feed.file();
    const second = feed.open();
    r.release();
    const [a, b] = await Promise.all([first, second]);
    const text = await new Response(b.body).text();
    assert.match(text, /^<\?xml/);
    assert.equal(b.bytes, new TextEncoder().encode(text).length);
    assert.equal(b.bytes, a.bytes);
    assert.deepEqual(await feed.file(), a);
    assert.equal(r.seen.reads, 1, "one read for three requests");
    // Not any request's signal: only the feed's own, which nothing but close() aborts.
    assert.equal(r.seen.signal?.aborted, false);
    assert.deepEqual(await files(dir), namesOf(a));
  }));

Deno.test("the feed is written batch by batch: every variant of every batch, once, between head and tail", () =>
  withFeed(async (make) => {
    // Two batches; the second item of the second batch has the first item's stock code (its barcode).
    const codes = Array.from({ length: ITEM_BATCH + 2 }, (_, i) => `IT-${String(i).padStart(4, "0")}`);
    const nebim = new Map(
      codes.map((c, i) => [c, [nebimVariant({ barcodes: [`86900${i}`] }, { itemCode: c })]]),
    );
    nebim.set(codes.at(-1)!, [nebimVariant({ barcodes: ["869000"] }, { itemCode: codes.at(-1)! })]);
    const r = slowReader(nebim);
    r.release();
    const feed = make(r);
    const text = await new Response((await feed.open()).body).text();
    const lines = text.split("\n");
    assert.deepEqual(lines.slice(0, 2), ['<?xml version="1.0" encoding="UTF-8"?>', "<products>"]);
    assert.deepEqual(lines.slice(-2), ["</products>", ""]);
    const stockCodes = lines.slice(2, -2).map((l) => /<stokkodu><!\[CDATA\[(.*?)\]\]>/.exec(l)?.[1]);
    assert.equal(stockCodes.length, codes.length - 1, "the later variant with a taken code is left out");
    assert.equal(new Set(stockCodes).size, stockCodes.length);
    assert.ok(stockCodes.includes("869000"));
    // The compressed copy is the same document.
    const gz = await feed.open(true, true);
    assert.equal(gz.encoding, "gzip");
    assert.ok(gz.bytes < new TextEncoder().encode(text).length / 4);
    assert.equal(
      await new Response(new Response(gz.body).body!.pipeThrough(new DecompressionStream("gzip"))).text(),
      text,
    );
  }));

Deno.test("close() stops a build under way: it fails, a later request fails at once, no file is left", () =>
  withFeed(async (make, dir) => {
    const r = slowReader();
    const feed = make(r);
    const waiting = feed.file();
    await r.reached;
    feed.close();
    await assert.rejects(waiting, /the agent is stopping/);
    assert.equal(feed.lastFailure(), undefined, "a stop is not a failure");
    await assert.rejects(feed.file(), /the agent is stopping/);
    assert.equal(r.seen.reads, 1);
    assert.deepEqual(await files(dir), [], "the half-written file is removed");
  }));

Deno.test("cycles that invalidate during a build start no second read; the stale result is served, not kept", () =>
  withFeed(async (make, dir) => {
    const r = slowReader();
    const feed = make(r);
    const waiting: Promise<{ path: string }>[] = [];
    for (let i = 0; i < 5; i++) {
      waiting.push(feed.file()); // an importer's retry …
      feed.invalidate(); // … and a cycle that changed something
    }
    r.release();
    const built = await Promise.all(waiting);
    assert.equal(r.seen.reads, 1, "one read at a time");
    assert.ok(built.every((f) => f.path === built[0]!.path));
    // The read overlapped a change: the next request reads again, and that copy is kept.
    const next = await feed.file();
    await feed.file();
    assert.equal(r.seen.reads, 2);
    // The stale build's file is removed once the new one is written.
    assert.deepEqual(await files(dir), namesOf(next));
  }));

Deno.test("a request after a settings change waits for the build under way and gets one made under them", () =>
  withFeed(async (make, _dir, _ledger, settings) => {
    const r = slowReader(new Map([["KML-1001", [nebimVariant()]]]));
    const feed = make(r);
    const before = feed.file(); // an import under way when the operator changes a margin
    await r.reached;
    settings.update({ pricing: { site: { percent: 50 } } });
    feed.invalidate(); // as main.ts does on every settings change
    const after = feed.open();
    r.release();
    await before;
    const text = await new Response((await after).body).text();
    // 500 TL cost, 10 % VAT: 550 TL before the change, 825 TL after.
    assert.match(text, /<varyantfiyat><!\[CDATA\[825(\.00)?\]\]>/);
    assert.equal(r.seen.reads, 2);
  }));

Deno.test("a build removes what an earlier process left (an old feed, a half-written one); a removed file is rebuilt", () =>
  withFeed(async (make, dir) => {
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(`${dir}/products-1-1.xml`, "old");
    await Deno.writeTextFile(`${dir}/products-2-1.xml.part`, "half");
    await Deno.writeTextFile(`${dir}/notes.txt`, "the operator's"); // not a build: kept
    const r = slowReader();
    r.release();
    const feed = make(r);
    const first = await feed.file();
    assert.deepEqual(await files(dir), ["notes.txt", ...namesOf(first)]);
    // Someone cleans the folder: the next request builds again instead of failing.
    await Deno.remove(first.path);
    const text = await new Response((await feed.open()).body).text();
    assert.match(text, /<products>/);
    assert.equal(r.seen.reads, 2);
  }));

Deno.test("a build that fails halfway (Nebim gone) leaves no file and is not cached: the next request builds again", () =>
  withFeed(async (make, dir) => {
    const codes = Array.from({ length: ITEM_BATCH + 2 }, (_, i) => `IT-${String(i).padStart(4, "0")}`);
    const nebim = new Map(
      codes.map((c, i) => [c, [nebimVariant({ barcodes: [`86900${i}`] }, { itemCode: c })]]),
    );
    const r = slowReader(nebim);
    r.release();
    const { reader } = await r.connections.heldReader();
    const readItemRun = reader.readItemRun.bind(reader);
    let fail = true;
    reader.readItemRun = (run, asOf, signal) =>
      fail && run.includes(codes.at(-1)!) // the second batch
        ? Promise.reject(new Error("Nebim is not answering"))
        : readItemRun(run, asOf, signal);
    const feed = make(r);
    await assert.rejects(
      feed.file(),
      (e: Error) => e.message === `building the XML feed in ${dir} failed: Nebim is not answering`,
    );
    assert.deepEqual(await files(dir), [], "the half-written files are removed");
    assert.match(feed.lastFailure()?.error ?? "", /Nebim is not answering/); // for /health
    assert.equal(feed.lastBuild(), undefined);
    fail = false;
    const text = await new Response((await feed.open()).body).text();
    assert.equal((text.match(/<product>/g) ?? []).length, codes.length);
    assert.equal(r.seen.reads, 2);
    assert.equal(feed.lastFailure(), undefined, "cleared by the build that succeeded");
    assert.equal(feed.lastBuild()?.rows, codes.length);
  }));

Deno.test("a not-sellable variant is in the feed only if the feed listed it before: then with stock 0", () =>
  withFeed(async (make) => {
    const sellable = (code: string, barcode: string) =>
      nebimVariant({ barcodes: [barcode] }, { itemCode: code });
    const blocked = (code: string, barcode: string) =>
      nebimVariant({ barcodes: [barcode], itemUseInternet: false }, { itemCode: code });
    const nebim = new Map([["IT-1", [sellable("IT-1", "8690001")]], ["IT-2", [blocked("IT-2", "8690002")]]]);
    const r = slowReader(nebim);
    r.release();
    const feed = make(r);
    const first = await new Response((await feed.open()).body).text();
    assert.match(first, /8690001/);
    assert.doesNotMatch(first, /8690002/, "never listed: its import would create it");
    // IT-1 is taken off the internet in Nebim: it stays in the feed, at stock 0, so the store stops selling it.
    nebim.set("IT-1", [blocked("IT-1", "8690001")]);
    feed.invalidate();
    const second = await new Response((await feed.open()).body).text();
    const row = second.split("\n").find((l) => l.includes("8690001"));
    assert.match(row ?? "", /<quantity><!\[CDATA\[0\]\]><\/quantity>/);
    assert.doesNotMatch(second, /8690002/);
  }));

Deno.test("the feed's build reports bad records only when the store takes products from the feed alone", async () => {
  for (const insteadOfApi of [false, true]) {
    await withFeed(async (make, _dir, ledger) => {
      const nebim = new Map([["IT-1", [
        nebimVariant({ barcodes: ["8690001"], costKurus: null }, { itemCode: "IT-1" }),
      ]]]);
      const r = slowReader(nebim);
      r.release();
      await make(r).file();
      // With the API sync on, it owns the problem list; the feed must not write it too.
      assert.deepEqual(
        ledger.openProblems().map((p) => [p.subject, p.kind]),
        insteadOfApi ? [["8690001", "price"]] : [],
      );
    }, { feed: { insteadOfApi } });
  }
});

Deno.test("a feed-only build closes the store's refusals and unreadable products left from API syncs; with API writes on, it keeps them", async () => {
  for (const insteadOfApi of [false, true]) {
    await withFeed(async (make, _dir, ledger) => {
      ledger.reportProblems([
        { subject: "8690001", kind: "store", reason: "store rejected it: barkod kullanımda" },
        { subject: "product:IT-9", kind: "store", reason: "store rejected it: ad çok uzun" },
        { subject: "product:IT-8", kind: "unreadable", reason: 'the store lists product "IT-8" (id 8): …' },
      ]);
      const nebim = new Map([["IT-1", [nebimVariant({ barcodes: ["8690001"] }, { itemCode: "IT-1" })]]]);
      const r = slowReader(nebim);
      r.release();
      await make(r).file();
      assert.deepEqual(
        ledger.openProblems().map((p) => p.subject).sort(),
        insteadOfApi ? [] : ["8690001", "product:IT-8", "product:IT-9"],
      );
    }, { feed: { insteadOfApi } });
  }
});

Deno.test("a listed code two variants come to share stays in the feed once, at stock 0, under its product", () =>
  withFeed(async (make) => {
    const v = (code: string, barcode: string) => nebimVariant({ barcodes: [barcode] }, { itemCode: code });
    const nebim = new Map([["IT-1", [v("IT-1", "8690001")]], ["IT-2", [v("IT-2", "8690002")]]]);
    const feed = make(released(nebim));
    const rowsOf = () => feedLines(feed, "8690001");
    assert.equal((await rowsOf()).length, 1);
    // IT-2's variant now carries IT-1's barcode too: neither may sell it; the store stops selling it.
    nebim.set("IT-2", [v("IT-2", "8690001")]);
    feed.invalidate();
    const rows = await rowsOf();
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /<sku><!\[CDATA\[IT-1\]\]>/);
    assert.match(rows[0]!, /<quantity><!\[CDATA\[0\]\]><\/quantity>/);
  }));

Deno.test("a listed code an earlier batch's variant comes to carry is in the feed once, as that variant's row", () =>
  withFeed(async (make) => {
    // "{ItemCode}{ColorCode}": A in BC and AB in C are both ABC; the fillers put AB in the second batch.
    const v = (item: string, color: string) => nebimVariant({}, { itemCode: item, colorCode: color });
    const fillers = Array.from({ length: ITEM_BATCH }, (_, i) => [`AA${String(i).padStart(4, "0")}`, []]);
    const nebim = new Map<string, NebimVariant[]>([...fillers as [string, NebimVariant[]][], ["AB", [
      v("AB", "C"),
    ]]]);
    const feed = make(released(nebim));
    await feed.file(); // lists ABC under AB
    nebim.set("A", [v("A", "BC")]);
    feed.invalidate();
    // The earlier one stands (sync/catalogue.ts): its row, on sale; no second row at stock 0 under AB.
    const tag = (row: string, name: string) => new RegExp(`<${name}><!\\[CDATA\\[(\\w+)`).exec(row)?.[1];
    const rows = await feedLines(feed, "<stokkodu><![CDATA[ABC]]>");
    assert.deepEqual(rows.map((r) => [tag(r, "sku"), tag(r, "quantity")]), [["A", "5"]]);
  }, { catalog: { stockCode: { from: "template", template: "{ItemCode}{ColorCode}" } } }));

Deno.test("feed.insteadOfApi: a template code a later batch's item makes too keeps its duplicate's first sighting over builds; gone, it is closed", () => {
  let t = Date.parse("2026-11-28T10:00:00Z");
  // "{ItemCode}{ColorCode}": A in BC (first batch) and AB in C (second, after the fillers) are both ABC.
  const v = (item: string, color: string) => nebimVariant({}, { itemCode: item, colorCode: color });
  const fillers = Array.from({ length: ITEM_BATCH }, (_, i) => [`AA${String(i).padStart(4, "0")}`, []]);
  const nebim = new Map<string, NebimVariant[]>([
    ["A", [v("A", "BC")]],
    ...fillers as [string, NebimVariant[]][],
    ["AB", [v("AB", "C")]],
  ]);
  return withFeed(async (make, _dir, ledger) => {
    const feed = make(released(nebim));
    const open = () => ledger.openProblems({ kind: "duplicate" }).map((p) => [p.subject, p.firstSeen]);
    await feed.file();
    const first = open();
    assert.deepEqual(first, [["ABC", new Date(t).toISOString()]]);
    t += 3_600_000;
    feed.invalidate();
    await feed.file();
    assert.deepEqual(open(), first, "found again: first seen in the first build");
    nebim.delete("AB"); // the later item gone from Nebim: mended
    t += 3_600_000;
    feed.invalidate();
    await feed.file();
    assert.deepEqual(open(), [], "closed when no batch finds it again");
  }, {
    feed: { insteadOfApi: true },
    catalog: { stockCode: { from: "template", template: "{ItemCode}{ColorCode}" } },
  }, () => new Date(t));
});

Deno.test("a clock set back does not keep the cached build past its ten minutes: the next request reads again", () =>
  withFeed(async (_make, dir, ledger) => {
    const r = released(new Map());
    let clock = Date.parse("2026-11-28T11:00:00Z"); // an hour fast
    const settings = SettingsStore.open(ledger, {}).store;
    const feed = new FeedSource(r.connections, settings, ledger, dir, 10 * 60_000, () => clock);
    await feed.file();
    clock += 60_000;
    await feed.file();
    assert.equal(r.seen.reads, 1, "a minute later the cached build is served");
    clock -= 3_600_000; // corrected: the build looks an hour younger than it is
    await feed.file();
    assert.equal(r.seen.reads, 2, "the catalogue is read again, not the build kept for another hour");
  }));

Deno.test("a clock set back while a build is under way: the requests share it, no second read starts", () =>
  withFeed(async (_make, dir, ledger) => {
    const variant = nebimVariant();
    const r = slowReader(new Map([["KML-1001", [variant]]]));
    let clock = Date.parse("2026-11-28T11:00:00Z"); // an hour fast
    const settings = SettingsStore.open(ledger, {}).store;
    const feed = new FeedSource(r.connections, settings, ledger, dir, 10 * 60_000, () => clock);
    const first = feed.file();
    await r.reached;
    clock -= 3_600_000; // corrected while the catalogue is read
    const second = feed.file();
    r.release();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a, b, "one build for both");
    assert.equal(r.seen.reads, 1, "no second read while the first is under way");
    assert.equal(a.builtAt.getTime(), Date.parse("2026-11-28T11:00:00Z"));
    // Its start is on the clock before the set-back: its age is unknown, so the next request reads again,
    // stamped by the corrected clock (a stock changed since), and that build is kept for its ten minutes.
    variant.onHand = 9;
    const c = await feed.file();
    assert.equal(r.seen.reads, 2);
    assert.equal(c.builtAt.getTime(), Date.parse("2026-11-28T10:00:00Z"));
    clock += 60_000;
    assert.equal(await feed.file(), c);
    assert.equal(r.seen.reads, 2);
  }));

Deno.test("a build made in the second of the one served has a Last-Modified of its own: the next second", () =>
  withFeed(async (_make, dir, ledger) => {
    const variant = nebimVariant(); // its stock changes before each build: one that changes nothing keeps its date
    const r = released(new Map([["KML-1001", [variant]]]));
    let clock = Date.parse("2026-11-28T10:00:00.100Z");
    const settings = SettingsStore.open(ledger, {}).store;
    const feed = new FeedSource(r.connections, settings, ledger, dir, 10 * 60_000, () => clock);
    const first = await feed.file(); // an importer's fetch: it keeps Last-Modified 10:00:00
    assert.equal(first.builtAt.toUTCString(), "Sat, 28 Nov 2026 10:00:00 GMT");
    clock += 500;
    variant.onHand++;
    feed.invalidate(); // a cycle's change, within the same second
    const second = await feed.file();
    assert.equal(r.seen.reads, 2);
    assert.equal(
      second.builtAt.toUTCString(),
      "Sat, 28 Nov 2026 10:00:01 GMT",
      "not the date the importer kept",
    );
    clock += 300; // another in that second: a second of its own again
    variant.onHand++;
    feed.invalidate();
    assert.equal((await feed.file()).builtAt.toUTCString(), "Sat, 28 Nov 2026 10:00:02 GMT");
    // A clock set back by an hour keeps its own second, not stamped an hour ahead of it.
    clock -= 3_600_000;
    variant.onHand++;
    feed.invalidate();
    assert.equal((await feed.file()).builtAt.getTime(), clock);
  }));
