/**
 * A write the store refuses every time (a rule of its own the agent does not check), of a code an earlier
 * failed request left dirty, end to end: reported, and not sent again each cycle (DESIGN §4.6), until its row
 * changes in Nebim or a full cycle comes.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { addStock, variantKey } from "../support/catalog.ts";
import { CANTA, GOMLEK } from "../support/items.ts";
import { STORE_TRIES, type SyncHarness, syncHarness } from "../support/sync_harness.ts";

/** How many requests to `path` so far carried `stockCode`. */
function carrying(h: SyncHarness, path: string, stockCode: string): number {
  return h.sims.qukasoft.log.entries(path).filter((e) => JSON.stringify(e.input).includes(`"${stockCode}"`))
    .length;
}

/** The open problem of `subject`, which must be there. */
function problemOf(h: SyncHarness, subject: string): string {
  const p = h.ledger.openProblems({ kind: "store" }).find((x) => x.subject === subject);
  assert.ok(p, `a problem for ${subject}`);
  return p.reason;
}

const fatal = (e: unknown) => e instanceof IntegrationError && e.kind === "fatal";

/** Three incremental cycles, each past the window's 60 s overlap: they read only what changed or is dirty. */
async function threeCycles(h: SyncHarness): Promise<void> {
  for (let i = 0; i < 3; i++) {
    h.clock.advance(120_000);
    await h.sync();
  }
}

Deno.test("a create the store refuses, of a code it lost and a failed request left dirty: reported once, not sent again each cycle", async () => {
  const h = await syncHarness([GOMLEK, CANTA]);
  const code = "8690000000031"; // CNT-2002's only variant
  try {
    await h.sync("full");
    h.clock.advance(120_000); // the items' first rows, past every later window's overlap
    h.sims.qukasoft.state.deleteProduct("CNT-2002"); // in the panel: the full cycle creates it again
    h.sims.qukasoft.faults.once("error", { match: "/product/save", carrying: `"${code}"` });
    await assert.rejects(h.sync("full"), fatal);
    assert.deepEqual(h.ledger.dirtyStockCodes(), [code], "left to push again");
    assert.equal(h.ledger.getBinding(code)?.pushed, null, "the ledger knows the store lost it");
    assert.equal(h.ledger.bindings().get(code)?.lost, true, "its product made again comes back passive");

    h.sims.qukasoft.state.refuse(code, "kategori eşleşmesi yok");
    const before = carrying(h, "/product/save", code);
    const full = await h.sync("full");
    assert.equal(full.rejected, 1);
    // Not "ok": /health's lastRuns tells a cycle the store took whole from one it refused part of.
    assert.equal(h.ledger.lastRuns(1)[0]?.outcome, "partial");
    await threeCycles(h);
    assert.equal(carrying(h, "/product/save", code) - before, 1, "sent once, not once a cycle");
    assert.deepEqual(h.ledger.dirtyStockCodes(), [], "the refusal ends the failure's retry");
    assert.match(problemOf(h, code), /store rejected it/);
    assert.equal(h.ledger.bindings().get(code)?.lost, true, "still lost: the refusal keeps the row");

    // Nebim changes the item: the create goes out again, and the store takes it now.
    h.sims.qukasoft.state.refuse(code, undefined);
    addStock(h.data, variantKey("CNT-2002"), 2);
    const r = await h.sync();
    assert.equal(r.created, 1);
    assert.equal(h.variant(code)?.variant.quantity, 3);
  } finally {
    await h.close();
  }
});

Deno.test("a vanished code's zero the store refuses, after a failed request left it dirty: reported once, not sent again each cycle", async () => {
  const h = await syncHarness([GOMLEK, CANTA]);
  const code = "8690000000024"; // KML-1001 in L
  try {
    await h.sync("full");
    h.clock.advance(120_000); // the items' first rows, past every later window's overlap
    h.data.update("prItemVariant", (r) => r.ItemCode === "KML-1001" && r.ItemDim1Code === "L", {
      IsBlocked: true,
    });
    h.sims.qukasoft.faults.once("error", { match: "/product/stockPrice", carrying: `"${code}"` });
    await assert.rejects(h.sync(), fatal);
    assert.deepEqual(h.ledger.dirtyStockCodes(), [code], "left to zero again");

    h.sims.qukasoft.state.refuse(code, "stok kilitli");
    const before = carrying(h, "/product/stockPrice", code);
    await threeCycles(h);
    // Refused while in doubt (dirty), the ledger may have it wrong: the full cycle this owes (the agent's
    // actor asks for it, the ledger keeps it owed) sends it once more, then no cycle does.
    assert.equal(carrying(h, "/product/stockPrice", code) - before, 2, "not once a cycle");
    assert.deepEqual(h.ledger.dirtyStockCodes(), [], "the refusal ends the failure's retry");
    assert.match(problemOf(h, code), /store rejected it: stok kilitli/);
    assert.equal(h.variant(code)?.variant.quantity, 3, "the store kept its stock");

    // Nebim changes the item: its blocked code is zeroed again, and the store takes it now.
    h.sims.qukasoft.state.refuse(code, undefined);
    addStock(h.data, variantKey("KML-1001", { color: "BEY", size: "M" }), 1);
    const r = await h.sync();
    assert.equal(r.zeroed, 1);
    assert.equal(h.variant(code)?.variant.quantity, 0);
  } finally {
    await h.close();
  }
});

