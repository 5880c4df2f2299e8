/**
 * A stock code two items make under a template stock code, read in different batches of the XML feed's build,
 * end to end: Nebim data → mssql → TDS simulator → the feed's file. The API sync leaves such a code to neither
 * item (tests/sync/template_duplicate_e2e_test.ts); the feed must carry neither item's stock under it either.
 */
import assert from "node:assert/strict";
import { Connections } from "../../agent/connections.ts";
import { FeedSource } from "../../agent/feed_source.ts";
import { ITEM_BATCH } from "../../sync/item_batches.ts";
import { addItem, type ItemSpec } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { item, template, third } from "../support/template_duplicate.ts";

// ZZZ colour DUP and ZZZ-DUP both make "ZZZ-DUP-STD"; ITEM_BATCH fillers sort between them: two batches.
const fillers = Array.from(
  { length: ITEM_BATCH },
  (_, i) => item(`ZZZ-${String(i).padStart(4, "0")}`, `8690000${String(i).padStart(6, "0")}`),
);
const CODE = "ZZZ-DUP-STD";

/**
 * `fn` with a feed over the harness's ledger and simulators that builds on every request (ttl 0), or with the
 * agent's ten minutes (`cached`) on the clock `t` (ms), which `fn` advances.
 */
async function withFeed(
  items: ItemSpec[],
  settings: Record<string, unknown>,
  fn: (
    h: SyncHarness,
    rows: () => Promise<[string, number][]>,
    feed: FeedSource,
    t: { ms: number },
  ) => Promise<void>,
  cached = false,
): Promise<void> {
  const h = await syncHarness(items, settings);
  const connections = new Connections(() => h.settings.current());
  const t = { ms: Date.parse("2026-11-20T10:00:00Z") };
  const ttl = cached ? 10 * 60_000 : 0;
  const feed = new FeedSource(connections, h.settings, h.ledger, `${h.dataDir}/feed`, ttl, () => t.ms);
  // The rows a new build carries of CODE: [sku, quantity] each.
  const rows = async () => {
    const body = await new Response((await feed.open()).body).text();
    return body.split("\n").filter((l) => l.includes(`<stokkodu><![CDATA[${CODE}]]>`)).map((
      l,
    ): [string, number] => [
      /<sku><!\[CDATA\[([^\]]*)/.exec(l)![1]!,
      Number(/<quantity><!\[CDATA\[(\d+)/.exec(l)![1]),
    ]);
  };
  try {
    await fn(h, rows, feed, t);
  } finally {
    feed.close();
    await connections.close();
    await h.close();
  }
}

/** The merchant mends ZZZ-DUP: another colour, so it no longer makes CODE. */
function mend(h: SyncHarness): void {
  for (const table of ["prItemVariant", "prItemBarcode", "trStock"]) {
    h.data.update(table, (r) => r.ItemCode === "ZZZ-DUP", { ColorCode: "BEY" });
  }
}

const openDuplicates = (h: SyncHarness) =>
  h.ledger.openProblems({ kind: "duplicate" }).map((p) => [p.subject, p.items && [...p.items].sort()]);

// Beside the API sync: its full cycle records the duplicate with both items. The feed used to carry the
// earlier batch's item's row, with its stock, in every build; now it carries the code at stock 0, as the API
// sync leaves it, until the merchant mends one item.
Deno.test("feed beside the API sync: a template code two items make in different batches is on sale under neither", () =>
  withFeed([item("ZZZ", "8690000004200", "DUP"), ...fillers], { catalog: template }, async (h, rows) => {
    assert.deepEqual(await rows(), [["ZZZ", 10]], "listed under its holder");
    addItem(h.data, item("ZZZ-DUP", "8690000004100"));
    await h.sync("full");
    assert.deepEqual(openDuplicates(h), [[CODE, ["ZZZ", "ZZZ-DUP"]]]);
    assert.equal(h.variant(CODE), undefined, "the API sync: neither item's code is pushed");
    assert.deepEqual(await rows(), [["ZZZ", 0]], "the feed: once, at stock 0, under its listed product");
    assert.deepEqual(await rows(), [["ZZZ", 0]], "and in every build after");

    mend(h);
    await h.sync("full");
    assert.deepEqual(openDuplicates(h), []);
    assert.deepEqual(await rows(), [["ZZZ", 10]], "the holder takes it back");
  }));

// The feed alone: its own build reports the duplicate, recording both items. Nebim is asked, before the build
// reads, for the codes two items make under the template (as the API sync's cycle asks), so the build that first
// finds the pair carries neither item's stock already; it used to write the earlier batch's row with its stock.
for (const [first, second] of [["ZZZ", "ZZZ-DUP"], ["ZZZ-DUP", "ZZZ"]] as const) {
  Deno.test(`feed.insteadOfApi: a template code ${second} comes to make in another batch than ${first}'s goes to 0 from the first build`, () => {
    const spec = (code: string) =>
      code === "ZZZ" ? item("ZZZ", "8690000004200", "DUP") : item(code, "8690000004100");
    const settings = { catalog: template, feed: { insteadOfApi: true } };
    return withFeed([spec(first), ...fillers], settings, async (h, rows) => {
      assert.deepEqual(await rows(), [[first, 10]]);
      addItem(h.data, spec(second));
      assert.deepEqual(await rows(), [[first, 0]], "once, at stock 0, under its listed product");
      assert.deepEqual(openDuplicates(h), [[CODE, ["ZZZ", "ZZZ-DUP"]]], "reported with both items");
      const firstSeen = h.ledger.openProblems({ kind: "duplicate" })[0]!.firstSeen;
      const next = await rows();
      assert.equal(next.length, 1, "once");
      assert.equal(next[0]![1], 0, "on sale under neither");
      assert.deepEqual(await rows(), next, "and in every build after");
      assert.deepEqual(openDuplicates(h), [[CODE, ["ZZZ", "ZZZ-DUP"]]]);
      assert.equal(
        h.ledger.openProblems({ kind: "duplicate" })[0]!.firstSeen,
        firstSeen,
        "still the first sighting",
      );

      mend(h);
      assert.deepEqual(await rows(), [["ZZZ", 10]], "the holder takes it back");
      assert.deepEqual(openDuplicates(h), [], "closed");
    });
  });
}

// The agent's feed is cached for ten minutes. The build that first finds the pair leaves both out: it is kept.
for (const [first, second] of [["ZZZ", "ZZZ-DUP"], ["ZZZ-DUP", "ZZZ"]] as const) {
  Deno.test(`feed.insteadOfApi, cached: the build that first finds ${second} making ${first}'s code in another batch is kept`, () => {
    const spec = (code: string) =>
      code === "ZZZ" ? item("ZZZ", "8690000004200", "DUP") : item(code, "8690000004100");
    const settings = { catalog: template, feed: { insteadOfApi: true } };
    return withFeed([spec(first), ...fillers], settings, async (h, rows, feed, t) => {
      assert.deepEqual(await rows(), [[first, 10]]);
      const plain = await feed.file();
      t.ms += 60_000;
      assert.equal(await feed.file(), plain, "a build that found nothing is kept");
      addItem(h.data, spec(second));
      feed.invalidate(); // the feed-only cycle saw the item change
      assert.deepEqual(await rows(), [[first, 0]], "on sale under neither from the first build");
      const kept = await feed.file();
      t.ms += 60_000;
      assert.equal(await feed.file(), kept, "kept: the next build writes the same");
      assert.deepEqual(openDuplicates(h), [[CODE, ["ZZZ", "ZZZ-DUP"]]]);
    }, true);
  });
}

// An item comes to make the code during the build, after Nebim was asked for the codes two items make: only its
// later batch finds the pair, the earlier batch's row written already. That build is served once, not kept for
// ten minutes; the next request builds again, leaving both out, and that one is kept.
Deno.test("feed.insteadOfApi, cached: the build during which a later batch's item comes to make the code is not kept", () => {
  const settings = { catalog: template, feed: { insteadOfApi: true } };
  const items = [item("ZZZ", "8690000004200", "DUP"), ...fillers, item("ZZZ-DUP", "8690000004100", "BEY")];
  return withFeed(items, settings, async (h, rows, feed, t) => {
    assert.deepEqual(await rows(), [["ZZZ", 10]]);
    let reads = 0;
    h.sims.sqlLog.onRequest = (e) => {
      if (e.name !== "nebim:variants" || ++reads !== 2) return;
      // The later batch's read: ZZZ-DUP loses its colour, and makes CODE.
      for (const table of ["prItemVariant", "prItemBarcode", "trStock"]) {
        h.data.update(table, (r) => r.ItemCode === "ZZZ-DUP", { ColorCode: "" });
      }
    };
    feed.invalidate();
    assert.deepEqual(await rows(), [["ZZZ", 10]], "found during the build: the earlier row is written");
    h.sims.sqlLog.onRequest = undefined;
    assert.deepEqual(openDuplicates(h), [[CODE, ["ZZZ", "ZZZ-DUP"]]]);
    t.ms += 60_000;
    assert.deepEqual(await rows(), [["ZZZ", 0]], "a minute later: on sale under neither");
    const kept = await feed.file();
    t.ms += 60_000;
    assert.equal(await feed.file(), kept, "the build that knew the pair before it read is kept");
  }, true);
});

// Beside the API sync the build records no problem, but leaves the pair Nebim's items make out all the same;
// the next build writes the same, so the build is kept for its ten minutes rather than read on every request.
Deno.test("feed beside the API sync, cached: a pair no problem records yet is left out, and the build kept", () =>
  withFeed(
    [item("ZZZ", "8690000004200", "DUP"), ...fillers],
    { catalog: template },
    async (h, rows, feed, t) => {
      addItem(h.data, item("ZZZ-DUP", "8690000004100"));
      assert.deepEqual(await rows(), [], "never listed: no row");
      const built = await feed.file();
      t.ms += 60_000;
      assert.equal(await feed.file(), built, "kept");
      assert.deepEqual(openDuplicates(h), []);
    },
    true,
  ));

// A problem recorded another pair: its other item mended, and a new item in a later batch makes the code. The
// new pair is asked of Nebim before the build reads, as the first was: the holder's row is at 0 from the build
// that first finds it, and that build is kept. It used to write the holder's row with its stock.
Deno.test("feed.insteadOfApi, cached: a new pair after a mended one is on sale under neither from its first build", () => {
  const settings = { catalog: template, feed: { insteadOfApi: true } };
  return withFeed([item("ZZZ", "8690000004200", "DUP"), ...fillers], settings, async (h, rows, feed, t) => {
    assert.deepEqual(await rows(), [["ZZZ", 10]]);
    addItem(h.data, third("8690000004300"));
    feed.invalidate();
    assert.deepEqual(await rows(), [["ZZZ", 0]]);
    assert.deepEqual(openDuplicates(h), [[CODE, ["ZZZ", "ZZZ-DUP-STD"]]]);
    for (const table of ["prItemVariant", "prItemBarcode", "trStock"]) {
      h.data.update(table, (r) => r.ItemCode === "ZZZ-DUP-STD", { ColorCode: "BEY" });
    }
    addItem(h.data, item("ZZZ-DUP", "8690000004100"));
    feed.invalidate();
    assert.deepEqual(await rows(), [["ZZZ", 0]], "the holder's row at 0 before ZZZ-DUP is read");
    assert.deepEqual(openDuplicates(h), [[CODE, ["ZZZ", "ZZZ-DUP"]]]);
    const kept = await feed.file();
    t.ms += 60_000;
    assert.equal(await feed.file(), kept, "kept");
  }, true);
});

// Three items make the code: ZZZ colour DUP in the first batch, ZZZ-DUP and ZZZ-DUP-STD together in the second.
// The API sync's problem records all three; the holder's batch read the other two with it, but they make the
// code between themselves and were taken for no holder of it: the feed kept the holder's row with its stock.
Deno.test("feed beside the API sync: a template code two items of a later batch make with an earlier one is on sale under none", () =>
  withFeed([item("ZZZ", "8690000004200", "DUP"), ...fillers], { catalog: template }, async (h, rows) => {
    assert.deepEqual(await rows(), [["ZZZ", 10]], "listed under its holder");
    addItem(h.data, item("ZZZ-DUP", "8690000004100"));
    addItem(h.data, third("8690000004300"));
    await h.sync("full");
    assert.deepEqual(openDuplicates(h).map(([s, i]) => [s, [...i ?? []].sort()]), [
      [CODE, ["ZZZ", "ZZZ-DUP", "ZZZ-DUP-STD"]],
    ]);
    assert.equal(h.variant(CODE), undefined, "the API sync: no item's code is pushed");
    assert.deepEqual(await rows(), [["ZZZ", 0]], "the feed: once, at stock 0, under its listed product");
  }));

// The feed alone, cached: the build that first finds the two of the later batch used to write the holder's row,
// its problem recording only the two. Now Nebim is asked before the build reads: that build leaves the code to
// none, its problem records all three, and it is kept.
Deno.test("feed.insteadOfApi, cached: a template code two items of a later batch make with an earlier one goes to 0 from the first build", () => {
  const settings = { catalog: template, feed: { insteadOfApi: true } };
  const all = ["ZZZ", "ZZZ-DUP", "ZZZ-DUP-STD"];
  return withFeed([item("ZZZ", "8690000004200", "DUP"), ...fillers], settings, async (h, rows, feed, t) => {
    assert.deepEqual(await rows(), [["ZZZ", 10]]);
    addItem(h.data, item("ZZZ-DUP", "8690000004100"));
    addItem(h.data, third("8690000004300"));
    feed.invalidate(); // the feed-only cycle saw the items change
    assert.deepEqual(await rows(), [["ZZZ", 0]], "on sale under none from the first build");
    assert.deepEqual(openDuplicates(h), [[CODE, all]], "all three recorded");
    const firstSeen = h.ledger.openProblems({ kind: "duplicate" })[0]!.firstSeen;
    const kept = await feed.file();
    t.ms += 60_000;
    assert.equal(await feed.file(), kept, "kept");
    assert.deepEqual(openDuplicates(h), [[CODE, all]]);
    assert.equal(
      h.ledger.openProblems({ kind: "duplicate" })[0]!.firstSeen,
      firstSeen,
      "first sighting kept",
    );

    // The merchant mends both (another colour): the holder takes its code back, the problem closes.
    for (const table of ["prItemVariant", "prItemBarcode", "trStock"]) {
      h.data.update(table, (r) => r.ItemCode !== "ZZZ" && String(r.ItemCode).startsWith("ZZZ-DUP"), {
        ColorCode: "BEY",
      });
    }
    feed.invalidate();
    assert.deepEqual(await rows(), [["ZZZ", 10]], "the holder takes it back");
    assert.deepEqual(openDuplicates(h), [], "closed");
  }, true);
});

/** The feed's file as a new build writes it (ttl 0: every request builds). */
const body = async (feed: FeedSource) => await new Response((await feed.open()).body).text();

// Nothing listed yet, both items there from the start: the code is left out of the very first build, feed alone
// or beside the API sync (before its first cycle).
for (const insteadOfApi of [true, false]) {
  Deno.test(`feed${insteadOfApi ? ".insteadOfApi" : " beside the API sync"}: a template code two items make in different batches is not in the first build`, () => {
    const items = [item("ZZZ", "8690000004200", "DUP"), ...fillers, item("ZZZ-DUP", "8690000004100")];
    return withFeed(items, { catalog: template, feed: { insteadOfApi } }, async (h, rows, feed) => {
      assert.deepEqual(await rows(), [], "no row of the code");
      assert.ok((await body(feed)).includes("ZZZ-0001-STD"), "the others are written");
      assert.deepEqual(openDuplicates(h), insteadOfApi ? [[CODE, ["ZZZ", "ZZZ-DUP"]]] : []);
    });
  });
}

// Three items make the code, each in its own batch: the first build leaves it to none, and its problem names all
// three (the batches used to report two pairs, neither naming all).
Deno.test("feed.insteadOfApi: a template code three items make in three batches is not in the first build, all three named", () => {
  const more = fillers.map((f) =>
    item(`ZZZ-DUP-${f.code.slice(4)}`, `8691${f.variants[0]!.barcode!.slice(4)}`)
  );
  const items = [item("ZZZ", "8690000004200", "DUP"), ...fillers, item("ZZZ-DUP", "8690000004100"), ...more];
  items.push(third("8690000004300"));
  const settings = { catalog: template, feed: { insteadOfApi: true } };
  return withFeed(items, settings, async (h, rows) => {
    assert.deepEqual(await rows(), []);
    assert.deepEqual(openDuplicates(h), [[CODE, ["ZZZ", "ZZZ-DUP", "ZZZ-DUP-STD"]]]);
    const reasons = h.ledger.openProblems({ kind: "duplicate" }).map((p) => p.reason);
    assert.equal(reasons.length, 1);
  });
});
