import assert from "node:assert/strict";
import { BindingIndex, type BindingView } from "../../sync/binding_index.ts";
import { overlayStore } from "../../sync/overlay_store.ts";
import type { StoreVariantState, StoreWriter } from "../../sync/ports.ts";
import { bound } from "../support/plan.ts";

/** A store listing `codes` as the ledger (`bound`) pushed them. */
function storeListing(codes: string[]): StoreWriter {
  const listed: StoreVariantState[] = codes.map((code) => {
    const [stockCode, { productCode, pushed: p }] = bound(code);
    return {
      stockCode,
      productCode,
      ...p!,
      name: p!.name!,
      vatRate: p!.vatRate!,
      barcode: p!.barcode!,
      label: p!.label ?? "Beyaz",
    };
  });
  return { listVariants: () => Promise.resolve(listed) } as Partial<StoreWriter> as StoreWriter;
}

async function overlaid(listed: string[]): Promise<BindingIndex> {
  return (await overlay(listed)).bindings;
}

async function overlay(listed: string[]) {
  const bindings = new BindingIndex([bound("S"), bound("M"), bound("L")]);
  const read = { unbound: new Map(), drifted: new Set<string>(), unreadable: new Set<string>() };
  const { gone } = await overlayStore(
    storeListing(listed),
    bindings,
    read,
    { problems: 0, problemList: [] },
    10,
  );
  return { bindings, gone };
}

Deno.test("overlayStore() gives the pushed codes the store no longer lists, for the ledger to forget", async () => {
  const { bindings, gone } = await overlay(["M"]);
  assert.deepEqual(gone, ["S", "L"]);
  assert.equal(bindings.get("S")?.pushed, null, "created again, when the plan may");
  assert.ok(bindings.get("M")?.pushed);
  assert.deepEqual((await overlay(["S", "M", "L"])).gone, []);
});

Deno.test("overlayStore() marks a product lost only when the store lists none of it, not for a variant deleted", async () => {
  // Either order of the ledger's rows: the deleted variant first, or after one still listed.
  for (const listed of [["M", "L"], ["S", "M"]]) {
    const b = await overlaid(listed);
    assert.equal(b.knowsProduct("KML-1"), true, listed.join());
    assert.equal(b.lostProduct("KML-1"), false, listed.join());
  }
  const gone = await overlaid([]);
  assert.equal(gone.knowsProduct("KML-1"), false);
  assert.equal(gone.lostProduct("KML-1"), true, "the whole product deleted in the panel");
});

Deno.test("overlayStore() keeps a code bound to its product when the store has it in another product too", async () => {
  // The merchant's older product ESKI-1 (listed first, a lower id) was given the agent's stock code "S" in the
  // panel, which did not check: the store now has S twice. The agent's is the one in the product it bound.
  const theirs: StoreVariantState = {
    stockCode: "S",
    productCode: "ESKI-1",
    quantity: 1,
    price: 100,
    marketplacePrice: 100,
    name: "Eski Ürün",
    vatRate: 20,
    barcode: "",
    label: "",
  };
  const store = storeListing(["S", "M", "L"]);
  const ours = await store.listVariants();
  const listing = { listVariants: () => Promise.resolve([theirs, ...ours]) } as Partial<
    StoreWriter
  > as StoreWriter;
  // Bound with the colour label the store shows: nothing of S, M or L differs from what the ledger pushed.
  const labelled = (code: string): [string, BindingView] => {
    const [, b] = bound(code);
    return [code, { ...b, pushed: { ...b.pushed!, label: "Beyaz" } }];
  };
  const bindings = new BindingIndex([labelled("S"), labelled("M"), labelled("L")]);
  const read = { unbound: new Map(), drifted: new Set<string>(), unreadable: new Set<string>() };
  await overlayStore(listing, bindings, read, { problems: 0, problemList: [] }, 10);
  assert.equal(bindings.get("S")!.productCode, "KML-1", "not moved to the merchant's product");
  assert.equal(bindings.get("S")!.pushed!.quantity, 4);
  assert.deepEqual([...read.drifted], []);
});
