import assert from "node:assert/strict";
import { QUKASOFT_REQUEST_SIZES } from "../../agent/store_writer.ts";
import { IntegrationError, PartialFailure } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { BindingIndex } from "../../sync/binding_index.ts";
import { planPush } from "../../sync/plan.ts";
import { productOutcomeKey, type StoreWriter, type WriteOutcome } from "../../sync/ports.ts";
import { type PushLedger, pushPlan } from "../../sync/push_plan.ts";
import { emptyReport, type PushTally } from "../../sync/cycle_report.ts";
import { bound, desired, OPTIONS } from "../support/plan.ts";

/** A store answering each stock code with the outcome `answer` gives (undefined: no result at all). */
function store(answer: (code: string) => Omit<WriteOutcome, "stockCode"> | undefined): StoreWriter {
  const out = (codes: string[]) =>
    Promise.resolve(codes.flatMap((stockCode) => {
      const a = answer(stockCode);
      return a ? [{ stockCode, ...a }] : [];
    }));
  return {
    requestSizes: QUKASOFT_REQUEST_SIZES,
    saveProducts: (ps) => out(ps.flatMap((p) => p.variants.map((v) => v.stockCode))),
    updateStockPrice: (items) => out(items.map((i) => i.stockCode)),
    listVariants: () => Promise.resolve([]),
  };
}

const tally = (): PushTally => emptyReport("incremental", false, undefined);

/** Plans creating `codes` (none bound yet) and pushes them to a store answering with `answer`. */
async function pushCreates(
  ledger: ReturnType<typeof openLedger>,
  codes: string[],
  answer: (code: string) => Omit<WriteOutcome, "stockCode"> | undefined,
) {
  const want = codes.map((c) => desired(c));
  const bindings = new BindingIndex();
  const report = tally();
  await pushPlan(
    store(answer),
    ledger,
    planPush(want, bindings, OPTIONS),
    want,
    bindings,
    report,
  );
  return { report, bindings };
}

