import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { IntegrationError } from "../../errors.ts";
import { binding, PUSHED, pushWrite, withLedger } from "./temp.ts";

Deno.test("a new binding is active, unpushed and dirty; one with `pushed` is clean, stamped pushedAt", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("A"), binding("B", { pushed: PUSHED, qukasoftProductId: 812 })]);
    const a = ledger.getBinding("A")!;
    assert.equal(a.state, "active");
    assert.equal(a.dirty, true);
    assert.equal(a.pushed, null);
    assert.equal(a.pushedAt, null);
    assert.equal(a.qukasoftProductId, null);
    assert.deepEqual(a.key, binding("A").key);
    const b = ledger.getBinding("B")!;
    assert.equal(b.dirty, false);
    assert.deepEqual(b.pushed, PUSHED);
    assert.equal(b.pushedAt, b.updatedAt);
    assert.equal(b.qukasoftProductId, 812);
    assert.equal(ledger.getBinding("C"), undefined);
  }));

Deno.test("one row per stock code: a second upsert updates it, keeps createdAt and left-out fields", () =>
  withLedger((ledger, path) => {
    ledger.upsertBindings([binding("A", { pushed: PUSHED, qukasoftProductId: 812, reason: "x" })]);
    const before = ledger.getBinding("A")!;
    ledger.upsertBindings([
      binding("A", { productCode: "KML-1001-BEY", pushed: { ...PUSHED, quantity: 3 } }),
    ]);
    const after = ledger.getBinding("A")!;
    assert.equal(ledger.bindingCounts().total, 1);
    assert.equal(after.productCode, "KML-1001-BEY");
    assert.equal(after.pushed?.quantity, 3);
    assert.equal(after.qukasoftProductId, 812); // left out: kept
    assert.equal(after.reason, "x");
    assert.equal(after.createdAt, before.createdAt);
    assert.notEqual(after.updatedAt, before.updatedAt);
    ledger.upsertBindings([binding("A", { qukasoftProductId: null, reason: null, pushed: null })]);
    const cleared = ledger.getBinding("A")!;
    assert.equal(cleared.qukasoftProductId, null);
    assert.equal(cleared.reason, null);
    assert.equal(cleared.pushed, null);
    assert.equal(cleared.pushedAt, null);
    // The schema itself refuses a second row for a stock code.
    const db = new DatabaseSync(path);
    try {
      assert.throws(
        () =>
          db.exec(
            "INSERT INTO bindings (stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, " +
              "product_code, created_at, updated_at) VALUES ('A', 1, 'X', '', '', '', '', 'X', 't', 't')",
          ),
        /UNIQUE constraint failed/,
      );
    } finally {
      db.close();
    }
  }));

Deno.test("a bad record fails the whole batch before anything is written, naming it and the field", () =>
  withLedger((ledger) => {
    assert.throws(
      () =>
        ledger.upsertBindings([
          binding("A"),
          binding("B", { pushed: { ...PUSHED, price: 899.9 } }),
        ]),
      (e) =>
        e instanceof IntegrationError && e.kind === "skippable" && e.subject === "B" &&
        /pushed\.price must be integer kuruş/.test(e.message),
    );
    assert.throws(() => ledger.upsertBindings([binding("")]), /stockCode must be a non-empty string/);
    assert.equal(ledger.bindingCounts().total, 0);
  }));

Deno.test("recordWrites(): a bad push record fails the batch before anything is written, naming it and the field", () =>
  withLedger((ledger) => {
    const write = (stockCode: string, pushed = PUSHED) => ({
      stockCode,
      productCode: "KML-1001",
      itemCode: "KML-1001",
      variantKey: binding(stockCode).key,
      pushed,
      vanished: false,
    });
    assert.throws(
      () => ledger.recordWrites([write("A"), write("B", { ...PUSHED, quantity: 1.5 })], []),
      (e) =>
        e instanceof IntegrationError && e.kind === "skippable" && e.subject === "B" &&
        /pushed\.quantity must be an integer/.test(e.message),
    );
    assert.throws(
      () =>
        ledger.recordWrites([{ ...write("C"), variantKey: { ...binding("C").key, colorCode: null! } }], []),
      /Binding "C": key\.colorCode must be a string/,
    );
    assert.throws(() => ledger.recordWrites([write("")], []), /stockCode must be a non-empty string/);
    assert.equal(ledger.bindingCounts().total, 0);
  }));

