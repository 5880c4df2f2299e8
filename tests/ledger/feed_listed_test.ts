import assert from "node:assert/strict";
import { openLedger } from "../../ledger/ledger.ts";
import { openAtVersion, withTempPath } from "./temp.ts";

Deno.test("migration 6 gives a version-5 ledger the feed's listed codes; adding is a code listed again keeps its newest product", () =>
  withTempPath((path) => {
    openAtVersion(path, 5).close();
    const ledger = openLedger(path);
    try {
      assert.equal(ledger.info().schemaVersion >= 6, true);
      assert.deepEqual(ledger.feedListed(), new Map());
      ledger.addFeedListed([["8690000000017", "KML-1001"], ["KML-1001-BEY", "KML-1001"]]);
      ledger.addFeedListed([["8690000000017", "KML-2002"]]); // listed again, under another product
      assert.deepEqual(
        ledger.feedListed(),
        new Map([["8690000000017", "KML-2002"], ["KML-1001-BEY", "KML-1001"]]),
      );
    } finally {
      ledger.close();
    }
    // Kept in the file.
    const again = openLedger(path);
    try {
      assert.equal(again.feedListed().size, 2);
    } finally {
      again.close();
    }
  }));
