import assert from "node:assert/strict";
import { withProgress } from "../../cli/progress.ts";
import type { NebimVariant } from "../../nebim/types.ts";
import type { QukasoftApi } from "../../qukasoft/mod.ts";
import type { QProduct } from "../../qukasoft/types.ts";
import type { CatalogSource } from "../../sync/ports.ts";

/** A catalogue whose every item has two variants, and a store that takes every write. */
function fakes(pages: number) {
  const variants = (codes: string[]) => codes.flatMap((c) => [c, c]) as unknown as NebimVariant[];
  const catalog = {
    changedItemCodes: () => Promise.resolve(["A", "B", "C"]),
    readItems: (codes: string[]) => Promise.resolve(variants(codes)),
    readItemRun: (codes: string[]) => Promise.resolve(variants(codes)),
  } as unknown as CatalogSource;
  const store = {
    async *listProducts() {
      for (let i = 0; i < pages; i++) yield Array<QProduct>(100);
    },
    saveProducts: () => Promise.resolve([]),
    updateStockPrice: () => Promise.resolve([]),
  } as unknown as QukasoftApi;
  return { catalog, store };
}

Deno.test("withProgress() says what was read, listed and written, at most every 5 s of its clock", async () => {
  let t = 0;
  const lines: string[] = [];
  const f = fakes(3);
  const p = withProgress(f.catalog, f.store, { say: (l) => lines.push(l), now: () => t });
  for await (const _ of p.store.listProducts()) t += 2_000; // pages at 0, 2 and 4 s: too soon
  assert.deepEqual(lines, []);
  await p.catalog.readItemRun(["A", "B"], new Date());
  assert.deepEqual(lines, ["… 2 items read (4 variants), 300 store products listed; 6 s"]);
  t += 4_999; // not yet
  await p.store.saveProducts([{ productCode: "P", variants: [{ stockCode: "1" }, { stockCode: "2" }] }]);
  t += 1;
  await p.store.updateStockPrice([{ stockCode: "3", quantity: 1 }]);
  assert.deepEqual(lines.slice(1), [
    "… 2 items read (4 variants), 300 store products listed, 3 stock codes written to the store; 11 s",
  ]);
});

Deno.test("withProgress() counts an incremental cycle's items against the changed ones", async () => {
  let t = 0;
  const lines: string[] = [];
  const f = fakes(0);
  const p = withProgress(f.catalog, f.store, { say: (l) => lines.push(l), now: () => t, everyMs: 1_000 });
  await p.catalog.changedItemCodes(new Date(), new Date());
  t = 1_000;
  await p.catalog.readItems(["A"], new Date());
  t = 2_000;
  await p.catalog.readItems(["B", "C", "DIRTY"], new Date()); // an item left dirty comes on top
  assert.deepEqual(lines, [
    "… 1 of 3 changed items read (2 variants); 1 s",
    "… 4 of 4 changed items read (8 variants); 2 s",
  ]);
});
