import assert from "node:assert/strict";
import { BindingIndex } from "../../sync/binding_index.ts";
import { productClash } from "../../sync/product_clash.ts";
import { mapVariants } from "../../sync/desired.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";

const [one, two] = mapVariants([
  nebimVariant({ barcodes: ["8690000000017"] }, { itemCode: "KAZAKI" }),
  nebimVariant({ barcodes: ["8690000000024"] }, { itemCode: "KAZAKİ" }),
], MAPPING).variants;

const pushed = { quantity: 1, price: 100, marketplacePrice: 100, name: "n", vatRate: 10, barcode: null };
/** Bindings of `d`'s stock codes, pushed into the store's product "KAZAKI". */
function bound(...ds: typeof one[]): BindingIndex {
  return new BindingIndex(ds.map((d) => [d!.stockCode, {
    stockCode: d!.stockCode,
    productCode: "KAZAKI",
    itemCode: d!.key.itemCode,
    pushed,
    vanished: false,
  }]));
}

Deno.test("productClash(): the product with codes in the store holds its code, whichever comes first", () => {
  assert.deepEqual([one!.productCode, two!.productCode], ["KAZAKI", "KAZAKİ"]);
  // Only KAZAKİ's code is in the store (adopted, or pushed before KAZAKI existed): KAZAKI is the second.
  const claims = new Map<string, string>();
  assert.match(productClash(claims, bound(two), one!)?.reason ?? "", /"KAZAKI" is item KAZAKİ's product/);
  assert.equal(productClash(claims, bound(two), two!), undefined);
  // Both in one store product (an agent before this one merged them): the first by Nebim's key, every cycle.
  for (const order of [[one!, two!], [two!, one!]]) {
    const c = new Map<string, string>();
    assert.deepEqual(
      order.map((d) => productClash(c, bound(one, two), d)?.subject),
      order.map((d) => d === two ? d.stockCode : undefined),
    );
  }
  // Neither in the store: the first read this cycle.
  const fresh = new Map<string, string>();
  assert.equal(productClash(fresh, new BindingIndex(), two!), undefined);
  assert.match(productClash(fresh, new BindingIndex(), one!)?.reason ?? "", /is product KAZAKİ to the store/);
  assert.equal(productClash(fresh, new BindingIndex(), two!), undefined, "the holder's next variant");
});
