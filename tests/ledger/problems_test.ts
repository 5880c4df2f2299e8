import assert from "node:assert/strict";
import { withLedger } from "./temp.ts";

const NO_PRICE = { subject: "8690000000017", kind: "price", reason: "no cost in price list 1" };
const DUPLICATE = {
  subject: "8690000000024",
  kind: "duplicate",
  reason: "used by KML-1/BEY/M and KML-2/SYH/M",
};

Deno.test("reportProblems() opens problems; a repeat keeps the first sighting and refreshes the rest", () =>
  withLedger((ledger) => {
    ledger.reportProblems([NO_PRICE]);
    const [first] = ledger.openProblems();
    assert.equal(first?.subject, NO_PRICE.subject);
    assert.equal(first?.resolvedAt, null);
    ledger.reportProblems([{ ...NO_PRICE, reason: "cost is 0" }]);
    const open = ledger.openProblems();
    assert.equal(open.length, 1);
    assert.equal(open[0]?.firstSeen, first?.firstSeen);
    assert.ok(open[0]!.lastSeen > first!.lastSeen);
    assert.equal(open[0]?.reason, "cost is 0");
  }));

Deno.test("reports of the same problem in one batch become one row with the distinct reasons joined", () =>
  withLedger((ledger) => {
    ledger.reportProblems([
      DUPLICATE,
      { ...DUPLICATE, reason: "used by KML-1/BEY/M and KML-3/LAC/M" },
      DUPLICATE,
    ]);
    assert.deepEqual(ledger.openProblems().map((p) => p.reason), [
      "used by KML-1/BEY/M and KML-2/SYH/M; used by KML-1/BEY/M and KML-3/LAC/M",
    ]);
  }));

Deno.test("a duplicate's items are kept, joined within a batch, replaced by the next report", () =>
  withLedger((ledger) => {
    ledger.reportProblems([
      { ...DUPLICATE, items: ["KML-1", "KML-2"] },
      { ...DUPLICATE, reason: "used by KML-1/BEY/M and KML-3/LAC/M", items: ["KML-1", "KML-3"] },
      NO_PRICE,
    ]);
    const items = (kind: string) => ledger.openProblems({ kind }).map((p) => p.items);
    assert.deepEqual(items("duplicate"), [["KML-1", "KML-2", "KML-3"]]);
    assert.deepEqual(items("price"), [undefined], "none recorded");
    ledger.reportProblems([{ ...DUPLICATE, items: ["KML-1", "KML-2"] }]);
    assert.deepEqual(items("duplicate"), [["KML-1", "KML-2"]]);
  }));

Deno.test("another kind's items gather while it is open; once resolved, the next report's replace them", () =>
  withLedger((ledger) => {
    const items = () => ledger.openProblems({ kind: "price" }).map((p) => p.items);
    ledger.reportProblems([{ ...NO_PRICE, items: ["KML-1"] }]);
    ledger.reportProblems([{ ...NO_PRICE, items: ["KML-2"] }]);
    ledger.reportProblems([{ ...NO_PRICE, items: ["KML-1"] }]);
    assert.deepEqual(items(), [["KML-1", "KML-2"]], "both items that reported it, each once");
    ledger.resolveProblems([NO_PRICE.subject], "price");
    ledger.reportProblems([{ ...NO_PRICE, items: ["KML-2"] }]);
    assert.deepEqual(items(), [["KML-2"]], "reopened: only the item reporting it now");
  }));

Deno.test("resolveProblems() closes a subject's problems (or one kind); a recurrence reopens", () =>
  withLedger((ledger) => {
    ledger.reportProblems([NO_PRICE, { ...NO_PRICE, kind: "name", reason: "no name" }, DUPLICATE]);
    ledger.resolveProblems([NO_PRICE.subject], "name");
    assert.deepEqual(ledger.openProblemCounts(), { duplicate: 1, price: 1 });
    ledger.resolveProblems([NO_PRICE.subject, "unknown"]);
    assert.deepEqual(ledger.openProblems().map((p) => p.subject), [DUPLICATE.subject]);
    const firstSighting = ledger.openProblems()[0]!.firstSeen;
    ledger.resolveProblems([DUPLICATE.subject]);
    assert.deepEqual(ledger.openProblems(), []);
    ledger.reportProblems([DUPLICATE]);
    const [again] = ledger.openProblems();
    assert.equal(again?.resolvedAt, null);
    assert.ok(again!.firstSeen > firstSighting);
  }));

