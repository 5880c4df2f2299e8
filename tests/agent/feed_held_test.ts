/**
 * A code the XML feed listed that Nebim still sells but holds for a bad record (no cost, no name: sync/desired.ts)
 * stays as the served build had it but with Nebim's stock and the good fields of its record, as the API path
 * still pushes them for a bound code and leaves the bad field as the store has it (agent/feed_gone.ts). Held and blocked, it goes to stock 0
 * (catalog.zeroStockForVanished on); held and never listed, it stays out.
 */
import assert from "node:assert/strict";
import { nebimVariant } from "../support/mapping.ts";
import { build, type Fixture, warned, withGone, zeroed } from "./feed_gone_fixture.ts";

const edit = ({ nebim }: Fixture, barcode: string, over: Record<string, unknown>) =>
  Object.assign(nebim.find((v) => v.barcodes.includes(barcode))!, over);

Deno.test("a listed code whose cost goes missing keeps its served price while the others update, and Nebim's stock; fixed, it is written from Nebim", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    for (const v of f.nebim) Object.assign(v, { onHand: 9, costKurus: 80_000 });
    edit(f, "8690003", { costKurus: null }); // IT-2's only variant: its row is the served one
    const held = await build(feed);
    const stock = { quantity: "9", varyantstok: "9" }; // the API path still pushes a bound code's stock
    assert.deepEqual(held.rows.get("8690003"), { ...first.rows.get("8690003"), ...stock });
    assert.equal(held.rows.get("8690001")!.quantity, "9");
    assert.notEqual(held.rows.get("8690001")!.price, first.rows.get("8690001")!.price);
    const problems = f.ledger.openProblems({ kind: "price" }).map((p) => p.subject);
    assert.deepEqual(problems, ["8690003"], "still reported");
    edit(f, "8690003", { costKurus: 80_000 });
    const fixed = await build(feed);
    const now = fixed.rows.get("8690003")!;
    assert.equal(now.quantity, "9", "written from Nebim");
    assert.equal(now.price, fixed.rows.get("8690001")!.price, "the same cost, the same price");
    feed.close();
  }, { feed: { insteadOfApi: true } }));

/** Every listed code held at once (no cost), at `onHand` in Nebim: served, not held; each stock as Nebim's. */
const allHeld = (onHand: number) =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    for (const v of f.nebim) Object.assign(v, { costKurus: null, onHand });
    const second = await build(feed);
    assert.notEqual(second.path, first.path, "served, not held");
    assert.deepEqual(f.ledger.openProblems({ kind: "massZero" }), []);
    const stock = { quantity: String(onHand), varyantstok: String(onHand) };
    assert.deepEqual(second.rows, new Map([...first.rows].map(([c, r]) => [c, { ...r, ...stock }])));
    feed.close();
  }, { catalog: { vanishLimit: { percent: 0, atLeast: 0 } } });

Deno.test("many listed codes held at once trip no catalog.vanishLimit hold: each stays as served, with Nebim's stock", () =>
  allHeld(1));

Deno.test("many listed codes held at once that sell out too trip no catalog.vanishLimit hold: still sold, each goes to stock 0", () =>
  allHeld(0));

Deno.test("a held code the feed never listed stays out, beside a listed one kept; fixed, it comes in", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    f.nebim.push(nebimVariant({ barcodes: ["8690004"], itemName: null, onHand: 5 }, { itemCode: "IT-3" }));
    edit(f, "8690001", { itemName: null });
    const second = await build(feed);
    assert.deepEqual([...second.rows.keys()].sort(), ["8690001", "8690002", "8690003"]);
    assert.equal(second.rows.get("8690001")!.quantity, first.rows.get("8690001")!.quantity);
    assert.ok(!f.ledger.feedListed().has("8690004"));
    edit(f, "8690004", { itemName: "Yeni Ürün" });
    assert.ok((await build(feed)).rows.has("8690004"));
    feed.close();
  }));

Deno.test("a held listed code Nebim no longer sells goes to stock 0 (setting on)", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    edit(f, "8690003", { costKurus: null, variantBlocked: true });
    const second = await build(feed);
    assert.deepEqual(second.rows.get("8690003"), zeroed(first, "8690003"));
    feed.close();
  }));

Deno.test("no served build to copy from: a held listed code is left out and a warning says so", () =>
  withGone(async (f) => {
    const feed = f.start();
    await build(feed);
    await Deno.remove(f.dir, { recursive: true });
    edit(f, "8690002", { costKurus: null });
    const { built, lines } = await warned(feed);
    assert.deepEqual([...built.rows.keys()], ["8690001", "8690003"], "no row made up");
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0]!, /1 codes it listed .*held for a bad record.*8690002/);
    feed.close();
  }));