Deno.test("recordWrites(): pushes stored and clean, failures dirty, a vanished code keeps its key", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("A"), binding("V", { pushed: PUSHED })]);
    ledger.recordWrites(
      [
        {
          stockCode: "A",
          productCode: "KML-1001",
          itemCode: "KML-1001",
          variantKey: binding("A").key,
          pushed: PUSHED,
          productId: 812,
          vanished: false,
        },
        {
          // The sync builds a vanished write from the summary: only the item code of the key is known.
          stockCode: "V",
          productCode: "KML-1001",
          itemCode: "KML-1001",
          variantKey: { ...binding("V").key, colorCode: "", itemDim1Code: "" },
          pushed: { ...PUSHED, quantity: 0 },
          vanished: true,
        },
      ],
      [{ stockCode: "NEW", itemCode: "KML-2002", reason: "HTTP 503" }, {
        stockCode: "A",
        itemCode: "KML-1001",
        reason: "timeout",
      }],
    );
    const a = ledger.getBinding("A")!;
    assert.equal(a.qukasoftProductId, 812);
    assert.equal(a.dirty, true); // the failure came after the success in the same cycle
    assert.equal(a.reason, "timeout");
    const v = ledger.getBinding("V")!;
    assert.equal(v.state, "vanished");
    assert.equal(v.pushed?.quantity, 0);
    assert.deepEqual(v.key, binding("V").key);
    const provisional = ledger.getBinding("NEW")!;
    assert.equal(provisional.dirty, true);
    assert.equal(provisional.key.itemCode, "KML-2002");
    assert.deepEqual(ledger.dirtyItemCodes(), ["KML-1001", "KML-2002"]);
    // A later success clears the dirt and the reason.
    ledger.recordWrites([{
      stockCode: "A",
      productCode: "KML-1001",
      itemCode: "KML-1001",
      variantKey: binding("A").key,
      pushed: PUSHED,
      vanished: false,
    }], []);
    assert.equal(ledger.getBinding("A")!.dirty, false);
    assert.equal(ledger.getBinding("A")!.reason, null);
    assert.equal(ledger.getBinding("A")!.qukasoftProductId, 812);
  }));

Deno.test("markDirty(), setBindingState() and the dirty lists", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([
      binding("A", { pushed: PUSHED }),
      binding("B", { pushed: PUSHED, key: { ...binding("B").key, itemCode: "KML-2" } }),
      binding("C", { pushed: PUSHED }),
    ]);
    assert.deepEqual(ledger.dirtyStockCodes(), []);
    assert.equal(ledger.markDirty(["B", "A", "missing"], "price rule changed"), 2);
    assert.deepEqual(ledger.dirtyStockCodes(), ["A", "B"]);
    assert.deepEqual(ledger.dirtyItemCodes(), ["KML-1001", "KML-2"]);
    assert.equal(ledger.getBinding("A")!.reason, "price rule changed");
    assert.equal(ledger.setBindingState(["C"], "held", "cost is 0"), 1);
    assert.equal(ledger.getBinding("C")!.state, "held");
    assert.equal(ledger.getBinding("C")!.reason, "cost is 0");
    assert.deepEqual(ledger.bindingCounts(), { total: 3, active: 2, vanished: 0, held: 1, dirty: 2 });
    assert.throws(() => ledger.setBindingState(["C"], "gone" as "held"), /must be active, vanished or held/);
  }));

