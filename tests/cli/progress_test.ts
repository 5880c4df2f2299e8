import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { withProgress } from "../../cli/progress.ts";
import { IntegrationError, PartialFailure } from "../../errors.ts";
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
  p.stop();
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
  p.stop();
});

/** A clock that drives both the progress timer and `now`. */
function stallClock() {
  return FakeTimers.install({ toFake: ["setInterval", "clearInterval"] });
}

Deno.test("withProgress() says when nothing moved for 30 s, and what the sync waits on", async () => {
  const clock = stallClock();
  try {
    const lines: string[] = [];
    const f = fakes(0);
    let answer!: () => void;
    const store = { ...f.store, saveProducts: () => new Promise<never[]>((r) => answer = () => r([])) };
    const p = withProgress(f.catalog, store, { say: (l) => lines.push(l), now: () => clock.now });
    const saving = p.store.saveProducts([{ productCode: "P", variants: [{ stockCode: "1" }] }]);
    clock.tick(29_999);
    assert.deepEqual(lines, []);
    clock.tick(5_001); // the timer looks every 5 s: at 30 s
    assert.deepEqual(lines, ["… no progress for 30 s: waiting on the store (1 request); 30 s"]);
    clock.tick(20_000); // once per 30 s of a stall, not every look
    assert.equal(lines.length, 1);
    clock.tick(5_000);
    assert.equal(lines[1], "… no progress for 60 s: waiting on the store (1 request); 60 s");
    answer();
    await saving;
    assert.equal(lines[2], "… 0 items read (0 variants), 1 stock code written to the store; 60 s");
    clock.tick(29_000);
    assert.equal(lines.length, 3, "a move starts the count again");
    clock.tick(6_000);
    assert.equal(lines[3], "… no progress for 30 s: working, not waiting on Nebim or the store; 90 s");
    p.stop();
    clock.tick(120_000);
    assert.equal(lines.length, 4, "stop() ends the watch");
  } finally {
    clock.uninstall();
  }
});

Deno.test("withProgress() names Nebim's SQL Server when a read is what the sync waits on", async () => {
  const clock = stallClock();
  try {
    const lines: string[] = [];
    const f = fakes(0);
    let answer!: () => void;
    const catalog = {
      ...f.catalog,
      serverTime: () => Promise.resolve(new Date()),
      readItemRun: () => new Promise<NebimVariant[]>((r) => answer = () => r([])),
    };
    const p = withProgress(catalog, f.store, { say: (l) => lines.push(l), now: () => clock.now });
    await p.catalog.serverTime();
    const reads = [p.catalog.readItemRun(["A"], new Date()), p.catalog.readItemRun(["B"], new Date())];
    clock.tick(30_000);
    assert.deepEqual(lines, ["… no progress for 30 s: waiting on Nebim's SQL Server (2 queries); 30 s"]);
    answer();
    p.stop();
    await Promise.race(reads);
  } finally {
    clock.uninstall();
  }
});

Deno.test("withProgress() stops the store's listing when its caller stops early", async () => {
  let closed = false;
  const f = fakes(0);
  const store = {
    ...f.store,
    async *listProducts() {
      try {
        for (let i = 0;; i++) yield [{ id: i }] as unknown as QProduct[];
      } finally {
        closed = true;
      }
    },
  };
  const p = withProgress(f.catalog, store, { say: () => {} });
  for await (const _ of p.store.listProducts()) break;
  p.stop();
  assert.equal(closed, true);
});

Deno.test("withProgress() counts what a partly failed write got written, and passes its failure on", async () => {
  const lines: string[] = [];
  const failure = new IntegrationError("retriable", "status 503", { system: "qukasoft" });
  const store = {
    // The first product's request answered; the second's failed past its retries.
    saveProducts: () =>
      Promise.reject(
        new PartialFailure(failure, [
          { productCode: "P", id: 1, status: "created", variants: [] },
          { productCode: "Q", id: 0, status: "error", message: "status 503", unclear: true, variants: [] },
        ]),
      ),
    updateStockPrice: () =>
      Promise.reject(
        new PartialFailure(failure, [
          { stockCode: "5", status: "updated" },
          { stockCode: "6", status: "error", message: "status 503", unclear: true },
        ]),
      ),
  } as unknown as QukasoftApi;
  const p = withProgress(fakes(0).catalog, store, { say: (l) => lines.push(l), now: () => 0, everyMs: 0 });
  const products = [
    { productCode: "P", variants: [{ stockCode: "1" }, { stockCode: "2" }] },
    { productCode: "Q", variants: [{ stockCode: "3" }, { stockCode: "4" }] },
  ];
  await assert.rejects(p.store.saveProducts(products), (e) => e instanceof PartialFailure);
  await assert.rejects(
    p.store.updateStockPrice([{ stockCode: "5", quantity: 1 }, { stockCode: "6", quantity: 1 }]),
    (e) => e instanceof PartialFailure,
  );
  assert.deepEqual(lines, [
    "… 0 items read (0 variants), 2 stock codes written to the store; 0 s",
    "… 0 items read (0 variants), 3 stock codes written to the store; 0 s",
  ]);
  p.stop();
});
