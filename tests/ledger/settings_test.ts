import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { FULL_OWED } from "../../ledger/settings.ts";
import { steppingClock, withLedger, withTempPath } from "./temp.ts";

Deno.test("putSettings() versions each save; getSettings() returns the latest document", () =>
  withLedger((ledger) => {
    assert.equal(ledger.getSettings(), undefined);
    assert.equal(ledger.putSettings({ catalog: { langCode: "TR" } }), 1);
    const first = ledger.getSettings()!;
    assert.equal(ledger.putSettings({ catalog: { langCode: "EN" }, http: { port: 8787 } }), 2);
    const second = ledger.getSettings()!;
    assert.deepEqual(second.doc, { catalog: { langCode: "EN" }, http: { port: 8787 } });
    assert.equal(second.version, 2);
    assert.ok(second.updatedAt > first.updatedAt);
  }));

Deno.test("settings survive reopening, and a document that is not JSON is refused", () =>
  withTempPath((path) => {
    const a = openLedger(path, { now: steppingClock() });
    a.putSettings({ a: 1 });
    a.putSettings({ a: 2 });
    a.close();
    const b = openLedger(path);
    try {
      assert.deepEqual(b.getSettings()?.doc, { a: 2 });
      assert.equal(b.putSettings({ a: 3 }), 3);
      assert.throws(
        () => b.putSettings(undefined),
        (e) => e instanceof IntegrationError && e.kind === "fatal" && /must be a JSON value/.test(e.message),
      );
      assert.equal(b.getSettings()?.version, 3);
    } finally {
      b.close();
    }
  }));

Deno.test("putSettings() keeps the --config file given beside the document; a save without one keeps it", () =>
  withLedger((ledger) => {
    ledger.putSettings({ a: 1 });
    assert.equal(ledger.getSettings()!.file, undefined);
    ledger.putSettings({ a: 2 }, { a: 2, b: "file" });
    ledger.putSettings({ a: 3 });
    const stored = ledger.getSettings()!;
    assert.deepEqual([stored.doc, stored.file, stored.version], [{ a: 3 }, { a: 2, b: "file" }, 3]);
  }));

Deno.test("putSettings() with oweFull records the full cycle owed, naming the version, in the same commit", () =>
  withLedger((ledger) => {
    ledger.putSettings({ a: 1 });
    assert.equal(ledger.getBookmark(FULL_OWED), undefined);
    assert.equal(ledger.putSettings({ a: 2 }, undefined, true), 2);
    assert.equal(ledger.getBookmark(FULL_OWED), "2");
    assert.throws(() =>
      ledger.transaction(() => {
        ledger.putSettings({ a: 3 }, undefined, true);
        throw new Error("the save failed");
      })
    );
    assert.deepEqual([ledger.getSettings()?.version, ledger.getBookmark(FULL_OWED)], [2, "2"]);
  }));
