/**
 * With catalog.zeroStockForVanished off, a code the XML feed listed that leaves Nebim's sale (blocked, off the
 * internet, deleted) stays as the served build had it, stock and all, as the API path leaves the store's copy
 * (agent/feed_gone.ts); catalog.vanishLimit counts none of them. A switch keeps what the store last had.
 */
import assert from "node:assert/strict";
import { readFeed } from "./feed_convergence_rows.ts";
import { build, drop, type Fixture, warned, withGone, zeroed } from "./feed_gone_fixture.ts";

const OFF = { catalog: { zeroStockForVanished: false } };
const block = ({ nebim }: Fixture, barcode: string) =>
  Object.assign(nebim.find((v) => v.barcodes.includes(barcode))!, { variantBlocked: true });

Deno.test("setting off: a blocked listed code and a deleted one stay with their served stock, build after build and across a restart", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    block(f, "8690002");
    drop(f.nebim, "8690003"); // IT-2's only variant
    for (const v of f.nebim) Object.assign(v, { onHand: 9, costKurus: 80_000 });
    const second = await build(feed);
    const now = second.rows.get("8690001")!;
    assert.equal(now.quantity, "9");
    // The product's tags follow its rows now; the variant's price and stock stay as the store last took them.
    assert.deepEqual(second.rows.get("8690002"), { ...first.rows.get("8690002")!, price: now.price });
    assert.notEqual(now.price, first.rows.get("8690002")!.price);
    assert.deepEqual(second.rows.get("8690003"), first.rows.get("8690003"));
    assert.deepEqual([...second.onSale].sort(), ["8690001", "8690002", "8690003"]);
    assert.deepEqual((await build(feed)).rows, second.rows);
    feed.close();
    const again = f.start();
    assert.deepEqual((await build(again)).rows, second.rows);
    again.close();
  }, OFF));

Deno.test("setting off: no massZero hold however many listed codes leave the sale", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await feed.file();
    block(f, "8690001");
    Object.assign(f.nebim[1]!, { itemUseInternet: false });
    drop(f.nebim, "8690003");
    const second = await feed.file();
    // Every row as served: the served build stays (agent/feed_build.ts), with no hold.
    assert.equal(second.path, first.path);
    assert.deepEqual(f.ledger.openProblems({ kind: "massZero" }), []);
    const rows = (await readFeed(second.path)).rows;
    assert.deepEqual([...rows.values()].map((r) => r.quantity), ["5", "5", "5"]);
    feed.close();
  }, { catalog: { zeroStockForVanished: false, vanishLimit: { percent: 0, atLeast: 0 } } }));

Deno.test("switched off: a code already at stock 0 stays as served; one leaving the sale now keeps its stock", () =>
  withGone(async (f) => {
    const feed = f.start();
    await build(feed);
    block(f, "8690002");
    const zero = await build(feed);
    assert.equal(zero.rows.get("8690002")?.quantity, "0");
    f.settings.update(OFF);
    for (const v of f.nebim) Object.assign(v, { costKurus: 80_000 });
    block(f, "8690003");
    const off = await build(feed);
    // The copy keeps what the store last had: the old variant price too, not Nebim's row at stock 0 now.
    const { name, price, kdv } = off.rows.get("8690001")!;
    assert.deepEqual(off.rows.get("8690002"), { ...zero.rows.get("8690002")!, name, price, kdv });
    assert.notEqual(off.rows.get("8690002")!.varyantfiyat, off.rows.get("8690001")!.varyantfiyat);
    assert.deepEqual(off.rows.get("8690003"), zero.rows.get("8690003"));
    assert.equal(off.rows.get("8690003")!.quantity, "5");
    feed.close();
  }));

Deno.test("switched on: codes copied with stock go to stock 0, counted by catalog.vanishLimit as leaving the sale", () =>
  withGone(async (f) => {
    const feed = f.start();
    await build(feed);
    block(f, "8690002");
    drop(f.nebim, "8690003");
    const off = await build(feed);
    assert.deepEqual([...off.onSale].sort(), ["8690001", "8690002", "8690003"]);
    f.settings.update({ catalog: { zeroStockForVanished: true, vanishLimit: { percent: 0, atLeast: 0 } } });
    assert.equal((await feed.file()).path, off.path, "held: the served build stays");
    const [problem] = f.ledger.openProblems({ kind: "massZero" });
    assert.match(
      problem?.reason ?? "",
      /8690002 \(stock 0\).*8690003 \(stock 0\)|8690003 \(stock 0\).*8690002/,
    );
    const on = await readFeed((await feed.confirm()).file.path);
    assert.equal(on.rows.get("8690002")?.quantity, "0");
    assert.deepEqual(on.rows.get("8690003"), zeroed(off, "8690003"));
    feed.close();
  }, OFF));

Deno.test("setting off, no served build to copy from: a listed code leaving the sale is left out and a warning says so", () =>
  withGone(async (f) => {
    const feed = f.start();
    await build(feed);
    await Deno.remove(f.dir, { recursive: true });
    block(f, "8690002");
    const { built, lines } = await warned(feed);
    assert.deepEqual([...built.rows.keys()], ["8690001", "8690003"], "no row made up");
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /1 codes it listed have left Nebim's sale .*left out.*8690002/);
    feed.close();
  }, OFF));
