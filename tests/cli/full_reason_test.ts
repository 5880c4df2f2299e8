import assert from "node:assert/strict";
import { fullReason, owedReason } from "../../cli/full_reason.ts";
import { WINDOW_UNKNOWN } from "../../sync/item_batches.ts";

Deno.test("fullReason: names why a one-shot sync ran full unasked, an owed settings change first", () => {
  const mark = "2026-11-29T10:00:00.000Z";
  assert.match(fullReason(mark, "v7"), /settings change stored earlier/);
  assert.match(fullReason(WINDOW_UNKNOWN, ""), /clock was set back or its database restored/);
  assert.match(fullReason(mark, ""), /clock is before the last cycle's/);
  assert.equal(
    fullReason(mark, "", "the store no longer has 1 stock code"),
    "an earlier cycle found that the store no longer has 1 stock code",
  );
  assert.match(fullReason(mark, "v7", "x"), /settings change .*; an earlier cycle found that x$/);
});

Deno.test("owedReason: nothing owed is an empty reason", () => {
  assert.equal(owedReason("", ""), "");
});
