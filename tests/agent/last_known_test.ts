import assert from "node:assert/strict";
import type { CycleSummary } from "../../actors/product_sync.ts";
import { LastKnown } from "../../agent/last_known.ts";

Deno.test("LastKnown: this process's cycles replace what the ledger knew; a full one that ends well pays it", () => {
  const known = new LastKnown(undefined, { failures: 2, lastError: "page 4" });
  const cycle = (mode: "full" | "incremental"): CycleSummary => ({
    mode,
    finishedAt: `2026-11-30T0${mode === "full" ? 2 : 1}:00:00.000Z`,
    created: 0,
    updated: 0,
    failed: 0,
    problems: 0,
  });
  known.ended(cycle("incremental"));
  assert.deepEqual(known.lastCycle, cycle("incremental"));
  assert.deepEqual(known.full, { failures: 2, lastError: "page 4" });
  known.ended(cycle("full"));
  assert.deepEqual(known.lastCycle, cycle("full"));
  assert.equal(known.full, undefined);
});
