import assert from "node:assert/strict";
import { BindingIndex } from "../../sync/binding_index.ts";
import { claimFirst, type ProductClaim, productClash } from "../../sync/product_clash.ts";
import { type DesiredVariant, mapVariants } from "../../sync/desired.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";

const [one, two] = mapVariants([
  nebimVariant({ barcodes: ["8690000000017"] }, { itemCode: "KAZAKI" }),
  nebimVariant({ barcodes: ["8690000000024"] }, { itemCode: "KAZAKİ" }),
], MAPPING).variants;

const pushed = { quantity: 1, price: 100, marketplacePrice: 100, name: "n", vatRate: 10, barcode: null };
/** Bindings of `ds`' stock codes, pushed into the store's product `productCode`. */
function boundIn(productCode: string, ...ds: typeof one[]): BindingIndex {
  return new BindingIndex(ds.map((d) => [d!.stockCode, {
    stockCode: d!.stockCode,
    productCode,
    itemCode: d!.key.itemCode,
    pushed,
    vanished: false,
  }]));
}
/** Bindings of `ds`' stock codes, pushed into the store's product "KAZAKI". */
const bound = (...ds: typeof one[]) => boundIn("KAZAKI", ...ds);

Deno.test("productClash(): the product with codes in the store holds its code, whichever comes first", () => {
  assert.deepEqual([one!.productCode, two!.productCode], ["KAZAKI", "KAZAKİ"]);
  // Only KAZAKİ's code is in the store (adopted, or pushed before KAZAKI existed): KAZAKI is the second.
  const claims = new Map<string, ProductClaim>();
  assert.match(productClash(claims, bound(two), one!)?.reason ?? "", /"KAZAKI" is item KAZAKİ's product/);
  assert.equal(productClash(claims, bound(two), two!), undefined);
  // Both in one store product (an agent before this one merged them): the first by Nebim's key, every cycle.
  for (const order of [[one!, two!], [two!, one!]]) {
    const c = new Map<string, ProductClaim>();
    assert.deepEqual(
      order.map((d) => productClash(c, bound(one, two), d)?.subject),
      order.map((d) => d === two ? d.stockCode : undefined),
    );
  }
  // Neither in the store: the first read this cycle.
  const fresh = new Map<string, ProductClaim>();
  assert.equal(productClash(fresh, new BindingIndex(), two!), undefined);
  assert.match(productClash(fresh, new BindingIndex(), one!)?.reason ?? "", /is product KAZAKİ to the store/);
  assert.equal(productClash(fresh, new BindingIndex(), two!), undefined, "the holder's next variant");
});

// Under itemColor grouping, item KML-1001 in colour 01 and an item KML-1001-01 without colours make one code.
const [coloured, plain] = mapVariants([
  nebimVariant({ barcodes: ["8690000000031"] }, { itemCode: "KML-1001", colorCode: "01" }),
  nebimVariant({ barcodes: ["8690000000048"] }, { itemCode: "KML-1001-01", colorCode: "" }),
], { ...MAPPING, groupBy: "itemColor" }).variants;

/** Bindings of `ds`' stock codes in the store's product "KML-1001-01". */
const inProduct = (...ds: typeof one[]) => boundIn("KML-1001-01", ...ds);

Deno.test("productClash(): two items making the very same product code are not merged into one product", () => {
  assert.deepEqual([coloured!.productCode, plain!.productCode], ["KML-1001-01", "KML-1001-01"]);
  // The item with codes in the store's product holds it, whichever this cycle reads first.
  const pairs: [DesiredVariant, DesiredVariant][] = [[coloured!, plain!], [plain!, coloured!]];
  for (const [holder, other] of pairs) {
    for (const order of [[holder, other], [other, holder]]) {
      const claims = new Map<string, ProductClaim>();
      const problems = order.map((d) => productClash(claims, inProduct(holder), d));
      assert.deepEqual(
        problems.map((p) => p?.subject),
        order.map((d) => d === other ? d.stockCode : undefined),
      );
      assert.match(
        problems.find((p) => p)!.reason,
        new RegExp(`"KML-1001-01" is (item .*'s|another item's) product too \\(item ${other.key.itemCode}'s`),
      );
    }
  }
  // Both in the store's product (adopted from a product the merchant made so): the first by Nebim's key holds
  // it, in every order and when the other is read alone (an incremental cycle), so no cycle undoes another.
  for (const order of [[coloured!, plain!], [plain!, coloured!], [plain!]]) {
    const claims = new Map<string, ProductClaim>();
    assert.deepEqual(
      order.map((d) => productClash(claims, inProduct(coloured, plain), d)?.subject),
      order.map((d) => d === plain ? d.stockCode : undefined),
    );
  }
  // Neither in the store: the first read this cycle holds it; the holder's next variant is no clash.
  const fresh = new Map<string, ProductClaim>();
  assert.equal(productClash(fresh, new BindingIndex(), plain!), undefined);
  assert.equal(productClash(fresh, new BindingIndex(), coloured!)?.subject, coloured!.stockCode);
  assert.equal(productClash(fresh, new BindingIndex(), plain!), undefined);
  // The XML feed (no bindings) keeps a product it listed before whatever its item: it does not know it.
  const listed = new Map<string, ProductClaim>();
  claimFirst(listed, "KML-1001-01");
  assert.equal(productClash(listed, undefined, coloured!), undefined);
  assert.equal(productClash(listed, undefined, plain!), undefined);
});

Deno.test("productClash(): an item whose codes in the store's product all vanished from Nebim holds it no more", () => {
  // KML-1001 in colour 01 was deleted (or blocked) in Nebim, its codes zeroed; the item KML-1001-01 made after
  // it takes the product over, alone or beside its own codes merged there before, in every cycle alike.
  const gone = (...ds: DesiredVariant[]) => {
    const index = new BindingIndex();
    for (const d of ds) {
      index.set(d.stockCode, {
        stockCode: d.stockCode,
        productCode: "KML-1001-01",
        itemCode: d.key.itemCode,
        pushed: { ...pushed, quantity: 0 },
        vanished: d === coloured,
      });
    }
    return index;
  };
  for (const index of [gone(coloured!), gone(coloured!, plain!)]) {
    assert.equal(productClash(new Map(), index, plain!), undefined);
    assert.ok(index.knowsProduct("KML-1001-01"), "the store still has the product");
  }
  // Back on sale, the deleted item is the one held: the other's codes are the ones in the store's product.
  assert.equal(productClash(new Map(), gone(coloured!, plain!), coloured!)?.subject, coloured!.stockCode);
});

Deno.test("productClash(): an item's next product code is claimed too, and each cycle's claims start afresh", () => {
  // Under itemColor, item KML-2002's colours make two products; the item KML-2002-02 makes the second again.
  const [first, second, plainTwo] = mapVariants([
    nebimVariant({ barcodes: ["8690000000055"] }, { itemCode: "KML-2002", colorCode: "01" }),
    nebimVariant({ barcodes: ["8690000000062"] }, { itemCode: "KML-2002", colorCode: "02" }),
    nebimVariant({ barcodes: ["8690000000079"] }, { itemCode: "KML-2002-02", colorCode: "" }),
  ], { ...MAPPING, groupBy: "itemColor" }).variants;
  assert.deepEqual(
    [first!.productCode, second!.productCode, plainTwo!.productCode],
    ["KML-2002-01", "KML-2002-02", "KML-2002-02"],
  );
  const claims = new Map<string, ProductClaim>();
  assert.equal(productClash(claims, new BindingIndex(), first!), undefined);
  assert.equal(productClash(claims, new BindingIndex(), second!), undefined);
  assert.equal(productClash(claims, new BindingIndex(), plainTwo!)?.subject, plainTwo!.stockCode);
  // The next cycle (a claims map of its own) reads the plain item first: it holds the code there.
  const next = new Map<string, ProductClaim>();
  assert.equal(productClash(next, new BindingIndex(), plainTwo!), undefined);
  assert.equal(productClash(next, new BindingIndex(), second!)?.subject, second!.stockCode);
  // And again in a third, starting with the variant the last one held.
  const after = new Map<string, ProductClaim>();
  assert.equal(productClash(after, new BindingIndex(), plainTwo!), undefined);
  assert.equal(productClash(after, new BindingIndex(), second!)?.subject, second!.stockCode);
});

// A barcode Nebim moved from item URN-003 to item URN-005 stays in the store's product URN-003
// (tests/sync/moved_barcode_e2e_test.ts): URN-005 does not make that code, so it is no rival for it.
Deno.test("productClash(): another item's code kept in the store's product is no rival unless that item makes the product code", () => {
  const [left, moved] = mapVariants([
    nebimVariant({ barcodes: ["8690000000055"] }, { itemCode: "URN-003", colorCode: "LAC" }),
    nebimVariant({ barcodes: ["8690000000062"] }, { itemCode: "URN-005", colorCode: "LAC" }),
  ], MAPPING).variants;
  assert.equal(productClash(new Map(), boundIn("URN-003", moved), left!), undefined);
  // Under itemColor, an item making the code with a colour, spelt otherwise by Nebim but one to the store
  // (KAZAKİ in colour 01 against an item KAZAKI-01 without colours), is still one.
  const [foldedColour, foldedPlain] = mapVariants([
    nebimVariant({ barcodes: ["8690000000079"] }, { itemCode: "KAZAKİ", colorCode: "01" }),
    nebimVariant({ barcodes: ["8690000000086"] }, { itemCode: "KAZAKI-01", colorCode: "" }),
  ], { ...MAPPING, groupBy: "itemColor" }).variants;
  assert.deepEqual([foldedColour!.productCode, foldedPlain!.productCode], ["KAZAKİ-01", "KAZAKI-01"]);
  const problem = productClash(new Map(), boundIn("KAZAKİ-01", foldedColour), foldedPlain!);
  assert.equal(problem?.subject, foldedPlain!.stockCode);
});