Deno.test("lookups by product and by variant; summaries and hashes for every binding", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([
      binding("B", { pushed: PUSHED }),
      binding("A", { state: "vanished" }),
      binding("X", { productCode: "OTHER" }),
    ]);
    assert.deepEqual(ledger.bindingsByProduct("KML-1001").map((b) => b.stockCode), ["A", "B"]);
    assert.deepEqual(ledger.bindingsByVariant(binding("B").key).map((b) => b.stockCode), ["B"]);
    assert.deepEqual(ledger.bindingsByVariant({ ...binding("B").key, colorCode: "SYH" }), []);
    const summaries = ledger.bindings();
    assert.deepEqual(summaries.get("A"), {
      stockCode: "A",
      productCode: "KML-1001",
      itemCode: "KML-1001",
      pushed: null,
      vanished: true,
      dirty: true, // nothing pushed yet
    });
    assert.deepEqual(summaries.get("B")?.pushed, PUSHED);
    assert.equal(summaries.get("B")?.dirty, false);
    assert.deepEqual([...summaries.keys()].sort(), ["A", "B", "X"]);
  }));

Deno.test("allBindings() streams in stock-code order and can stop early", () =>
  withLedger((ledger) => {
    ledger.upsertBindings(["C", "A", "B"].map((c) => binding(c)));
    const all = ledger.allBindings();
    assert.ok(!Array.isArray(all));
    assert.deepEqual([...all].map((b) => b.stockCode), ["A", "B", "C"]);
    const seen: string[] = [];
    for (const b of ledger.allBindings()) {
      seen.push(b.stockCode);
      // A lookup in the middle of a walk does not disturb it.
      assert.ok(ledger.getBinding("C"));
      if (seen.length === 2) break;
    }
    assert.deepEqual(seen, ["A", "B"]);
  }));

Deno.test("bulk: 100,000 bindings upserted in one call, then loaded as the plan's map", () =>
  withLedger((ledger) => {
    const bs = Array.from(
      { length: 100_000 },
      (_, i) => binding(`S${i}`, { pushed: { ...PUSHED, quantity: i % 50 }, qukasoftProductId: i }),
    );
    let t0 = performance.now();
    ledger.upsertBindings(bs);
    const insertMs = performance.now() - t0;
    t0 = performance.now();
    ledger.upsertBindings(bs.slice(0, 50_000).map((b) => ({ ...b, pushed: { ...PUSHED, quantity: 99 } })));
    const updateMs = performance.now() - t0;
    t0 = performance.now();
    const all = ledger.bindings();
    const mapMs = performance.now() - t0;
    assert.equal(all.size, 100_000);
    assert.deepEqual(all.get("S7")?.pushed, { ...PUSHED, quantity: 99 });
    assert.deepEqual(all.get("S99999")?.pushed, { ...PUSHED, quantity: 99999 % 50 });
    assert.equal(ledger.bindingCounts().total, 100_000);
    console.log(
      `  100,000 inserted in ${insertMs.toFixed(0)} ms; 50,000 updated in ${updateMs.toFixed(0)} ms; ` +
        `map of 100,000 in ${mapMs.toFixed(0)} ms`,
    );
  }));

/** A push record of `code` for item KML-1001, as the sync hands it over. */
const write = pushWrite;

Deno.test("recordWrites(): new and known codes in one batch past 500, a repeat and a changed key", () =>
  withLedger((ledger) => {
    // Known codes on both sides of the 500-code chunk boundary; the rest are new.
    const codes = Array.from({ length: 1200 }, (_, i) => `C${String(i).padStart(4, "0")}`);
    ledger.upsertBindings([binding("C0003", { productCode: "OLD" }), binding("C0900", { reason: "x" })]);
    const createdAt = ledger.getBinding("C0900")!.createdAt;
    ledger.recordWrites([
      ...codes.map((c) => write(c)),
      write("C0001", { productCode: "KML-9", pushed: { ...PUSHED, quantity: 9 }, productId: 7 }),
    ], []);
    assert.equal(ledger.bindingCounts().total, 1200);
    assert.equal(ledger.bindingCounts().dirty, 0);
    assert.equal(ledger.getBinding("C0003")!.productCode, "KML-1001"); // a changed key is written
    const known = ledger.getBinding("C0900")!;
    assert.equal(known.createdAt, createdAt);
    assert.equal(known.reason, null);
    assert.deepEqual(known.pushed, PUSHED);
    const repeated = ledger.getBinding("C0001")!; // the later write of a code in the batch wins
    assert.equal(repeated.productCode, "KML-9");
    assert.equal(repeated.pushed?.quantity, 9);
    assert.equal(repeated.qukasoftProductId, 7);
    assert.deepEqual(ledger.bindingsByProduct("KML-9").map((b) => b.stockCode), ["C0001"]);
    const fresh = ledger.getBinding("C1199")!;
    assert.equal(fresh.state, "active");
    assert.equal(fresh.pushedAt, fresh.createdAt);
    assert.deepEqual(fresh.pushed, PUSHED);
    assert.equal(fresh.qukasoftVariantId, null);
  }));

