/**
 * The cycle's overlap: batch n+1 is read and planned while batch n's writes are still going, and its own
 * writes start beside them, never more than PUSHES_IN_FLIGHT batches' at once; a batch that reads a binding a
 * push in flight will rewrite (a stock code that moved between items) waits for it. In-memory ports; a push is held for one turn of the
 * event loop (setImmediate), which is how the plan of the next batch gets to run first.
 */

import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import { setImmediate } from "node:timers";
import { QUKASOFT_REQUEST_SIZES } from "../../agent/store_writer.ts";
import { openLedger } from "../../ledger/ledger.ts";
import type { NebimVariant } from "../../nebim/types.ts";
import type { CatalogSource, StoreVariantState, StoreWriter, WriteOutcome } from "../../sync/ports.ts";
import { ITEM_BATCH } from "../../sync/item_batches.ts";
import { syncProducts } from "../../sync/products.ts";
import { PUSHES_IN_FLIGHT } from "../../sync/push_queue.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";
import { OPTIONS as PLAN } from "../support/plan.ts";

// Two batches: the first ITEM_BATCH items, then the rest.
const ITEMS = Array.from({ length: ITEM_BATCH + 60 }, (_, i) => `I${String(i).padStart(4, "0")}`);

function variant(itemCode: string, barcode: string, onHand: number): NebimVariant {
  return nebimVariant(
    {
      itemName: `Ürün ${itemCode}`,
      colorName: null,
      barcodes: [barcode],
      costKurus: 10000,
      onHand,
      reserved: 0,
    },
    { itemCode, colorCode: "", itemDim1Code: "" },
  );
}

/** Nebim as a map item → variants; events note when each batch was read. */
function catalog(nebim: Map<string, NebimVariant[]>, events: string[]): CatalogSource {
  return {
    serverTime: () => Promise.resolve(new Date("2026-11-28T10:00:00Z")),
    changedItemCodes: () => Promise.resolve([]),
    async *allItemCodes() {
      yield [...nebim.keys()].sort();
    },
    readItems(codes) {
      if (codes.length > 1) events.push(`read ${codes[0]}`);
      return Promise.resolve(codes.flatMap((c) => nebim.get(c) ?? []));
    },
    readItemRun(codes) {
      return this.readItems(codes, new Date());
    },
    sharedBarcodes: () => Promise.resolve(new Set()),
    templateCodeVariants: () => Promise.resolve([]),
  };
}

/** The store: quantities by stock code. While `hold` is set, each write waits one event-loop turn. */
function store(events: string[]) {
  const quantity = new Map<string, number>();
  const state = { hold: false };
  const write = async (what: string, codes: string[], apply: () => void): Promise<WriteOutcome[]> => {
    events.push(`${what} start ${codes[0]}`);
    if (state.hold) await new Promise((resolve) => setImmediate(resolve));
    apply();
    events.push(`${what} done ${codes[0]}`);
    return codes.map((stockCode) => ({ stockCode, status: "ok", productId: 1 }));
  };
  const writer: StoreWriter = {
    requestSizes: QUKASOFT_REQUEST_SIZES,
    saveProducts: (products) => {
      const vs = products.flatMap((p) => p.variants);
      return write(
        "save",
        vs.map((v) => v.stockCode),
        () => vs.forEach((v) => "quantity" in v && quantity.set(v.stockCode, v.quantity)),
      );
    },
    updateStockPrice: (items) =>
      write("stock", items.map((i) => i.stockCode), () => {
        for (const i of items) if (i.quantity !== undefined) quantity.set(i.stockCode, i.quantity);
      }),
    listVariants: () =>
      Promise.resolve([...quantity].map(([stockCode, q]): StoreVariantState => ({
        stockCode,
        productCode: "",
        quantity: q,
        price: 16500,
        marketplacePrice: 17600,
        name: "",
        vatRate: 10,
        barcode: stockCode,
        label: "",
      }))),
  };
  return { writer, quantity, state };
}

