/**
 * catalog.vanishLimit on the XML feed's numbers (feed/vanish.ts): the codes the served build had on sale that
 * a new build takes to stock 0 or leaves out, weighed by the API sync's own decision. And a served build's
 * rows read back (feed/xml.ts rowStock), as a restarted agent reads the feed it served.
 */
import assert from "node:assert/strict";
import { FeedTally } from "../../feed/vanish.ts";
import { feedRows, ROW_SPLIT, rowStock } from "../../feed/xml.ts";
import type { DesiredVariant } from "../../sync/desired.ts";
import { KML_1001_BEY_M } from "../support/mapping.ts";

const LIMIT = { percent: 50, atLeast: 2 };
/** A … J: ten codes on sale in the served build. */
const SERVED = new Set("ABCDEFGHIJ".split(""));

/** A new build's tally: `rows` as [code, quantity, sellable], written in that order; unsellable unless said. */
function tally(rows: [string, number, boolean?][]): FeedTally {
  const t = new FeedTally(SERVED);
  for (const [code, quantity, sellable = false] of rows) t.add(code, quantity, sellable);
  return t;
}

/** The served codes, those of `gone` left out and those of `zeroed` at stock 0, the rest at 5. */
function build(zeroed: string, gone = ""): [string, number][] {
  return [...SERVED].filter((c) => !gone.includes(c)).map((c) => [c, zeroed.includes(c) ? 0 : 5]);
}

Deno.test("a feed build that takes more of the served codes on sale to 0 or out than the limit allows is held", () => {
  // max(50 % of 10, 2) = 5: six leaving is one too many, whether at stock 0 or out of the feed.
  const held = tally(build("ABC", "DEF")).weigh(LIMIT, false);
  assert.deepEqual(held?.check, { vanishing: 6, active: 10, allowed: 5, verdict: "held" });
  assert.deepEqual(held?.sample, [
    "A (stock 0)",
    "B (stock 0)",
    "C (stock 0)",
    "D (left out)",
    "E (left out)",
    "F (left out)",
  ]);
  assert.equal(tally(build("ABCDEF")).weigh(LIMIT, false)?.check.verdict, "held", "all at stock 0");
  assert.equal(tally(build("", "ABCDEF")).weigh(LIMIT, false)?.check.verdict, "held", "all left out");
  assert.equal(
    tally([]).weigh(LIMIT, false)?.check.verdict,
    "held",
    "an empty build: a view returning nothing",
  );
});

Deno.test("a feed build within the limit goes: five of ten codes leaving, or a few", () => {
  assert.deepEqual(tally(build("ABC", "DE")).weigh(LIMIT, false)?.check, {
    vanishing: 5,
    active: 10,
    allowed: 5,
    verdict: "ok",
  });
  assert.equal(tally(build("A")).weigh({ percent: 20, atLeast: 50 }, false)?.check.verdict, "ok");
  assert.equal(tally(build("")).weigh(LIMIT, false), undefined, "none leaving: nothing to weigh");
});

Deno.test("the feed's base is the served build's codes on sale; new codes count for nothing; a code any row sells is on sale", () => {
  // Twenty new codes on sale do not raise the base: 50 % of the ten served, as before.
  const news: [string, number][] = Array.from({ length: 20 }, (_, i) => [`N${i}`, 3]);
  const t = tally([...build("ABCDEF"), ...news]);
  assert.deepEqual(t.weigh(LIMIT, false)?.check, { vanishing: 6, active: 10, allowed: 5, verdict: "held" });
  // The next base: this build's codes on sale, whatever the served build had.
  assert.equal(t.onSale.size, 4 + 20);
  assert.ok(!t.onSale.has("A") && t.onSale.has("N0"));
  // A code listed twice (a shared barcode's stock-0 row beside its own) is on sale if any row sells it.
  assert.equal(tally([["A", 0], ...build("")]).weigh(LIMIT, false), undefined);
});

Deno.test("a code Nebim still sells at stock 0 (sold out) is not leaving the sale: it counts for nothing, as in the API sync", () => {
  // All ten sold out, still sold: their stock 0 goes, as the API sync sends it (held, the store oversells).
  const soldOut = [...SERVED].map((c): [string, number, boolean] => [c, 0, true]);
  assert.equal(tally(soldOut).weigh(LIMIT, false), undefined);
  // Six leaving the sale still count, beside four sold out; the sample names only those leaving.
  const mixed = tally([
    ...build("ABCDEF", "GHIJ"),
    ..."GHIJ".split("").map((c): [string, number, boolean] => [c, 0, true]),
  ]);
  assert.deepEqual(mixed.weigh(LIMIT, false)?.check, {
    vanishing: 6,
    active: 10,
    allowed: 5,
    verdict: "held",
  });
  assert.deepEqual(mixed.weigh(LIMIT, false)?.sample.at(-1), "F (stock 0)");
  // A sold-out code is not on sale: not in the next build's base.
  assert.ok(!tally(soldOut).onSale.has("A"));
});

Deno.test("a feed build is never held without a served build, when lifted by the operator, or with the limit off", () => {
  const first = new FeedTally(undefined);
  first.add("A", 0, false);
  assert.equal(first.weigh(LIMIT, false), undefined, "the first build: nothing to weigh");
  assert.equal(tally([]).weigh(LIMIT, true)?.check.verdict, "lifted");
  assert.equal(tally([]).weigh(null, false)?.check.verdict, "ok");
});

Deno.test("rowStock() reads a written row's stock code and quantity back, whatever its name holds", () => {
  const v: DesiredVariant = {
    stockCode: "KML]]>01",
    productCode: "KML-1001",
    key: { ...KML_1001_BEY_M },
    // A name that looks like the tags that follow it.
    name: "Gömlek <quantity><![CDATA[9]]></quantity> <stokkodu><![CDATA[X",
    barcode: "8690001",
    variantValues: { name1: "Renk", value1: "Beyaz" },
    quantity: 7,
    price: 89990,
    marketplacePrice: 94990,
    vatRate: 10,
    sellable: true,
  };
  for (const prices of [true, false]) {
    const rows = feedRows([v, { ...v, stockCode: "B", quantity: 0 }], {
      category: "G",
      channel: "site",
      prices,
    });
    const [a, b, rest] = rows.split(ROW_SPLIT);
    assert.deepEqual(rowStock(a!), { stockCode: "KML]]>01", quantity: 7 });
    assert.deepEqual(rowStock(b!), { stockCode: "B", quantity: 0 });
    assert.equal(rest, "");
  }
  assert.equal(rowStock("<products>\n"), undefined);
});