Deno.test("recordWrites(): inside an outer transaction, its writes (new codes, then known ones) roll back with it", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("K1", { reason: "before" })]);
    assert.throws(() =>
      ledger.transaction(() => {
        ledger.recordWrites([write("N1"), write("N2")], []); // all new: the bulk insert
        ledger.recordWrites([write("N3"), write("K1")], []); // one known: undone, then code by code
        assert.equal(ledger.bindingCounts().total, 4);
        assert.equal(ledger.getBinding("K1")!.reason, null);
        throw new Error("the cycle failed");
      }), /the cycle failed/);
    assert.equal(ledger.bindingCounts().total, 1);
    assert.equal(ledger.getBinding("K1")!.reason, "before");
    ledger.recordWrites([write("N1")], []); // nothing left open: the next write commits on its own
    assert.equal(ledger.bindingCounts().total, 2);
  }));

Deno.test("recordSending(): the codes of a save are kept until the recordWrites of its answer deletes them in its commit", () =>
  withLedger((ledger) => {
    const lost = ledger.recordSending([["L1", "KML-1"], ["L2", "KML-1"]]);
    const answered = ledger.recordSending([["S", "KML-2"]]);
    assert.deepEqual(
      [...ledger.unrecordedSends().codes],
      [["L1", "KML-1"], ["L2", "KML-1"], ["S", "KML-2"]],
    );
    assert.equal(ledger.getBinding("S"), undefined, "no binding until the answer: one row per request");
    assert.throws(() =>
      ledger.transaction(() => {
        ledger.recordWrites([write("S")], [], { id: answered, createsSettled: true });
        throw new Error("the cycle failed");
      })
    );
    assert.equal(ledger.unrecordedSends().ids.length, 2, "rolled back with the writes");
    ledger.recordWrites([write("S")], [], { id: answered, createsSettled: true });
    assert.deepEqual(ledger.unrecordedSends(), {
      ids: [lost],
      codes: new Map([["L1", "KML-1"], ["L2", "KML-1"]]),
    });
    ledger.clearSends([lost]);
    assert.deepEqual(ledger.unrecordedSends(), { ids: [], codes: new Map() });
  }));

Deno.test("clearSends(): a row holding a code still in doubt stays; the others go", () =>
  withLedger((ledger) => {
    const settled = ledger.recordSending([["A", "KML-1"], ["B", "KML-1"]]);
    const doubtful = ledger.recordSending([["C", "KML-2"], ["D", "KML-2"]]);
    ledger.clearSends([settled, doubtful], new Set(["D"]));
    assert.deepEqual(ledger.unrecordedSends(), {
      ids: [doubtful],
      codes: new Map([["C", "KML-2"], ["D", "KML-2"]]),
    });
  }));