Deno.test("syncProducts() reads, plans and pushes the next batch while a batch's push is going, two at most", async () => {
  const items = [...ITEMS, ...Array.from({ length: ITEM_BATCH }, (_, i) => `K${String(i).padStart(4, "0")}`)];
  const nebim = new Map(items.map((c, i) => [c, [variant(c, `B${i}`, 3)]]));
  const events: string[] = [];
  const s = store(events);
  s.state.hold = true;
  const ledger = openLedger(":memory:");
  try {
    const planned: number[] = [];
    const replaceProblems = ledger.replaceProblems.bind(ledger);
    const spied = Object.assign(Object.create(ledger), {
      replaceProblems(
        subjects: string[],
        problems: Parameters<typeof replaceProblems>[1],
        undecided?: (subject: string, kind: string) => boolean,
      ) {
        if (subjects.length > 1) events.push(`planned ${subjects.length}`);
        planned.push(subjects.length);
        return replaceProblems(subjects, problems, undecided);
      },
    });
    const report = await syncProducts({ catalog: catalog(nebim, events), store: s.writer, ledger: spied }, {
      mode: "full",
      mapping: MAPPING,
      plan: PLAN,
    });
    assert.equal(report.created, items.length);
    assert.equal(s.quantity.size, items.length);
    const second = items[ITEM_BATCH]!;
    const at = (e: string) => {
      const i = events.indexOf(e);
      assert.ok(i >= 0, `${e} in ${events.join(", ")}`);
      return i;
    };
    // The second batch was read before the first was pushed, and planned while that push was going.
    assert.ok(at(`read ${second}`) < at("save start B0"));
    const plannedAt = events.flatMap((e, i) => e.startsWith("planned ") ? [i] : []);
    assert.ok(plannedAt[1]! < at("save done B0"), events.join(", "));
    // Its own push began while the first one was still going (PUSHES_IN_FLIGHT: 2)...
    assert.equal(PUSHES_IN_FLIGHT, 2);
    assert.ok(at(`save start B${ITEM_BATCH}`) < at("save done B0"), events.join(", "));
    // ...and the third batch's only once the first had finished.
    assert.ok(at("save done B0") < at(`save start B${2 * ITEM_BATCH}`), events.join(", "));
    // The bindings of every batch are durable.
    assert.equal(ledger.bindingCounts().total, items.length);
  } finally {
    ledger.close();
  }
});

Deno.test("syncProducts() waits for the push in flight when the next batch's item held a stock code it moves", async () => {
  const nebim = new Map(ITEMS.map((c, i) => [c, [variant(c, `B${i}`, 3)]]));
  const from = ITEMS[ITEM_BATCH + 10]!; // second batch
  const to = ITEMS[10]!; // first batch
  nebim.set(from, [variant(from, "MOVED", 3)]);
  const events: string[] = [];
  const s = store(events);
  const ledger = openLedger(":memory:");
  try {
    const deps = { catalog: catalog(nebim, events), store: s.writer, ledger };
    await syncProducts(deps, { mode: "full", mapping: MAPPING, plan: PLAN });
    assert.equal(s.quantity.get("MOVED"), 3);
    // The barcode moves to an item of the first batch, with more stock; its old item gets a new one.
    nebim.set(to, [variant(to, "MOVED", 9)]);
    nebim.set(from, [variant(from, "NEW", 4)]);
    s.state.hold = true;
    events.length = 0;
    const report = await syncProducts(deps, { mode: "full", mapping: MAPPING, plan: PLAN });
    // Planned against the old binding, the second batch would have zeroed MOVED after the first set it.
    assert.equal(s.quantity.get("MOVED"), 9, events.join(", "));
    assert.equal(s.quantity.get("NEW"), 4);
    assert.equal(report.actions.zero, 1); // the first batch's own old code B10, gone from its item
    assert.equal(events.filter((e) => e === "stock start MOVED").length, 1, events.join(", "));
  } finally {
    ledger.close();
  }
});

Deno.test("syncProducts() reports a stock code met again in a later batch, naming the item that took it", async () => {
  const nebim = new Map(ITEMS.map((c, i) => [c, [variant(c, `B${i}`, 3)]]));
  const first = ITEMS[1]!;
  const later = ITEMS[ITEM_BATCH + 20]!;
  nebim.set(first, [variant(first, "DUPE", 3)]);
  nebim.set(later, [variant(later, "DUPE", 5)]);
  const events: string[] = [];
  const s = store(events);
  const ledger = openLedger(":memory:");
  try {
    // The fake's sharedBarcodes() finds nothing (as when stock codes come from a template): the later batch
    // is where the second holder shows up.
    const report = await syncProducts({ catalog: catalog(nebim, events), store: s.writer, ledger }, {
      mode: "full",
      mapping: MAPPING,
      plan: PLAN,
    });
    const dup = report.problemList.filter((p) => p.subject === "DUPE");
    assert.equal(dup.length, 1);
    assert.equal(dup[0]!.kind, "duplicate");
    assert.match(dup[0]!.reason, new RegExp(`used by a variant of item ${first} and ${later};`));
    assert.equal(s.quantity.get("DUPE"), 3, "the later variant did not overwrite the first");
  } finally {
    ledger.close();
  }
});

