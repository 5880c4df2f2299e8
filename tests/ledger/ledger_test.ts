import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import type { BindingWrite } from "../../sync/ports.ts";

const KEY = {
  itemTypeCode: 1,
  itemCode: "KML-1",
  colorCode: "BEY",
  itemDim1Code: "M",
  itemDim2Code: "",
  itemDim3Code: "",
};

function write(stockCode: string, quantity = 1): BindingWrite {
  return {
    stockCode,
    productCode: "KML-1",
    itemCode: "KML-1",
    variantKey: KEY,
    pushed: { quantity, price: 89990, marketplacePrice: 94990, name: "Keten Gömlek" },
    vanished: false,
  };
}

async function withLedger(fn: (path: string) => void | Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await fn(`${dir}/ledger.sqlite`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("openLedger() sets WAL and synchronous=FULL and migrates once; reopening is idempotent", () =>
  withLedger((path) => {
    const a = openLedger(path);
    assert.equal(a.pragma("journal_mode"), "wal");
    assert.equal(a.pragma("synchronous"), "2"); // FULL
    a.setBookmark("products", "x");
    a.close();
    const b = openLedger(path);
    assert.equal(b.getBookmark("products"), "x");
    assert.equal(b.pragma("integrity_check"), "ok");
    b.close();
  }));

Deno.test("Ledger.transaction() leaves nothing behind when it throws", () =>
  withLedger((path) => {
    const l = openLedger(path);
    assert.throws(() =>
      l.transaction(() => {
        l.recordWrites([write("A")], []);
        l.setBookmark("products", "moved");
        throw new Error("boom");
      }), /boom/);
    assert.equal(l.bindingCount(), 0);
    assert.equal(l.getBookmark("products"), undefined);
    l.close();
  }));

Deno.test("Ledger keeps one binding per stock code, updates it, and tracks dirty items", () =>
  withLedger((path) => {
    const l = openLedger(path);
    l.recordWrites([write("A", 1), write("B", 2)], []);
    l.recordWrites([write("A", 5)], [{ stockCode: "C", itemCode: "KML-9", reason: "503" }]);
    const b = l.bindings();
    assert.equal(b.size, 3);
    assert.equal(b.get("A")!.pushed!.quantity, 5);
    assert.equal(b.get("C")!.pushed, null);
    assert.deepEqual(l.dirtyItemCodes(), ["KML-9"]);
    l.recordWrites([{ ...write("C"), itemCode: "KML-9" }], []);
    assert.deepEqual(l.dirtyItemCodes(), []);
    l.close();
  }));

Deno.test("Ledger settings are versioned", () =>
  withLedger((path) => {
    const l = openLedger(path);
    assert.equal(l.getSettings(), undefined);
    assert.equal(l.putSettings({ a: 1 }), 1);
    assert.equal(l.putSettings({ a: 2 }), 2);
    assert.deepEqual(l.getSettings()!.doc, { a: 2 });
    l.close();
  }));

Deno.test("Ledger problems: replaced per subject, first seen kept, resolved by absence", () =>
  withLedger((path) => {
    let t = 0;
    const l = openLedger(path, { now: () => new Date(Date.UTC(2026, 10, 28, 0, 0, t++)) });
    l.replaceProblems([], [{ subject: "X", kind: "price", reason: "cost is 0" }]);
    const first = l.openProblems()[0]!.firstSeen;
    l.replaceProblems(["X"], [{ subject: "X", kind: "price", reason: "cost is 0" }]);
    assert.equal(l.openProblems()[0]!.firstSeen, first);
    assert.notEqual(l.openProblems()[0]!.lastSeen, first);
    l.replaceProblems(["X"], []);
    assert.equal(l.problemCount(), 0);
    l.close();
  }));

Deno.test("Ledger runs record outcome and counts", () =>
  withLedger((path) => {
    const l = openLedger(path);
    const id = l.startRun("products-full");
    l.finishRun(id, "partial", { created: 3 }, "1 failed");
    const [run] = l.lastRuns(1);
    assert.equal(run!.outcome, "partial");
    assert.deepEqual(run!.counts, { created: 3 });
    l.close();
  }));

Deno.test("openLedger() refuses a ledger written by a newer agent", () =>
  withLedger(async (path) => {
    openLedger(path).close();
    const { DatabaseSync } = await import("node:sqlite");
    const db = new DatabaseSync(path);
    db.exec("INSERT INTO migrations (version, applied_at) VALUES (999, 'x')");
    db.close();
    assert.throws(() => openLedger(path), (e) =>
      e instanceof IntegrationError && e.kind === "fatal" && /999/.test(e.message));
  }));

Deno.test("Ledger survives SIGKILL mid-write: integrity ok and every committed round complete", () =>
  withLedger(async (path) => {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        new URL("./fixtures/writer.ts", import.meta.url).pathname,
        path,
      ],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const reader = child.stdout.getReader();
    let seen = "";
    while (!/\n(2\d)\n/.test("\n" + seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    child.kill("SIGKILL");
    await child.status;
    await reader.cancel();
    const l = openLedger(path);
    assert.equal(l.pragma("integrity_check"), "ok");
    const round = Number(l.getBookmark("products"));
    assert.ok(round >= 20, `at least 20 rounds committed, got ${round}`);
    // The bookmark is written in the same transaction as its round's 200 bindings: never ahead of them.
    assert.equal(l.bindingCount(), round * 200);
    assert.equal(l.bindings().get(`R${round}-199`)!.pushed!.quantity, 199);
    l.close();
  }));

Deno.test("Ledger bulk-records 100,000 bindings in one call", () =>
  withLedger((path) => {
    const l = openLedger(path);
    const writes = Array.from({ length: 100_000 }, (_, i) => write(`S${i}`, i));
    const t0 = performance.now();
    l.recordWrites(writes, []);
    const ms = Math.round(performance.now() - t0);
    assert.equal(l.bindingCount(), 100_000);
    assert.equal(l.bindings().size, 100_000);
    console.log(`  100,000 bindings recorded in ${ms} ms`);
    l.close();
  }));