Deno.test("recordSending(): the bound codes a push updates are in doubt (dirty) if its answer is never recorded", () =>
  withLedger((ledger) => {
    ledger.recordWrites([write("U1"), write("U2"), write("U3")], []);
    const lost = ledger.recordSending([["C1", "KML-1"]], ["U1"]);
    const onlyUpdates = ledger.recordSending([], ["U2"]);
    const answered = ledger.recordSending([], ["U3"]);
    ledger.recordWrites([write("U3")], [], { id: answered, createsSettled: true });
    assert.deepEqual(ledger.unrecordedSends(), { ids: [lost], codes: new Map([["C1", "KML-1"]]) });
    assert.equal(ledger.dirtyStockCodes().length, 0, "in doubt only once a cycle starts");
    assert.equal(ledger.doubtUnanswered(), 2);
    assert.deepEqual(ledger.dirtyStockCodes(), ["U1", "U2"]);
    assert.match(ledger.getBinding("U1")!.reason!, /answer never recorded/);
    assert.equal(ledger.doubtUnanswered(), 0, "once: the rows keep only their creates");
    assert.deepEqual(ledger.unrecordedSends(), { ids: [lost], codes: new Map([["C1", "KML-1"]]) });
    void onlyUpdates;
  }));

Deno.test("recordWrites(): an answer whose creates are not all settled keeps them for a full cycle, and settles its updates", () =>
  withLedger((ledger) => {
    ledger.recordWrites([write("U1")], []);
    const sent = ledger.recordSending([["C1", "KML-1"]], ["U1"]);
    ledger.recordWrites([write("U1")], [], { id: sent, createsSettled: false });
    assert.equal(ledger.doubtUnanswered(), 0, "the update's answer is recorded");
    assert.equal(ledger.getBinding("U1")!.dirty, false);
    assert.deepEqual(ledger.unrecordedSends().codes, new Map([["C1", "KML-1"]]));
  }));

Deno.test("dropUnsent(): only a binding with no pushed fields that no send row names goes", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("A"), binding("B"), binding("C", { pushed: PUSHED })]);
    ledger.recordSending([["B", "KML-1001"]]); // its create may be in the store
    assert.deepEqual(ledger.dropUnsent(["A", "B", "C", "D"]), ["A"]);
    assert.equal(ledger.getBinding("A"), undefined);
    assert.ok(ledger.getBinding("B"), "named by a send: kept for a full cycle");
    assert.ok(ledger.getBinding("C"), "pushed: kept (zeroed, not forgotten)");
  }));

Deno.test("forgetPushed(): a code the store lost has no pushed fields and is summarised lost until pushed again", () =>
  withLedger((ledger) => {
    ledger.recordWrites([pushWrite("A"), pushWrite("B")], []);
    ledger.markDirty(["A"]);
    ledger.upsertBindings([binding("C")]); // a failed create's: never in the store
    ledger.forgetPushed(["A", "C", "D"]);
    const a = ledger.getBinding("A")!;
    assert.equal(a.pushed, null);
    assert.equal(a.dirty, false, "not a write to retry: a create, once its item is read");
    assert.notEqual(a.pushedAt, null, "the mark of a code the store had");
    const summary = ledger.bindings();
    assert.equal(summary.get("A")?.lost, true);
    assert.equal(summary.get("B")?.lost, undefined, "still in the store");
    assert.equal(summary.get("C")?.lost, undefined, "never pushed: not lost");
    assert.deepEqual(ledger.dropUnsent(["A"]), ["A"], "no longer sold: nothing in the store to zero");
    ledger.forgetPushed(["B"]);
    ledger.recordWrites([pushWrite("B")], []);
    assert.deepEqual(ledger.bindings().get("B"), {
      stockCode: "B",
      productCode: "KML-1001",
      itemCode: "KML-1001",
      pushed: PUSHED,
      vanished: false,
      dirty: false,
    }, "made again: pushed, and no longer lost");
  }));

Deno.test("eachBinding hands every binding once, in the order they were made, page after page", () =>
  withLedger((ledger) => {
    // Codes made out of their sort order, across more than two of its pages (5,000 rows each).
    const codes = Array.from({ length: 12_001 }, (_, i) => `C${(i * 7919) % 12_001}`);
    for (let i = 0; i < codes.length; i += 1000) {
      ledger.upsertBindings(codes.slice(i, i + 1000).map((code) => binding(code, { pushed: PUSHED })));
    }
    const seen: string[] = [];
    ledger.eachBinding((b) => {
      seen.push(b.stockCode);
      assert.deepEqual(b.pushed, PUSHED, b.stockCode);
    });
    assert.deepEqual(seen, codes);
  }));
