/**
 * Bad Nebim rows, end to end: each is reported per record with its reason, nothing wrong reaches the store,
 * and the rest of the catalogue still syncs.
 */
import assert from "node:assert/strict";
import { addItem, addPriceList, type ItemSpec } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const ok = (code: string, barcode: string): ItemSpec => ({
  code,
  name: "Pamuk Çorap",
  cost: 40,
  variants: [{ size: "STD", barcode, stock: 10 }],
});

Deno.test("bad rows are reported one by one, the rest of the catalogue syncs, nothing wrong reaches the store", async () => {
  const items: ItemSpec[] = [
    ok("GOOD-1", "8690000001001"),
    { ...ok("NONAME-1", "8690000001002"), name: null },
    { ...ok("LONG-1", "8690000001003"), name: "Ç".repeat(300) },
    { ...ok("NEG-1", "8690000001004"), variants: [{ size: "STD", barcode: "8690000001004", stock: -3 }] },
    { ...ok("DUP-1", "8690000001005") },
    { ...ok("DUP-2", "8690000001005") },
    { ...ok("FREE-1", "8690000001006"), cost: 0 },
    { ...ok("SPACE-1", "abc 123") },
    { ...ok("LOWER-1", "8690000001abc") },
    { ...ok("VAT-1", "8690000001007"), tax: "%99" },
    ok("GOOD-2", "8690000001008"),
  ];
  const h = await syncHarness(items);
  try {
    const report = await h.sync("full");
    const problems = h.ledger.openProblems({ limit: 100 });
    const reason = (subject: string) =>
      problems.filter((p) => p.subject === subject).map((p) => p.reason).join(" | ");
    assert.match(reason("8690000001002"), /no item description in Nebim for NONAME-1/);
    assert.match(reason("8690000001003"), /300 characters/);
    assert.match(reason("8690000001004"), /negative stock -3/);
    assert.match(reason("8690000001005"), /used by 2 variants/);
    assert.match(reason("8690000001006"), /cost is 0/);
    assert.match(reason("abc 123"), /spaces, lowercase/);
    assert.match(reason("8690000001abc"), /spaces, lowercase/);
    assert.match(reason("8690000001007"), /unknown VAT rate.*tax group "%99"/);
    assert.equal(report.problems, problems.length);

    // Only what is right reached the store.
    assert.ok(h.product("GOOD-1") && h.product("GOOD-2"));
    assert.equal(h.variant("8690000001004")!.variant.quantity, 0, "negative stock pushed as 0");
    for (const code of ["NONAME-1", "LONG-1", "DUP-1", "DUP-2", "FREE-1", "SPACE-1", "LOWER-1", "VAT-1"]) {
      assert.equal(h.product(code), undefined, `${code} must not be created`);
    }

    // Fixing the row in Nebim clears its problem on the next cycle and the product arrives.
    h.data.update("prItemBasePrice", (r) => r.ItemCode === "FREE-1", { Price: 55 });
    await h.sync();
    assert.ok(h.product("FREE-1"));
    assert.equal(
      h.ledger.openProblems({ limit: 100 }).filter((p) => p.subject === "8690000001006").length,
      0,
    );
  } finally {
    await h.close();
  }
});

Deno.test("a price list in another currency holds the price with the reason; stock of a bound variant still flows", async () => {
  const h = await syncHarness([{ ...ok("EUR-1", "8690000002001"), cost: null }], {
    catalog: { priceSource: { kind: "priceList", priceGroupCode: "WEB" } },
  });
  try {
    addPriceList(h.data, "EUR-1", 12.5, { DocCurrencyCode: "EUR" }, { DocCurrencyCode: "EUR" });
    await h.sync("full");
    const [p] = h.ledger.openProblems({ limit: 10 });
    assert.match(p!.reason, /cost is in EUR, not TRY; price held/);
    assert.equal(h.product("EUR-1"), undefined, "no price, no product");
  } finally {
    await h.close();
  }
});

