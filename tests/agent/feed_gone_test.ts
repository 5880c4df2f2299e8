/**
 * A code the XML feed listed that Nebim no longer has at all (agent/feed_gone.ts): it stays, once, at stock 0,
 * the row the served build carried, build after build and across a restart; without a served build it is left
 * out and a warning says so (the fixture: feed_gone_fixture.ts).
 */
import assert from "node:assert/strict";
import { basename } from "node:path";
import { FeedSource } from "../../agent/feed_source.ts";
import { configureLogging, stopLogging } from "../../log.ts";
import type { NebimReader } from "../../nebim/sql/reader.ts";
import { arrayCatalog } from "../support/array_catalog.ts";
import { build, drop, withGone, zeroed } from "./feed_gone_fixture.ts";

Deno.test("a deleted variant stays in the feed, once, at stock 0, as its last row (product, barcode, variant price); nothing else of the old build", () =>
  withGone(async ({ nebim, start }) => {
    const feed = start();
    const first = await build(feed);
    assert.deepEqual([...first.onSale].sort(), ["8690001", "8690002", "8690003"]);
    drop(nebim, "8690002");
    // Everything else changes in Nebim: those rows are Nebim's now, not the old file's.
    for (const v of nebim) Object.assign(v, { itemName: "Yeni Ad", costKurus: 80_000, onHand: 9 });
    const second = await build(feed);
    assert.deepEqual([...second.rows.keys()], ["8690001", "8690003", "8690002"]);
    // Its product's tags are the product's now (one product, one name): see the test below.
    const { name, price, kdv } = second.rows.get("8690001")!;
    assert.deepEqual(second.rows.get("8690002"), { ...zeroed(first, "8690002"), name, price, kdv });
    assert.equal(second.rows.get("8690002")!.sku, "IT-1", "grouped under the product it was listed under");
    for (const code of ["8690001", "8690003"]) {
      const row = second.rows.get(code)!;
      assert.equal(row.name, "Yeni Ad");
      assert.equal(row.quantity, "9");
      assert.notEqual(row.price, first.rows.get(code)!.price);
    }
    // The next build copies it from the build now served, and so does a restarted agent's.
    const third = await build(feed);
    assert.deepEqual(third.rows, second.rows);
    feed.close();
    const again = start();
    assert.deepEqual((await build(again)).rows, second.rows);
    again.close();
  }));

Deno.test("a copied row's product tags follow its product's rows now (a rename, a VAT or price change); a product Nebim no longer has keeps its own", () =>
  withGone(async ({ nebim, start }) => {
    const feed = start();
    const first = await build(feed);
    drop(nebim, "8690002");
    drop(nebim, "8690003"); // IT-2's only variant: no row of its product to follow
    await build(feed);
    for (const v of nebim) Object.assign(v, { itemName: "Yeni Ad", costKurus: 80_000, vatRate: 20 });
    const third = await build(feed);
    const { name, price, kdv } = third.rows.get("8690001")!;
    assert.deepEqual({ name, kdv }, { name: "Yeni Ad", kdv: "20" });
    assert.deepEqual(
      third.rows.get("8690002"),
      { ...zeroed(first, "8690002"), name, price, kdv },
      "one product, one name, VAT and price: an old row written last would undo the change",
    );
    assert.deepEqual(third.rows.get("8690003"), zeroed(first, "8690003"));
    feed.close();
  }));

Deno.test("close() stops a build copying gone rows: it fails, and the served build stays", () =>
  withGone(async ({ nebim, ledger, settings, dir, start }) => {
    const first = start();
    const served = await first.file();
    first.close();
    drop(nebim, "8690002");
    // Stopped as Nebim's last batch is read: what is left of the build is the copying.
    const reader = arrayCatalog(nebim);
    const read = reader.readItemRun.bind(reader);
    const feed: FeedSource = new FeedSource(
      { heldReader: () => Promise.resolve({ reader: reader as unknown as NebimReader, release() {} }) },
      settings,
      ledger,
      dir,
      0,
      () => 1_000,
    );
    reader.readItemRun = (...a) => read(...a).finally(() => feed.close());
    await assert.rejects(feed.file(), /the agent is stopping/);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      basename(served.path),
      basename(served.gzipPath),
    ]);
  }));

Deno.test("a re-coded variant (its barcode replaced): the old code stays at stock 0, the new one is on sale, both under the product", () =>
  withGone(async ({ nebim, start }) => {
    const feed = start();
    const first = await build(feed);
    nebim.find((v) => v.barcodes.includes("8690002"))!.barcodes = ["8690009"];
    const second = await build(feed);
    assert.deepEqual(second.rows.get("8690002"), zeroed(first, "8690002"));
    assert.equal(second.rows.get("8690009")?.quantity, "5");
    assert.equal(second.rows.get("8690009")?.sku, "IT-1");
    assert.equal(second.rows.size, 4);
    feed.close();
  }));

Deno.test("a gone code's copied row takes the category set now, and no price when prices are off", () =>
  withGone(async ({ nebim, settings, start }) => {
    const feed = start();
    const first = await build(feed);
    drop(nebim, "8690002");
    settings.update({ feed: { category: "Giyim" }, pricing: { disablePriceUpdate: true } });
    const row = (await build(feed)).rows.get("8690002");
    const { price: _p, varyantfiyat: _v, ...rest } = zeroed(first, "8690002");
    assert.deepEqual(row, { ...rest, kat1: "Giyim" }, "an old price would overwrite the merchant's");
    feed.close();
  }));

Deno.test("catalog.vanishLimit counts a gone code on sale as going to stock 0, as a blocked one", () =>
  withGone(async ({ nebim, ledger, start }) => {
    const feed = start();
    await build(feed);
    drop(nebim, "8690002");
    await feed.file();
    const [problem] = ledger.openProblems({ kind: "massZero" });
    assert.match(problem?.reason ?? "", /8690002 \(stock 0\)/);
    feed.close();
  }, { catalog: { vanishLimit: { percent: 0, atLeast: 0 } } }));

Deno.test("with no served build to copy from (the feed folder emptied), a gone code is left out and a warning says so", () =>
  withGone(async ({ nebim, dir, start }) => {
    const feed = start();
    await build(feed);
    await Deno.remove(dir, { recursive: true });
    drop(nebim, "8690002");
    const lines: string[] = [];
    await configureLogging({ console: true, level: "warning", write: (l) => lines.push(l) });
    let second;
    try {
      second = await build(feed);
    } finally {
      await stopLogging();
    }
    assert.deepEqual([...second.rows.keys()], ["8690001", "8690003"], "no row made up");
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /1 codes it listed are gone from Nebim and left out.*no served build.*8690002/);
    // The build now served lacks it too: the next one has nothing new to say.
    lines.length = 0;
    await configureLogging({ console: true, level: "warning", write: (l) => lines.push(l) });
    try {
      assert.deepEqual([...(await build(feed)).rows.keys()], ["8690001", "8690003"]);
    } finally {
      await stopLogging();
    }
    assert.deepEqual(lines, []);
    feed.close();
  }));

Deno.test("a restart within the same millisecond names its build anew: the served file is never written over", () =>
  withGone(async ({ start, nebim }) => {
    const feed = start();
    const first = await feed.file();
    feed.close();
    nebim[0]!.onHand = 9; // else the served build stays, the same bytes
    const again = start();
    const second = await again.file();
    assert.notEqual(second.path, first.path);
    // Its number above the served one's; its time the next second, a Last-Modified of its own.
    assert.match(second.path, /products-2000-2\.xml$/);
    again.close();
  }));
