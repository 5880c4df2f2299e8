/**
 * The exit code of a run with several outcomes: a scheduled task reads one number, and a --csv not written
 * (4) hid a partial cycle (3) from it.
 */
import assert from "node:assert/strict";
import { CSV_EXIT, exitCode, FAILED_EXIT, PARTIAL_EXIT, USAGE_EXIT } from "../../cli/exit_code.ts";

Deno.test("exitCode: a failed run wins, then usage, then a partial cycle, then a --csv not written", () => {
  assert.equal(exitCode(), 0);
  assert.equal(exitCode(0, 0), 0);
  assert.equal(exitCode(CSV_EXIT, PARTIAL_EXIT), PARTIAL_EXIT);
  assert.equal(exitCode(PARTIAL_EXIT, CSV_EXIT), PARTIAL_EXIT);
  assert.equal(exitCode(CSV_EXIT, USAGE_EXIT, PARTIAL_EXIT), USAGE_EXIT);
  assert.equal(exitCode(CSV_EXIT, PARTIAL_EXIT, USAGE_EXIT, FAILED_EXIT), FAILED_EXIT);
  assert.equal(exitCode(0, CSV_EXIT), CSV_EXIT);
});