Deno.test("replaceProblems() resolves what is no longer reported for the examined subjects only", () =>
  withLedger((ledger) => {
    ledger.reportProblems([NO_PRICE, { ...NO_PRICE, kind: "name", reason: "no name" }, DUPLICATE]);
    const priceSince = ledger.openProblems({ kind: "price" })[0]!.firstSeen;
    // NO_PRICE's subject was read again: its price problem persists, its name problem is gone.
    // DUPLICATE's subject was not examined, so it stays open.
    ledger.replaceProblems([NO_PRICE.subject], [NO_PRICE, {
      subject: "NEW",
      kind: "store",
      reason: "rejected",
    }]);
    assert.deepEqual(ledger.openProblemCounts(), { duplicate: 1, price: 1, store: 1 });
    assert.equal(ledger.openProblems({ kind: "price" })[0]!.firstSeen, priceSince);
    ledger.replaceProblems([NO_PRICE.subject, DUPLICATE.subject], []);
    assert.deepEqual(ledger.openProblemCounts(), { store: 1 });
  }));

Deno.test("replaceProblems() leaves open, and returns, the problems still to be decided (a refusal of what is sent again)", () =>
  withLedger((ledger) => {
    const refused = (subject: string) => ({ subject, kind: "store", reason: "store rejected it: kilitli" });
    ledger.reportProblems([refused("SENT"), refused("IDLE"), { ...NO_PRICE, subject: "SENT" }]);
    const left = ledger.replaceProblems(["SENT", "IDLE"], [], (s, kind) => s === "SENT" && kind === "store");
    assert.deepEqual(left, [{ subject: "SENT", kind: "store" }]);
    assert.deepEqual(ledger.openProblems().map((p) => [p.subject, p.kind]), [["SENT", "store"]]);
  }));

Deno.test("openProblems() lists the most recently seen first and honours kind and limit", () =>
  withLedger((ledger) => {
    ledger.reportProblems([NO_PRICE]);
    ledger.reportProblems([DUPLICATE]);
    ledger.reportProblems([{ ...NO_PRICE, subject: "X" }]);
    assert.deepEqual(ledger.openProblems().map((p) => p.subject), ["X", DUPLICATE.subject, NO_PRICE.subject]);
    assert.deepEqual(ledger.openProblems({ limit: 1 }).map((p) => p.subject), ["X"]);
    assert.deepEqual(ledger.openProblems({ kind: "price", limit: 5 }).map((p) => p.subject), [
      "X",
      NO_PRICE.subject,
    ]);
  }));

Deno.test("pruneProblems() deletes resolved problems older than the cut-off and keeps open ones", () =>
  withLedger((ledger) => {
    ledger.reportProblems([NO_PRICE, DUPLICATE]);
    ledger.resolveProblems([NO_PRICE.subject]);
    assert.equal(ledger.pruneProblems(new Date(Date.UTC(2020, 0, 1))), 0);
    assert.equal(ledger.pruneProblems(new Date(Date.UTC(2030, 0, 1))), 1);
    assert.deepEqual(ledger.openProblemCounts(), { duplicate: 1 });
    ledger.resolveProblems([DUPLICATE.subject]);
    ledger.reportProblems([DUPLICATE]); // reopened: not pruned however old the cut-off
    assert.equal(ledger.pruneProblems(new Date(Date.UTC(2030, 0, 1))), 0);
  }));

Deno.test("resolving a resolved problem again keeps when it was resolved; pruning takes those resolved strictly before", () => {
  let second = 0;
  const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 0, 0, s));
  return withLedger((ledger) => {
    ledger.reportProblems([NO_PRICE, DUPLICATE]);
    second = 1;
    ledger.resolveProblems([NO_PRICE.subject]);
    second = 2;
    ledger.resolveProblems([DUPLICATE.subject], DUPLICATE.kind);
    second = 3; // nothing open any more: no change
    ledger.resolveProblems([NO_PRICE.subject]);
    ledger.resolveProblems([DUPLICATE.subject], DUPLICATE.kind);
    assert.equal(ledger.pruneProblems(at(1)), 0);
    assert.equal(ledger.pruneProblems(at(2)), 1);
    assert.equal(ledger.pruneProblems(at(3)), 1);
  }, { now: () => at(second) });
});

Deno.test("replaceProblems() over more than 500 subjects resolves open problems in every chunk", () =>
  withLedger((ledger) => {
    const subjects = Array.from({ length: 1200 }, (_, i) => `S${String(i).padStart(4, "0")}`);
    // Nothing open yet: only the reports are written.
    ledger.replaceProblems(subjects, [{ subject: "S0002", kind: "price", reason: "no price" }]);
    ledger.reportProblems(["S0001", "S0700", "S1199", "OTHER"].map((s) => ({ ...NO_PRICE, subject: s })));
    assert.deepEqual(ledger.openProblemCounts(), { price: 5 });
    ledger.replaceProblems([...subjects, "S0700"], [{ ...NO_PRICE, subject: "S0700" }]);
    assert.deepEqual(ledger.openProblems().map((p) => p.subject).sort(), ["OTHER", "S0700"]);
  }));
