import assert from "node:assert/strict";
import { ItemProblems } from "../../sync/item_problems.ts";
import type { Problem } from "../../sync/desired.ts";

/** A ledger of open problems: what ItemProblems asks, and what it closes, by "kind subject". */
function ledgerOf(open: { subject: string; kind: string; items?: string[] }[]) {
  const closed: string[] = [];
  const narrowed: string[] = [];
  return {
    closed,
    narrowed,
    openProblems: () => open,
    setProblemItems(subject: string, kind: string, items: readonly string[]) {
      narrowed.push(`${kind} ${subject} ${items.join(",")}`);
    },
    resolveProblems(subjects: readonly string[], kind?: string) {
      for (const s of subjects) closed.push(`${kind} ${s}`);
    },
  };
}

const problem = (subject: string, kind: Problem["kind"]): Problem => ({ subject, kind, reason: "r" });

Deno.test("ItemProblems closes what an item read no longer reports, and nothing of items not read", () => {
  const ledger = ledgerOf([
    { subject: "8690000000010", kind: "stock", items: ["KML-1"] }, // its barcode replaced: not read
    { subject: "8690000000027", kind: "price", items: ["KML-1"] }, // reported again
    { subject: "8690000000034", kind: "name", items: ["KML-1"] }, // read, fixed: the batch closed it already
    { subject: "8690000000041", kind: "vat", items: ["CNT-2"] }, // an item not read
    { subject: "8690000000058", kind: "stock", items: ["KML-1", "CNT-2"] }, // CNT-2 not read: it stays
    { subject: "8690000000065", kind: "duplicate", items: ["KML-1"] }, // duplicates: their own bookkeeping
    { subject: "8690000000072", kind: "store" }, // the store's: no items
    { subject: "8690000000089", kind: "stock" }, // recorded without items (an older agent)
    { subject: "kml-1/bey/m", kind: "stockCode", items: ["kml-1"] }, // its item by Nebim's key
  ]);
  const p = new ItemProblems();
  p.read(new Set(["KML-1"]), ["8690000000027", "8690000000034"], [problem("8690000000027", "price")]);
  p.close(ledger);
  assert.deepEqual(ledger.closed, ["stock 8690000000010", "stockCode kml-1/bey/m"]);
  assert.deepEqual(ledger.narrowed, ["stock 8690000000058 CNT-2"], "only the item not read still makes it");
});

Deno.test("ItemProblems keeps a subject another batch reported, and asks nothing when no item was read", () => {
  const ledger = ledgerOf([{ subject: "8690000000010", kind: "stock", items: ["KML-1"] }]);
  const p = new ItemProblems();
  p.close({ ...ledger, openProblems: () => assert.fail("no item read: nothing to ask") });
  p.read(new Set(["KML-1"]), [], []);
  p.read(new Set(["CNT-2"]), [], [problem("8690000000010", "stock")]); // the barcode moved to CNT-2
  p.close(ledger);
  assert.deepEqual([...ledger.closed, ...ledger.narrowed], []);
});
