/**
 * A variant's changed barcode or colour label goes by product/save and its stock or price by stockPrice: the
 * store may take one and refuse (or lose) the other. What it took is recorded, what it did not is not.
 */
import assert from "node:assert/strict";
import { QUKASOFT_REQUEST_SIZES } from "../../agent/store_writer.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { BindingIndex } from "../../sync/binding_index.ts";
import { planPush } from "../../sync/plan.ts";
import type { StoreWriter, WriteOutcome } from "../../sync/ports.ts";
import { pushPlan } from "../../sync/push_plan.ts";
import { emptyReport } from "../../sync/cycle_report.ts";
import { bound, desired, OPTIONS } from "../support/plan.ts";

type Answer = Omit<WriteOutcome, "stockCode">;

/** A store answering every save variant with `save` and every stockPrice item with `stockPrice`. */
function store(save: Answer, stockPrice: Answer): StoreWriter {
  return {
    requestSizes: QUKASOFT_REQUEST_SIZES,
    saveProducts: (ps) =>
      Promise.resolve(ps.flatMap((p) => p.variants.map((v) => ({ stockCode: v.stockCode, ...save })))),
    updateStockPrice: (items) =>
      Promise.resolve(items.map((i) => ({ stockCode: i.stockCode, ...stockPrice }))),
    listVariants: () => Promise.resolve([]),
  };
}

/** M, pushed with 4 units and barcode "M", now 7 units and a new barcode in Nebim: pushed to `s`. */
async function push(
  s: StoreWriter,
  ledger = openLedger(":memory:"),
  bindings = new BindingIndex([bound("M")]),
) {
  const want = [desired("M", { barcode: "8680000000019", quantity: 7 })];
  const plan = planPush(want, bindings, OPTIONS);
  assert.deepEqual([plan.products.length, plan.stockPrice.length], [1, 1], "a save and a stock update");
  const report = emptyReport("incremental", false, undefined);
  await pushPlan(s, ledger, plan, want, bindings, report);
  return { ledger, bindings, report };
}

const OK: Answer = { status: "ok" };

Deno.test("pushPlan() records the stock update the store took beside a barcode it refused", async () => {
  const { ledger, bindings, report } = await push(
    store({ status: "rejected", message: "duplicate barcode" }, OK),
  );
  try {
    const pushed = { ...bound("M")[1].pushed!, quantity: 7 };
    assert.deepEqual(ledger.getBinding("M")?.pushed, pushed, "the stock the store has, its old barcode");
    assert.deepEqual(bindings.get("M")?.pushed, pushed);
    assert.equal(ledger.getBinding("M")?.dirty, false, "a refusal is not retried as is");
    assert.match(ledger.openProblems().find((p) => p.subject === "M")!.reason, /duplicate barcode/);
    assert.deepEqual([report.updated, report.rejected, report.failed], [1, 1, 0]);
    // Nebim's stock goes back to 4: the store has 7, so it is sent; the barcode is tried again.
    const again = planPush([desired("M", { barcode: "8680000000019" })], bindings, OPTIONS);
    assert.deepEqual(again.stockPrice, [{ stockCode: "M", quantity: 4 }]);
    assert.equal(again.counts.barcode, 1);
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() records the stock update beside a barcode whose outcome is unclear, and leaves the code dirty", async () => {
  const { ledger, report } = await push(
    store({ status: "failed", message: "no result for this variant", unclear: true }, OK),
  );
  try {
    assert.deepEqual(ledger.getBinding("M")?.pushed, { ...bound("M")[1].pushed!, quantity: 7 });
    assert.equal(ledger.getBinding("M")?.dirty, true, "read and sent again next cycle");
    assert.deepEqual([report.updated, report.failed], [1, 1]);
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() records the barcode the store took beside a stock update it refused", async () => {
  const { ledger, report } = await push(store(OK, { status: "rejected", message: "invalid quantity" }));
  try {
    assert.deepEqual(ledger.getBinding("M")?.pushed, { ...bound("M")[1].pushed!, barcode: "8680000000019" });
    assert.match(ledger.openProblems().find((p) => p.subject === "M")!.reason, /invalid quantity/);
    assert.deepEqual([report.updated, report.rejected], [1, 1]);
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() ends the retry a failure left when the store then refuses the code: not sent again each cycle", async () => {
  const lost: Answer = { status: "failed", message: "status 503", unclear: true };
  const { ledger, bindings } = await push(store(lost, lost));
  try {
    assert.deepEqual(ledger.dirtyItemCodes(), ["KML-1"], "re-read by every cycle until written");
    await push(
      store({ status: "rejected", message: "duplicate barcode" }, { status: "rejected", message: "no" }),
      ledger,
      bindings,
    );
    assert.deepEqual(ledger.dirtyItemCodes(), [], "refused: reported, not retried as is");
    assert.deepEqual(ledger.getBinding("M")?.pushed, bound("M")[1].pushed, "as the store still has it");
    assert.match(ledger.openProblems().find((p) => p.subject === "M")!.reason, /duplicate barcode/);
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() counts a code in doubt as unsure when the store refuses either half of its resend: the ledger keeps its copy of that half", async () => {
  const refused: Answer = { status: "rejected", message: "stok kilitli" };
  for (const [save, stockPrice] of [[OK, refused], [refused, OK]] as const) {
    // M's last write (7 units, the new barcode) was sent and its answer lost: in doubt, all sent again.
    const doubt = new BindingIndex([bound("M", { dirty: true })]);
    const { ledger, report } = await push(store(save, stockPrice), undefined, doubt);
    try {
      assert.equal(report.rejected, 1);
      assert.equal(report.unsure, 1, "the store may hold the lost write of the refused half");
    } finally {
      ledger.close();
    }
    const sure = await push(store(save, stockPrice));
    sure.ledger.close();
    assert.equal(sure.report.unsure, 0, "not in doubt: the ledger's copy is the store's");
  }
});

Deno.test("pushPlan() keeps the store's colour label when it refuses the new one beside a stock update it takes, and records one it takes", async () => {
  for (
    const [save, label] of [[{ status: "rejected", message: "variant locked" }, "Beyaz"], [
      OK,
      "Ekru",
    ]] as const
  ) {
    const ledger = openLedger(":memory:");
    const was = bound("M")[1];
    const bindings = new BindingIndex([["M", { ...was, pushed: { ...was.pushed!, label: "Beyaz" } }]]);
    // Nebim now names M's colour "Ekru", and has 7 of it.
    const want = [
      desired("M", { quantity: 7, variantValues: { ...desired("M").variantValues, value1: "Ekru" } }),
    ];
    const plan = planPush(want, bindings, { ...OPTIONS, updateNames: true });
    assert.deepEqual(plan.products[0]?.variants, [{ stockCode: "M", value1: "Ekru" }]);
    try {
      await pushPlan(
        store(save, OK),
        ledger,
        plan,
        want,
        bindings,
        emptyReport("incremental", false, undefined),
      );
      const pushed = { ...was.pushed!, quantity: 7, label };
      assert.deepEqual(
        ledger.getBinding("M")?.pushed,
        pushed,
        `${save.status}: the stock taken, the label ${label}`,
      );
      assert.deepEqual(bindings.get("M")?.pushed, pushed);
    } finally {
      ledger.close();
    }
  }
});