Deno.test("syncProducts() keeps an item a full cycle's range read brought along (listed after its page): pushed, not zeroed", async () => {
  const nebim = new Map(ITEMS.map((c, i) => [c, [variant(c, `B${i}`, 3)]]));
  const s = store([]);
  const ledger = openLedger(":memory:");
  try {
    const base = catalog(nebim, []);
    const late = `${ITEMS[5]}A`; // sorts inside the first batch's run
    const ranged: CatalogSource = {
      ...base,
      async readItemRun(codes, asOf) {
        const rows = await base.readItems(codes, asOf);
        return codes.includes(ITEMS[5]!) ? [...rows, variant(late, "LATE", 7)] : rows;
      },
    };
    const report = await syncProducts({ catalog: ranged, store: s.writer, ledger }, {
      mode: "full",
      mapping: MAPPING,
      plan: PLAN,
    });
    assert.equal(s.quantity.get("LATE"), 7);
    assert.equal(report.actions.zero, 0);
    assert.equal(report.created, ITEMS.length + 1);
  } finally {
    ledger.close();
  }
});

Deno.test("syncProducts() asks Nebim for changed items as Nebim spelled them, once per code key, never by the key", async () => {
  // The key (nebim/code_key.ts) is the agent's model of Turkish_CI_AS, not a code Nebim holds: Nebim's own
  // spelling is the one its collation is sure to match. A code it found nothing for would leave the item read
  // with no variant, and every variant the item had pushed zeroed. This catalog matches spellings exactly.
  const nebim = new Map([["kazaki-1", [variant("kazaki-1", "K1", 3)]], ["I0001", [
    variant("I0001", "B1", 2),
  ]]]);
  const asked: string[][] = [];
  const base = catalog(nebim, []);
  const spelled: CatalogSource = {
    ...base,
    changedItemCodes: () => Promise.resolve(["kazaki-1", "KAZAKİ-1 ", "I0001"]),
    readItems(codes, asOf) {
      asked.push([...codes]);
      return base.readItems(codes, asOf);
    },
  };
  const s = store([]);
  const ledger = openLedger(":memory:");
  try {
    const deps = { catalog: spelled, store: s.writer, ledger };
    await syncProducts(deps, { mode: "full", mapping: MAPPING, plan: PLAN });
    assert.equal(s.quantity.get("K1"), 3);
    nebim.set("kazaki-1", [variant("kazaki-1", "K1", 5)]);
    asked.length = 0;
    const r = await syncProducts(deps, { mode: "incremental", mapping: MAPPING, plan: PLAN });
    assert.deepEqual(asked, [["I0001", "kazaki-1"]]);
    assert.equal(r.actions.zero, 0);
    assert.equal(s.quantity.get("K1"), 5);
  } finally {
    ledger.close();
  }
});

Deno.test("syncProducts() keeps only `keepRows` plan rows and still counts every action", async () => {
  const nebim = new Map(ITEMS.slice(0, 30).map((c, i) => [c, [variant(c, `B${i}`, 3)]]));
  const ledger = openLedger(":memory:");
  try {
    const deps = { catalog: catalog(nebim, []), store: store([]).writer, ledger };
    const some = await syncProducts(deps, {
      mode: "full",
      dryRun: true,
      mapping: MAPPING,
      plan: PLAN,
      keepRows: 2,
    });
    assert.equal(some.rows.length, 2);
    assert.equal(some.actions.create, 30);
    const none = await syncProducts(deps, { mode: "full", mapping: MAPPING, plan: PLAN, keepRows: 0 });
    assert.deepEqual(none.rows, []);
    assert.equal(none.actions.create, 30);
    assert.equal(none.created, 30);
  } finally {
    ledger.close();
  }
});