Deno.test("a resend of a code in doubt the store refuses: the cycle says the ledger is unsure of it, and the full cycle that follows sets it right", async () => {
  const h = await syncHarness([GOMLEK, CANTA]);
  const code = "8690000000031"; // CNT-2002's only variant, 1 in stock
  const stock = () => h.variant(code)!.variant.quantity;
  try {
    await h.sync("full");
    h.data.update("trStock", (r) => r.ItemCode === "CNT-2002", { In_Qty1: 5 });
    h.sims.qukasoft.faults.once("gatewayTimeout", { match: "/product/stockPrice", times: STORE_TRIES });
    await assert.rejects(h.sync());
    assert.equal(stock(), 5, "the store applied it; the agent recorded no answer");

    h.sims.qukasoft.state.refuse(code, "stok kilitli"); // the merchant locks it in the panel meanwhile
    const r = await h.sync();
    assert.equal(r.rejected, 1);
    assert.equal(r.unsure, 1, "the refusal leaves the ledger's copy in doubt: a full cycle is asked for");
    assert.equal(h.ledger.getBinding(code)!.pushed!.quantity, 1, "recorded as the ledger had it");
    assert.deepEqual(h.ledger.dirtyStockCodes(), [], "not sent again each cycle");

    // The full cycle the productSync actor runs next learns the store's 5; not one of its own refusals.
    const full = await h.sync("full");
    assert.equal(full.unsure, 0);
    assert.equal(h.ledger.getBinding(code)!.pushed!.quantity, 5);
    // The lock lifted and Nebim back at 1: sent, where the ledger's old copy (1) would have sent nothing.
    h.sims.qukasoft.state.refuse(code, undefined);
    h.data.update("trStock", (r) => r.ItemCode === "CNT-2002", { In_Qty1: 1 });
    await h.sync();
    assert.equal(stock(), 1);
  } finally {
    await h.close();
  }
});

/** One stock code per request: one request can fail while the store answers the others. */
const ONE_PER_REQUEST = { chunkSizes: { saveProducts: 100, stockPriceItems: 1 } };
const CNT = "8690000000031"; // CNT-2002's only variant, 1 in stock

function cantaStock(h: SyncHarness, quantity: number): void {
  h.data.update("trStock", (r) => r.ItemCode === "CNT-2002", { In_Qty1: quantity });
}

/** An incremental cycle that also sends KML-1001 in M, whose request fails past its retries: the cycle fails. */
async function failingCycle(h: SyncHarness): Promise<void> {
  addStock(h.data, variantKey("KML-1001", { color: "BEY", size: "M" }), 1);
  h.sims.qukasoft.faults.once("gatewayTimeout", {
    match: "/product/stockPrice",
    carrying: `"8690000000017"`,
    times: STORE_TRIES,
  });
  await assert.rejects(h.sync());
}

/** The retry the productSync actor runs after a failed incremental cycle: asked incremental, it must run full. */
async function retryRunsFull(h: SyncHarness, why: string): Promise<void> {
  const r = await h.sync();
  assert.equal(r.mode, "full", why);
}

Deno.test("a refused resend of a code in doubt, in an incremental cycle that then fails: the retry runs full, and the store is set right", async () => {
  const h = await syncHarness([GOMLEK, CANTA], {}, ONE_PER_REQUEST);
  const stock = () => h.variant(CNT)!.variant.quantity;
  try {
    await h.sync("full");
    cantaStock(h, 5);
    h.sims.qukasoft.faults.once("gatewayTimeout", { match: "/product/stockPrice", times: STORE_TRIES });
    await assert.rejects(h.sync());
    assert.equal(stock(), 5, "the store applied it; the agent recorded no answer");

    h.sims.qukasoft.state.refuse(CNT, "stok kilitli"); // the resend refused, then another request fails
    await failingCycle(h);
    assert.match(problemOf(h, CNT), /stok kilitli/, "the refusal was recorded before the cycle failed");
    assert.ok(!h.ledger.dirtyStockCodes().includes(CNT), "not sent again each cycle");

    // The lock lifted and Nebim back at the ledger's 1: an incremental retry would send nothing.
    h.sims.qukasoft.state.refuse(CNT, undefined);
    cantaStock(h, 1);
    await retryRunsFull(h, "the full cycle the refusal asked for is owed through the failure");
    assert.equal(stock(), 1);
  } finally {
    await h.close();
  }
});

Deno.test("a stock code the store lost, met in an incremental cycle that then fails: the retry runs full and creates it again", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], {}, ONE_PER_REQUEST);
  await h.sync("full");
  h.sims.qukasoft.state.deleteVariant(CNT); // in the panel
  cantaStock(h, 5);
  await failingCycle(h);
  assert.match(problemOf(h, CNT), /no longer has this stock code/, "met before the cycle failed");

  cantaStock(h, 1); // Nebim back at the ledger's 1: an incremental retry would send nothing
  await retryRunsFull(h, "the full cycle the missing code asked for is owed through the failure");
  assert.equal(h.variant(CNT)?.variant.quantity, 1);
});
