/**
 * The ledger holds the settings' secrets: where the OS has file modes, it and its -wal and -shm are
 * readable by their owner only, whatever the umask (022 on most systems, 0644 files), and one an earlier
 * agent made 0644 is narrowed.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { openLedger } from "../../ledger/ledger.ts";
import { makeOwnerOnly } from "../../ledger/owner_only.ts";
import { withTempPath } from "./temp.ts";

const ignore = Deno.build.os === "windows";

function modes(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const suffix of ["", "-wal", "-shm"]) {
    out[`ledger.sqlite${suffix}`] = ((Deno.statSync(path + suffix).mode ?? 0) & 0o777).toString(8);
  }
  return out;
}

const OWNER_ONLY = { "ledger.sqlite": "600", "ledger.sqlite-wal": "600", "ledger.sqlite-shm": "600" };

Deno.test({
  name:
    "a new ledger, its -wal and its -shm are owner-only (0600), though the umask lets others read new files",
  ignore,
  fn: () =>
    withTempPath((path) => {
      const ledger = openLedger(path);
      ledger.putSettings({ qukasoft: { apiSecret: "s3cret" } });
      assert.deepEqual(modes(path), OWNER_ONLY);
      ledger.close();
    }),
});

Deno.test({
  name: "a ledger an earlier agent left 0644, with its -wal and -shm, is narrowed to 0600 when opened",
  ignore,
  fn: () =>
    withTempPath((path) => {
      const first = openLedger(path);
      first.setBookmark("products", "2026-11-28T10:00:00.000Z");
      // An open connection keeps the -wal and -shm in place while the ledger is opened again.
      const other = new DatabaseSync(path);
      other.prepare("SELECT count(*) FROM bookmarks").get();
      first.close();
      for (const suffix of ["", "-wal", "-shm"]) Deno.chmodSync(path + suffix, 0o644);
      const again = openLedger(path);
      assert.deepEqual(modes(path), OWNER_ONLY);
      assert.equal(again.getBookmark("products"), "2026-11-28T10:00:00.000Z");
      again.close();
      other.close();
    }),
});

Deno.test("makeOwnerOnly() leaves Windows (no file modes) and an in-memory ledger alone", () =>
  withTempPath((path) => {
    makeOwnerOnly(path, "windows");
    assert.throws(() => Deno.statSync(path), Deno.errors.NotFound);
    makeOwnerOnly(":memory:");
    assert.throws(() => Deno.statSync(":memory:"), Deno.errors.NotFound);
  }));
