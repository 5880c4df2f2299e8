import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { withLedger, withTempPath } from "./temp.ts";

Deno.test("bookmarks round-trip, move, and survive reopening", () =>
  withTempPath((path) => {
    const a = openLedger(path);
    assert.equal(a.getBookmark("products"), undefined);
    a.setBookmark("products", "2026-11-28T10:00:00.000Z");
    a.setBookmark("products", "2026-11-28T10:05:00.000Z");
    a.setBookmark("orders", "30451");
    a.close();
    const b = openLedger(path, { now: () => new Date(Date.UTC(2026, 10, 28, 12)) });
    try {
      assert.equal(b.getBookmark("products"), "2026-11-28T10:05:00.000Z");
      b.setBookmark("orders", "30460");
      assert.deepEqual(b.allBookmarks().map((m) => [m.name, m.value]), [
        ["orders", "30460"],
        ["products", "2026-11-28T10:05:00.000Z"],
      ]);
      assert.equal(b.allBookmarks()[0]?.updatedAt, "2026-11-28T12:00:00.000Z");
    } finally {
      b.close();
    }
  }));

Deno.test("setBookmark() refuses a value that is not a string, and an empty name", () =>
  withLedger((ledger) => {
    assert.throws(
      () => ledger.setBookmark("products", 5 as unknown as string),
      (e) => e instanceof IntegrationError && e.kind === "fatal" && e.subject === "products",
    );
    assert.equal(ledger.getBookmark("products"), undefined);
    assert.throws(
      () => ledger.setBookmark("", "x"),
      (e) => e instanceof IntegrationError && e.kind === "fatal",
    );
    assert.deepEqual(ledger.allBookmarks(), []);
  }));