Deno.test("pushPlan() records what the store took, leaves a failed code dirty and reports a rejected one", async () => {
  const ledger = openLedger(":memory:");
  try {
    const { report, bindings } = await pushCreates(
      ledger,
      ["OK", "FAIL", "NO"],
      (c) =>
        c === "OK"
          ? { status: "ok", productId: 41 }
          : c === "FAIL"
          ? { status: "failed", message: "timeout" }
          : { status: "rejected", message: "bad barcode" },
    );
    const { requests, created, updated, zeroed, failed, rejected, missing } = report;
    assert.deepEqual(
      { requests, created, updated, zeroed, failed, rejected, missing },
      { requests: 1, created: 1, updated: 0, zeroed: 0, failed: 1, rejected: 1, missing: 0 },
    );
    assert.deepEqual(ledger.getBinding("OK")?.pushed, {
      quantity: 4,
      price: 89990,
      marketplacePrice: 94990,
      name: "Keten Gömlek",
      vatRate: 10,
      barcode: "OK",
      label: "Beyaz",
    });
    assert.equal(ledger.getBinding("OK")?.qukasoftProductId, 41);
    assert.equal(bindings.get("OK")?.pushed?.quantity, 4, "the in-memory bindings follow");
    assert.equal(ledger.getBinding("FAIL")?.dirty, true);
    // Answered (ok, failed or refused): the ledger's record of the send went with the answer's commit.
    assert.deepEqual(ledger.unrecordedSends(), { ids: [], codes: new Map() });
    assert.deepEqual(ledger.dirtyItemCodes(), ["KML-1"]);
    assert.equal(ledger.getBinding("NO"), undefined, "a refused create leaves no record (not even 'sent')");
    assert.match(
      ledger.openProblems().find((p) => p.subject === "NO")!.reason,
      /store rejected it: bad barcode/,
    );
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() fails the cycle, fatally and naming the code, when the store answers nothing for it", async () => {
  const ledger = openLedger(":memory:");
  try {
    const want = [desired("LOST")];
    const bindings = new BindingIndex();
    const plan = planPush(want, bindings, OPTIONS);
    await assert.rejects(
      pushPlan(store(() => undefined), ledger, plan, want, bindings, tally()),
      (e) => e instanceof IntegrationError && e.kind === "fatal" && e.message.includes('"LOST"'),
    );
    // Sent, its outcome unknown: known to the ledger as sent (recordSending), not bound.
    assert.deepEqual(ledger.unrecordedSends().codes, new Map([["LOST", "KML-1"]]));
    assert.equal(ledger.getBinding("LOST"), undefined);
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() keeps the send's ledger row when a create's outcome is unclear: the store may have applied it", async () => {
  const ledger = openLedger(":memory:");
  try {
    const { report } = await pushCreates(
      ledger,
      ["OK", "MAYBE"],
      (c) =>
        c === "OK"
          ? { status: "ok" }
          : { status: "failed", message: "no result from the store", unclear: true },
    );
    assert.equal(report.failed, 1);
    assert.equal(ledger.getBinding("MAYBE")?.dirty, true, "tried again by the next cycle");
    assert.deepEqual(ledger.unrecordedSends().codes, new Map([["OK", "KML-1"], ["MAYBE", "KML-1"]]));
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() ends the retry of a create that failed once the store refuses it: not sent again each cycle", async () => {
  const ledger = openLedger(":memory:");
  try {
    await pushCreates(ledger, ["NO"], () => ({ status: "failed", message: "status 503", unclear: true }));
    assert.deepEqual(ledger.dirtyItemCodes(), ["KML-1"], "read again by every cycle until answered");
    const { report } = await pushCreates(
      ledger,
      ["NO"],
      () => ({ status: "rejected", message: "bad category" }),
    );
    assert.equal(report.rejected, 1);
    assert.deepEqual(ledger.dirtyItemCodes(), [], "refused: reported, not sent again each cycle");
    assert.equal(ledger.getBinding("NO"), undefined, "a refused create leaves no record");
    assert.match(ledger.openProblems().find((p) => p.subject === "NO")!.reason, /bad category/);
  } finally {
    ledger.close();
  }
});

/**
 * A store that refuses every rename or VAT change (a product save without variants) and takes every stock
 * update.
 */
const refusesRenames: StoreWriter = {
  requestSizes: QUKASOFT_REQUEST_SIZES,
  saveProducts: (ps) =>
    Promise.resolve(ps.map((p) => ({
      stockCode: productOutcomeKey(p.productCode),
      status: "rejected" as const,
      message: "name refused",
    }))),
  updateStockPrice: (items) =>
    Promise.resolve(items.map((i) => ({ stockCode: i.stockCode, status: "ok" as const }))),
  listVariants: () => Promise.resolve([]),
};

Deno.test("pushPlan() keeps the old name when the store refuses a rename but takes the stock update beside it", async () => {
  const ledger = openLedger(":memory:");
  try {
    const [code, b] = bound("M");
    const bindings = new BindingIndex([[code, b]]);
    const want = [desired("M", { name: "Yeni Ad", quantity: 7 })];
    const plan = planPush(want, bindings, { ...OPTIONS, updateNames: true });
    await pushPlan(refusesRenames, ledger, plan, want, bindings, tally());
    assert.deepEqual(
      ledger.getBinding("M")?.pushed,
      { ...b.pushed!, quantity: 7 },
      "the store kept its name",
    );
    assert.equal(bindings.get("M")?.pushed?.name, "Keten Gömlek");
    assert.match(ledger.openProblems().find((p) => p.subject === "product:KML-1")!.reason, /name refused/);
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() keeps the old VAT rate when the store refuses it but takes the stock update beside it", async () => {
  const ledger = openLedger(":memory:");
  try {
    const [code, b] = bound("M");
    const bindings = new BindingIndex([[code, b]]);
    const want = [desired("M", { vatRate: 20, quantity: 7 })];
    const plan = planPush(want, bindings, OPTIONS);
    await pushPlan(refusesRenames, ledger, plan, want, bindings, tally());
    assert.deepEqual(
      ledger.getBinding("M")?.pushed,
      { ...b.pushed!, quantity: 7 },
      "the store kept its rate",
    );
    assert.equal(bindings.get("M")?.pushed?.vatRate, 10);
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() reports a refused rename once, under its product", async () => {
  const ledger = openLedger(":memory:");
  try {
    const bindings = new BindingIndex([bound("M"), bound("L")]);
    const want = [desired("M", { name: "Yeni Ad" }), desired("L", { name: "Yeni Ad" })];
    const plan = planPush(want, bindings, { ...OPTIONS, updateNames: true });
    const report = tally();
    await pushPlan(refusesRenames, ledger, plan, want, bindings, report);
    assert.deepEqual(
      ledger.openProblems().map((p) => [p.subject, p.kind]),
      [["product:KML-1", "store"]],
    );
    assert.equal(bindings.get("M")?.pushed?.name, "Keten Gömlek", "not recorded as pushed");
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() records a partly failed save, sends nothing after it, and fails with its error", async () => {
  const ledger = openLedger(":memory:");
  try {
    const bindings = new BindingIndex([bound("M")]);
    const want = [desired("M", { name: "Yeni Ad", quantity: 7 }), desired("NEW", { productCode: "KML-2" })];
    const plan = planPush(want, bindings, { ...OPTIONS, updateNames: true });
    const failure = new IntegrationError("retriable", "status 503", { system: "qukasoft" });
    let stockPriceCalls = 0;
    const failsTheRename: StoreWriter = {
      // The create's request answered; the rename's failed past its retries.
      requestSizes: QUKASOFT_REQUEST_SIZES,
      saveProducts: () =>
        Promise.reject(
          new PartialFailure(failure, [
            { stockCode: "NEW", status: "ok" as const, productId: 9 },
            {
              stockCode: productOutcomeKey("KML-1"),
              status: "failed" as const,
              message: "503",
              unclear: true,
            },
          ]),
        ),
      updateStockPrice: () => (stockPriceCalls++, Promise.resolve([])),
      listVariants: () => Promise.resolve([]),
    };
    const report = tally();
    await assert.rejects(
      pushPlan(failsTheRename, ledger, plan, want, bindings, report),
      (e) => e instanceof IntegrationError && e.kind === "retriable" && e.message === "status 503",
    );
    assert.equal(ledger.getBinding("NEW")?.pushed?.quantity, 4, "the answered create is recorded");
    assert.equal(ledger.getBinding("NEW")?.qukasoftProductId, 9);
    assert.equal(stockPriceCalls, 0, "nothing sent after the failed request");
    assert.deepEqual(bindings.get("M")?.pushed, bound("M")[1].pushed, "neither name nor stock taken");
    assert.equal(ledger.getBinding("M")?.dirty, true, "left to push again");
    assert.deepEqual([report.created, report.failed], [1, 1]);
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() counts the requests a failed call sent, not those it never started", async () => {
  const ledger = openLedger(":memory:");
  try {
    // 150 new products: two product/save requests planned, and a stock update beside a bound code.
    const want = Array.from({ length: 150 }, (_, i) => desired(`N${i}`, { productCode: `P${i}` }));
    want.push(desired("M", { quantity: 7 }));
    const bindings = new BindingIndex([bound("M")]);
    const plan = planPush(want, bindings, OPTIONS);
    const failure = new IntegrationError("fatal", "status 400", { system: "qukasoft" });
    const lost = { status: "failed" as const, message: "status 400", unclear: true as const };
    const firstFails: StoreWriter = {
      requestSizes: QUKASOFT_REQUEST_SIZES,
      saveProducts: (ps) =>
        Promise.reject(
          new PartialFailure(failure, ps.map((p) => ({ stockCode: p.variants[0]!.stockCode, ...lost })), 1),
        ),
      updateStockPrice: () => Promise.reject(new Error("not sent after a failed request")),
      listVariants: () => Promise.resolve([]),
    };
    const report = tally();
    await assert.rejects(pushPlan(firstFails, ledger, plan, want, bindings, report), PartialFailure);
    assert.equal(
      report.requests,
      1,
      "the failed request only: the second save and the stock update never went",
    );
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() records the bound codes it updates before sending, and a failed one is in doubt in memory as in the ledger", async () => {
  const ledger = openLedger(":memory:");
  try {
    const { bindings } = await pushCreates(ledger, ["A", "B"], () => ({ status: "ok" }));
    const want = [desired("A", { quantity: 9 }), desired("B", { quantity: 8 })];
    let inDoubt: number | undefined;
    const failing: StoreWriter = {
      ...store(() => undefined),
      updateStockPrice: (items) => {
        // What a restart would find had the agent died here: both codes in doubt (dirty), their row settled.
        inDoubt = ledger.doubtUnanswered();
        return Promise.resolve(items.map((i) => ({
          stockCode: i.stockCode,
          status: i.stockCode === "A" ? "ok" as const : "failed" as const,
          message: "timeout",
        })));
      },
    };
    await pushPlan(failing, ledger, planPush(want, bindings, OPTIONS), want, bindings, tally());
    assert.equal(inDoubt, 2);
    assert.equal(ledger.getBinding("A")!.dirty, false, "its answer recorded: no longer in doubt");
    assert.equal(bindings.get("A")!.dirty, undefined);
    assert.equal(bindings.get("A")!.pushed!.quantity, 9);
    assert.equal(ledger.getBinding("B")!.dirty, true, "failed: its write may have reached the store");
    assert.equal(bindings.get("B")!.dirty, true, "the next plan, from memory, sends it again in full");
    assert.equal(ledger.doubtUnanswered(), 0, "nothing left unanswered");
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() keeps a code it creates again (the store lost it) in doubt too, the ledger holding its fields from before", async () => {
  const ledger = openLedger(":memory:");
  try {
    const { bindings } = await pushCreates(ledger, ["A"], () => ({ status: "ok" }));
    // A full cycle's overlay found A gone from the store: created again, with Nebim's fields now.
    bindings.set("A", { ...bindings.get("A")!, pushed: null });
    const want = [desired("A", { quantity: 9 })];
    const plan = planPush(want, bindings, OPTIONS);
    assert.ok(plan.viaProductSave.has("A"));
    let inDoubt: number | undefined;
    const dying: StoreWriter = {
      ...store(() => ({ status: "ok" })),
      saveProducts: (ps) => {
        // What a restart would find had the agent died once the store applied the create.
        inDoubt = ledger.doubtUnanswered();
        return store(() => ({ status: "ok" })).saveProducts(ps);
      },
    };
    await pushPlan(dying, ledger, plan, want, bindings, tally());
    assert.equal(inDoubt, 1, "the ledger's quantity 4 is not what the store may show (9)");
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() counts a code in doubt as unsure when the store refuses its product's rename or VAT beside its stock update", async () => {
  for (const over of [{ name: "Yeni Ad" }, { vatRate: 20 }]) {
    const ledger = openLedger(":memory:");
    try {
      const bindings = new BindingIndex([bound("M", { dirty: true })]); // its last write's answer lost
      const want = [desired("M", { ...over, quantity: 7 })];
      const plan = planPush(want, bindings, { ...OPTIONS, updateNames: true });
      const report = tally();
      await pushPlan(refusesRenames, ledger, plan, want, bindings, report);
      assert.equal(report.unsure, 1, "the store may hold a rename or rate the lost write sent");
    } finally {
      ledger.close();
    }
  }
});

/** A ledger on a clock the test moves, with a refusal of `subject` open since its start. */
function refusedBefore(subject: string) {
  let t = Date.parse("2026-11-20T10:00:00.000Z");
  const ledger = openLedger(":memory:", { now: () => new Date(t) });
  ledger.reportProblems([{ subject, kind: "store", reason: "store rejected it: name refused" }]);
  t += 3_600_000;
  return { ledger, since: ledger.openProblems()[0]!.firstSeen };
}

Deno.test("pushPlan() keeps the first sighting of a refusal the store gives again for a write sent again", async () => {
  const { ledger, since } = refusedBefore("product:KML-1");
  try {
    const bindings = new BindingIndex([bound("M")]);
    const want = [desired("M", { name: "Yeni Ad" })];
    const plan = planPush(want, bindings, { ...OPTIONS, updateNames: true });
    await pushPlan(refusesRenames, ledger, plan, want, bindings, tally(), undefined, ["product:KML-1"]);
    const [p] = ledger.openProblems();
    assert.deepEqual([p?.subject, p?.firstSeen], ["product:KML-1", since]);
    assert.ok(p!.lastSeen > since, "seen again");
  } finally {
    ledger.close();
  }
});

Deno.test("pushPlan() closes a refusal once the store takes the write sent again, and keeps it open when the write fails", async () => {
  for (const [status, closed] of [["ok", true], ["failed", false], ["rejected", false]] as const) {
    const { ledger, since } = refusedBefore("M");
    try {
      const bindings = new BindingIndex([bound("M")]);
      const want = [desired("M", { quantity: 7 })];
      const plan = planPush(want, bindings, OPTIONS);
      await pushPlan(store(() => ({ status })), ledger, plan, want, bindings, tally(), undefined, ["M"]);
      const open = ledger.openProblems({ kind: "store" });
      assert.deepEqual(open.map((p) => p.firstSeen), closed ? [] : [since], status);
    } finally {
      ledger.close();
    }
  }
});

Deno.test("a push's requests wait until its send row is on disk, and none go out when the flush fails", async () => {
  const ledger = openLedger(":memory:");
  try {
    let flushed!: () => void;
    let flushes = 0;
    const asked: string[] = [];
    const writer = store(() => ({ status: "ok", productId: 7 }));
    const saveProducts: StoreWriter["saveProducts"] = (ps, signal) => {
      asked.push(...ps.flatMap((p) => p.variants.map((v) => v.stockCode)));
      return writer.saveProducts(ps, signal);
    };
    const waiting = {
      ...ledger,
      durable: () => {
        flushes++;
        return new Promise<void>((resolve) => flushed = resolve);
      },
    };
    const bindings = new BindingIndex();
    const pushCode = (l: PushLedger, code: string) => {
      const want = [desired(code)];
      return pushPlan(
        { ...writer, saveProducts },
        l,
        planPush(want, bindings, OPTIONS),
        want,
        bindings,
        tally(),
      );
    };
    const push = pushCode(waiting, "C1");
    await Promise.resolve();
    assert.equal(flushes, 1);
    assert.deepEqual([...ledger.unrecordedSends().codes.keys()], ["C1"], "the send row is written first");
    assert.deepEqual(asked, [], "nothing sent before the row is on disk");
    flushed();
    await push;
    assert.deepEqual(asked, ["C1"]);

    const failing = {
      ...ledger,
      durable: () => Promise.reject(new IntegrationError("fatal", "flush failed", { system: "ledger" })),
    };
    await assert.rejects(pushCode(failing, "C2"), /flush failed/);
    assert.deepEqual(asked, ["C1"], "C2 never went out");
    assert.deepEqual([...ledger.unrecordedSends().codes.keys()], ["C2"], "its send row stays: in doubt");
  } finally {
    ledger.close();
  }
});
