import assert from "node:assert/strict";
import { QuietCycles } from "../../agent/quiet_cycles.ts";

const at = (s: number) => new Date(Date.UTC(2026, 10, 29, 3, 0, s));

Deno.test("quiet cycles give one summary per interval, counted from the first quiet one", () => {
  const q = new QuietCycles(60_000);
  assert.equal(q.quiet(at(0)), undefined);
  assert.equal(q.quiet(at(30)), undefined);
  assert.deepEqual(q.quiet(at(60)), { cycles: 3, since: at(0) });
  assert.equal(q.quiet(at(90)), undefined);
  assert.deepEqual(q.quiet(at(120)), { cycles: 2, since: at(60) });
});

Deno.test("a busy cycle starts the count again", () => {
  const q = new QuietCycles(60_000);
  q.quiet(at(0));
  q.quiet(at(30));
  q.busy();
  assert.equal(q.quiet(at(60)), undefined, "a minute after the first quiet cycle, but the count restarted");
  assert.deepEqual(q.quiet(at(120)), { cycles: 2, since: at(60) });
});

Deno.test("failed cycles are told once, to the first cycle that succeeds after them", () => {
  const q = new QuietCycles(60_000);
  assert.equal(q.recovered(), undefined);
  q.failed(at(0));
  q.failed(at(30));
  assert.deepEqual(q.recovered(), { cycles: 2, since: at(0) });
  assert.equal(q.recovered(), undefined);
});

Deno.test("the clock set back does not silence the idle summary for as long again", () => {
  // Set back a day (a time sync after a VM restored from a snapshot, a wrong date put right): counted from
  // a start now in the future, no idle line came for a day and an hour, as if the agent had hung.
  const q = new QuietCycles(60_000);
  assert.equal(q.quiet(at(0)), undefined);
  assert.equal(q.quiet(at(30)), undefined);
  const back = (s: number) => new Date(at(s).getTime() - 86_400_000);
  assert.deepEqual(
    q.quiet(back(60)),
    { cycles: 3, since: at(0) },
    "told at once, as the clock's time is unknown",
  );
  assert.equal(q.quiet(back(90)), undefined);
  assert.deepEqual(q.quiet(back(120)), { cycles: 2, since: back(60) });
});
