/**
 * The send rows while pushes overlap (the push queue keeps up to four requests in flight): one push's
 * answer settles its own row only.
 */
import assert from "node:assert/strict";
import { pushWrite, withLedger } from "./temp.ts";

Deno.test("an answer recorded while another push of updates only is in flight leaves that push in doubt", () =>
  withLedger((ledger) => {
    ledger.recordWrites([pushWrite("U1"), pushWrite("U2")], []);
    ledger.recordSending([], ["U1"]); // in flight
    const answered = ledger.recordSending([["C1", "KML-1001"]], ["U2"]);
    ledger.recordWrites([pushWrite("U2")], [], { id: answered, createsSettled: false });
    // The process dies before the first push's answer: at the next start, its update is in doubt.
    assert.deepEqual([...ledger.unansweredUpdates()], [["U1", "KML-1001"]]);
    assert.equal(ledger.doubtUnanswered(), 1);
    assert.deepEqual(ledger.dirtyStockCodes(), ["U1"]);
  }));
