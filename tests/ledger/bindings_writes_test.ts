/**
 * Writes of bindings the other tests leave unobserved: a new code's product id on the bulk insert, the
 * variant id an upsert keeps, a code whose key changes and changes back in one batch, a failed code that
 * moved to another item, and the store's refusals.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { binding, PUSHED, pushWrite, withLedger } from "./temp.ts";

const write = pushWrite;

Deno.test("recordWrites(): a new code's product id is stored by the bulk insert", () =>
  withLedger((ledger) => {
    ledger.recordWrites([write("N1", { productId: 812 }), write("N2")], []);
    assert.equal(ledger.getBinding("N1")!.qukasoftProductId, 812);
    assert.equal(ledger.getBinding("N2")!.qukasoftProductId, null);
  }));

Deno.test("upsertBindings(): the Qukasoft variant id is set when given and kept when left out", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("A", { qukasoftVariantId: 5 })]);
    ledger.upsertBindings([binding("A", { qukasoftVariantId: 6 })]);
    assert.equal(ledger.getBinding("A")!.qukasoftVariantId, 6);
    ledger.upsertBindings([binding("A", { reason: "x" })]);
    assert.equal(ledger.getBinding("A")!.qukasoftVariantId, 6);
  }));

Deno.test("recordWrites(): a known code whose key changes and changes back in one batch ends with the last key", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("K")]);
    const moved = { ...binding("K").key, itemCode: "KML-2002" };
    ledger.recordWrites([
      write("K", { itemCode: "KML-2002", variantKey: moved }),
      write("K", { pushed: { ...PUSHED, quantity: 1 } }),
    ], []);
    const k = ledger.getBinding("K")!;
    assert.deepEqual(k.key, binding("K").key);
    assert.equal(k.pushed?.quantity, 1);
  }));

Deno.test("recordWrites(): a failed known code read under another variant follows it; one not read keeps its key", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("M", { pushed: PUSHED }), binding("S", { pushed: PUSHED })]);
    const there = { ...binding("M").key, itemCode: "KML-2002", colorCode: "SYH", itemDim1Code: "L" };
    ledger.recordWrites([], [
      { stockCode: "M", itemCode: "KML-2002", reason: "HTTP 503", variantKey: there },
      { stockCode: "S", itemCode: "KML-2002", reason: "HTTP 503" },
    ]);
    const m = ledger.getBinding("M")!;
    assert.deepEqual([m.key, m.dirty, m.reason], [there, true, "HTTP 503"]);
    assert.deepEqual(ledger.getBinding("S")!.key, binding("S").key);
    assert.deepEqual(ledger.dirtyItemCodes(), ["KML-1001", "KML-2002"]);
  }));

Deno.test("recordWrites(): a refused create's provisional row goes; a pushed code refused stays as it was, its retry ended", () =>
  withLedger((ledger) => {
    // Left by an earlier failed create (provisional) and by a failed write of a pushed code.
    ledger.recordWrites([write("P")], [
      { stockCode: "NEW", itemCode: "KML-1001", reason: "HTTP 503" },
      { stockCode: "P", itemCode: "KML-1001", reason: "HTTP 503" },
      { stockCode: "BOTH", itemCode: "KML-1001", reason: "HTTP 503" },
    ]);
    ledger.recordWrites([], [{ stockCode: "BOTH", itemCode: "KML-1001", reason: "timeout" }], undefined, [
      "NEW",
      "P",
      "BOTH",
    ]);
    assert.equal(ledger.getBinding("NEW"), undefined);
    const p = ledger.getBinding("P")!;
    assert.deepEqual([p.pushed, p.dirty, p.reason], [PUSHED, false, null]);
    // Refused and failed in the same answer: it stays to retry.
    assert.deepEqual([ledger.getBinding("BOTH")?.dirty, ledger.getBinding("BOTH")?.reason], [
      true,
      "timeout",
    ]);
    assert.deepEqual(ledger.dirtyStockCodes(), ["BOTH"]);
  }));

Deno.test("markDirty() without a reason keeps the one there; the dirty item codes are listed once each", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("A", { pushed: PUSHED }), binding("B", { pushed: PUSHED })]);
    ledger.markDirty(["A"], "price rule changed");
    assert.equal(ledger.markDirty(["A", "B"]), 2);
    assert.equal(ledger.getBinding("A")!.reason, "price rule changed");
    assert.deepEqual(ledger.dirtyItemCodes(), ["KML-1001"]);
  }));

Deno.test("allBindings() walks past its first page of 1,000", () =>
  withLedger((ledger) => {
    const codes = Array.from({ length: 2_001 }, (_, i) => `C${String(i).padStart(4, "0")}`);
    ledger.upsertBindings(codes.map((c) => binding(c)));
    assert.deepEqual([...ledger.allBindings()].map((b) => b.stockCode), codes);
  }));

Deno.test("upsertBindings(): a known code's whole key is rewritten, every column of it", () =>
  withLedger((ledger) => {
    ledger.upsertBindings([binding("A")]);
    const key = {
      itemTypeCode: 2,
      itemCode: "KML-2002",
      colorCode: "SYH",
      itemDim1Code: "L",
      itemDim2Code: "32",
      itemDim3Code: "K",
    };
    ledger.upsertBindings([binding("A", { key, productCode: "KML-2002" })]);
    const a = ledger.getBinding("A")!;
    assert.deepEqual([a.key, a.productCode], [key, "KML-2002"]);
  }));

// A write SQLite fails part-way through a batch (a full disk, an I/O error), stood in for by a trigger.
function failingAt(path: string, code: string): void {
  const db = new DatabaseSync(path);
  db.exec(
    `CREATE TRIGGER fail_${code} BEFORE INSERT ON bindings WHEN NEW.stock_code = '${code}' ` +
      "BEGIN SELECT RAISE(ABORT, 'stand-in for a full disk'); END",
  );
  db.close();
}

Deno.test("upsertBindings() and recordWrites() write a batch all or nothing when SQLite fails part-way", () =>
  withLedger((ledger, path) => {
    failingAt(path, "BAD");
    assert.throws(() => ledger.upsertBindings([binding("A"), binding("B"), binding("BAD")]), /stand-in/);
    assert.throws(
      () =>
        ledger.recordWrites([pushWrite("C"), pushWrite("D")], [{
          stockCode: "BAD",
          itemCode: "I",
          reason: "x",
        }]),
      /stand-in/,
    );
    assert.equal(ledger.bindingCounts().total, 0);
  }));

Deno.test("recordWrites(): a failed record with no stock code is a problem naming its item; the rest of the answer is recorded", () =>
  withLedger((ledger) => {
    const sent = ledger.recordSending([["C", "KML-1001"]]);
    ledger.recordWrites([write("C")], [
      { stockCode: "", itemCode: "KML-2002", reason: "HTTP 503" },
      { stockCode: "D", itemCode: "KML-1001", reason: "HTTP 503" },
    ], { id: sent, createsSettled: true });
    assert.deepEqual(ledger.getBinding("C")?.pushed, PUSHED, "the store took it: recorded");
    assert.equal(ledger.getBinding("D")?.dirty, true, "the good failure stays to send again");
    assert.deepEqual(ledger.unrecordedSends().ids, [], "the send is settled");
    const [p, ...more] = ledger.openProblems();
    assert.deepEqual([p?.subject, p?.kind, more], ["KML-2002", "stockCode", []]);
    assert.match(p!.reason, /HTTP 503.*stockCode must be a non-empty string/);
  }));