Deno.test("syncProducts() records the counts so far while it runs (progressEveryMs: 0, before every batch's writes)", async () => {
  const items = [...ITEMS, ...Array.from({ length: ITEM_BATCH }, (_, i) => `K${String(i).padStart(4, "0")}`)];
  const nebim = new Map(items.map((c, i) => [c, [variant(c, `B${i}`, 3)]]));
  const s = store([]);
  const ledger = openLedger(":memory:");
  try {
    // What /health would show at the start of each write: the ledger's newest run.
    const seen: { outcome: string | null; counts: Record<string, number>; progressAt: string | null }[] = [];
    const writer: StoreWriter = {
      ...s.writer,
      saveProducts(products, signal) {
        const [r] = ledger.lastRuns(1);
        seen.push({ outcome: r!.outcome, counts: r!.counts, progressAt: r!.progressAt });
        return s.writer.saveProducts(products, signal);
      },
    };
    const report = await syncProducts({ catalog: catalog(nebim, []), store: writer, ledger }, {
      mode: "full",
      mapping: MAPPING,
      plan: PLAN,
      progressEveryMs: 0,
    });
    assert.equal(seen.length, 3); // one save per batch
    // The first batch's save: every count is there, created 0 (/health shows the same keys before the
    // first push is counted as after). The third's: at least the first batch, pushed and counted (the second's
    // push may still be going beside it).
    assert.deepEqual(Object.keys(seen[0]!.counts).sort(), Object.keys(seen[2]!.counts).sort());
    assert.equal(seen[0]!.counts.created, 0, JSON.stringify(seen[0]));
    assert.equal(seen[2]!.outcome, null);
    assert.ok(seen[2]!.counts.created! >= ITEM_BATCH, JSON.stringify(seen[2]));
    assert.ok(seen[2]!.counts.itemsRead! >= 2 * ITEM_BATCH, JSON.stringify(seen[2]));
    assert.ok(seen[2]!.progressAt);
    // At the end the final counts replace them.
    const [done] = ledger.lastRuns(1);
    assert.equal(done?.outcome, "ok");
    assert.equal(done?.counts.created, report.created);
    assert.equal(report.created, items.length);
  } finally {
    ledger.close();
  }
});

Deno.test("syncProducts() records progress at most every progressEveryMs: 3 s per write, every 5 s", async () => {
  const items = Array.from({ length: 4 * ITEM_BATCH + 60 }, (_, i) => `J${String(i).padStart(4, "0")}`);
  const nebim = new Map(items.map((c, i) => [c, [variant(c, `C${i}`, 3)]]));
  const s = store([]);
  const ledger = openLedger(":memory:");
  const clock = FakeTimers.install({ toFake: ["performance"] });
  try {
    const seen: (number | undefined)[] = []; // the recorded created count at the start of each write
    const writer: StoreWriter = {
      ...s.writer,
      saveProducts(products, signal) {
        seen.push(ledger.lastRuns(1)[0]!.counts.created);
        clock.tick(3_000); // each batch's write takes 3 s
        return s.writer.saveProducts(products, signal);
      },
    };
    await syncProducts({ catalog: catalog(nebim, []), store: writer, ledger }, {
      mode: "full",
      mapping: MAPPING,
      plan: PLAN,
      progressEveryMs: 5_000,
    });
    // Before batch 2's write 3 s have passed (not recorded), before batch 3's 6 s (recorded: two batches),
    // before batch 4's 3 s since then (not), before batch 5's 6 s (recorded: four batches).
    assert.deepEqual(seen, [0, 0, 2 * ITEM_BATCH, 2 * ITEM_BATCH, 4 * ITEM_BATCH]);
  } finally {
    clock.uninstall();
    ledger.close();
  }
});

Deno.test("syncProducts() stopped by its signal records why: the stop, not the call it cut short", async () => {
  const nebim = new Map(ITEMS.slice(0, 3).map((c, i) => [c, [variant(c, `S${i}`, 3)]]));
  const ledger = openLedger(":memory:");
  const stop = new AbortController();
  const writer: StoreWriter = {
    ...store([]).writer,
    saveProducts(_products, signal) {
      stop.abort(new Error("stopping"));
      return Promise.reject(signal?.reason ?? new Error("aborted"));
    },
  };
  try {
    await assert.rejects(
      syncProducts({ catalog: catalog(nebim, []), store: writer, ledger }, {
        mode: "full",
        mapping: MAPPING,
        plan: PLAN,
      }, stop.signal),
    );
    const [run] = ledger.lastRuns(1);
    assert.equal(run?.outcome, "failed");
    assert.match(run?.error ?? "", /^the agent was stopped during this cycle/);
  } finally {
    ledger.close();
  }
});