Deno.test("a held listed code that sells out goes to stock 0 with the setting off too, as the API path pushes it", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    edit(f, "8690002", { itemName: null, onHand: 0 });
    const second = await build(feed);
    assert.deepEqual(second.rows.get("8690002"), zeroed(first, "8690002"));
    feed.close();
  }, { catalog: { zeroStockForVanished: false } }));

Deno.test("a held listed code takes what of its record is good, as the API path pushes it: the price beside no name, the VAT beside no cost", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    for (const v of f.nebim) Object.assign(v, { costKurus: 80_000 });
    edit(f, "8690003", { itemName: null }); // IT-2's only variant: no other row gives its product's tags
    const noName = await build(feed);
    const price = noName.rows.get("8690001")!.price; // the same cost and VAT
    assert.notEqual(price, first.rows.get("8690003")!.price);
    const row = { ...first.rows.get("8690003")!, price, varyantfiyat: price };
    assert.deepEqual(noName.rows.get("8690003"), row, "the name as served");
    edit(f, "8690003", { itemName: "Keten Gömlek", costKurus: null, taxGroupCode: "%20", vatRate: 20 });
    const noCost = await build(feed);
    assert.deepEqual(noCost.rows.get("8690003"), { ...row, kdv: "20" }, "the price as served before");
    feed.close();
  }));

Deno.test("a held listed code Nebim now groups under another product keeps its served product's name and VAT, as the API path leaves that product alone", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    const moved = { itemName: "Başka Ürün", costKurus: null, taxGroupCode: "%20", vatRate: 20 };
    edit(f, "8690003", { ...moved, key: { ...f.nebim[2]!.key, itemCode: "IT-9" } }); // the barcode moved
    const held = await build(feed);
    assert.deepEqual(held.rows.get("8690003"), first.rows.get("8690003"), "IT-2's name and VAT as served");
    feed.close();
  }));

Deno.test("with a VAT-inclusive cost, a tax group with no rate is reported; a listed code keeps its served VAT and takes its new price, a new one stays out", () =>
  withGone(async (f) => {
    const feed = f.start();
    const first = await build(feed);
    for (const v of f.nebim) v.costKurus = 90_000;
    edit(f, "8690003", { vatRate: null, taxGroupCode: "%99" });
    f.nebim.push(nebimVariant({ barcodes: ["8690004"], onHand: 5, vatRate: null, taxGroupCode: "%99" }, {
      itemCode: "IT-3",
    }));
    const second = await build(feed);
    const held = second.rows.get("8690003")!;
    assert.equal(held.kdv, first.rows.get("8690003")!.kdv, "the served VAT");
    assert.notEqual(held.price, first.rows.get("8690003")!.price, "its price, computable without the rate");
    assert.ok(!second.rows.has("8690004"), "no product made with a VAT the feed does not know");
    const problems = f.ledger.openProblems({ kind: "vat" });
    assert.deepEqual(problems.map((p) => p.subject).sort(), ["8690003", "8690004"]);
    assert.match(problems.find((p) => p.subject === "8690004")!.reason, /tax group "%99" of IT-3 has none/);
    feed.close();
  }, { feed: { insteadOfApi: true }, catalog: { costIncludesVat: true } }));

Deno.test("a feed-only build closes the problems of records Nebim no longer has: a corrected stock code, a deleted item", () =>
  withGone(async (f) => {
    const feed = f.start();
    f.nebim.push(
      nebimVariant({ barcodes: ["8690 004"], onHand: 5 }, { itemCode: "IT-3" }),
      nebimVariant({ barcodes: ["8690005"], onHand: 5, itemName: null }, { itemCode: "IT-4" }),
    );
    await build(feed);
    const open = () => f.ledger.openProblems().map((p) => `${p.subject} ${p.kind}`).sort();
    assert.deepEqual(open(), ["8690 004 stockCode", "8690005 name"]);
    edit(f, "8690 004", { barcodes: ["8690004"] });
    f.nebim.splice(f.nebim.findIndex((v) => v.key.itemCode === "IT-4"), 1);
    const fixed = await build(feed);
    assert.ok(fixed.rows.has("8690004"));
    assert.deepEqual(open(), []);
    feed.close();
  }, { feed: { insteadOfApi: true } }));