Deno.test("a barcode shared by variants in different item batches of a full cycle is held on both", async () => {
  const fillers = Array.from(
    { length: 510 },
    (_, i) => ok(`M-${String(i).padStart(4, "0")}`, `86911${String(i).padStart(8, "0")}`),
  );
  const h = await syncHarness([ok("AAA-DUP", "8690000003001"), ...fillers, ok("ZZZ-DUP", "8690000003001")]);
  try {
    const report = await h.sync("full");
    assert.ok(report.itemsRead > 500, "the two items sit in different batches");
    assert.equal(h.product("AAA-DUP"), undefined);
    assert.equal(h.product("ZZZ-DUP"), undefined);
    assert.ok(h.product("M-0000"));
    const dup = h.ledger.openProblems({ limit: 10 }).filter((p) => p.subject === "8690000003001");
    assert.equal(dup.length, 1);
    assert.equal(dup[0]!.kind, "duplicate");
  } finally {
    await h.close();
  }
});

Deno.test("a barcode another item took too stays held when an incremental cycle reads only its bound item", async () => {
  const shirt: ItemSpec = {
    code: "AAA-1",
    name: "Gömlek",
    cost: 100,
    variants: [{ size: "M", barcode: "8690000000100", stock: 3 }],
  };
  const h = await syncHarness([shirt]);
  try {
    await h.sync("full");
    addItem(h.data, {
      ...ok("BBB-1", "8690000000100"),
      variants: [{ size: "L", barcode: "8690000000100", stock: 7 }],
    });
    h.clock.advance(120_000); // past the cycles' 60 s overlap, so the next window no longer holds BBB-1
    await h.sync();
    h.clock.advance(120_000);
    // Only AAA-1 changes: the next incremental cycle reads it alone.
    h.data.update("trStock", (r) => r.ItemCode === "AAA-1", { In_Qty1: 9 });
    const r = await h.sync();
    assert.equal(r.itemsRead, 1);
    assert.notEqual(h.variant("8690000000100")!.variant.quantity, 9, "a duplicate code is not pushed");
    assert.deepEqual(
      h.ledger.openProblems().filter((p) => p.kind === "duplicate").map((p) => p.subject),
      ["8690000000100"],
      "still reported",
    );
  } finally {
    await h.close();
  }
});

Deno.test("a price past what kuruş can hold exactly holds that variant's price, not the catalogue; a bound one keeps its stock flowing", async () => {
  // decimal(19,4) holds up to 10^15 TL; from about 9·10^13 TL (a 14-digit number typed into the price) the
  // kuruş are past 2^53. The reader used to throw for the whole batch, which failed every cycle.
  const huge = 100_000_000_000_000;
  const h = await syncHarness([ok("GOOD-1", "8690000004001"), ok("HUGE-1", "8690000004002")]);
  try {
    await h.sync("full");
    h.data.update("prItemBasePrice", (r) => r.ItemCode === "HUGE-1", { Price: huge });
    h.data.update("trStock", (r) => r.ItemCode === "HUGE-1", { In_Qty1: 4 });
    h.data.update("trStock", (r) => r.ItemCode === "GOOD-1", { In_Qty1: 6 });
    h.clock.advance(1000);
    const report = await h.sync();
    const [p] = h.ledger.openProblems({ limit: 10 }).filter((p) => p.subject === "8690000004002");
    assert.match(p!.reason, /Nebim price of item HUGE-1 is out of range: 100000000000000; price held/);
    assert.equal(report.problems, 1);
    const held = h.variant("8690000004002")!.variant;
    assert.equal(held.quantity, 4, "its stock still flows");
    assert.equal(held.price, h.variant("8690000004001")!.variant.price, "its price stays as it was");
    assert.equal(h.variant("8690000004001")!.variant.quantity, 6, "the others sync");
  } finally {
    await h.close();
  }
});
