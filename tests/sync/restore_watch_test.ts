import assert from "node:assert/strict";
import { DATABASE_CREATED, madeAnew } from "../../sync/restore_watch.ts";

function ledger(created?: string) {
  const marks = new Map<string, string>(created === undefined ? [] : [[DATABASE_CREATED, created]]);
  const writes: string[] = [];
  return {
    marks,
    writes,
    getBookmark: (name: string) => marks.get(name),
    setBookmark: (name: string, value: string) => {
      writes.push(name);
      marks.set(name, value);
    },
  };
}

const MADE = "2026-11-02T08:15:00.000Z";
const RESTORED = "2026-11-30T23:40:12.347Z";

Deno.test("madeAnew: the first date kept owes nothing; the same date again writes nothing", () => {
  const l = ledger();
  let owed = 0;
  assert.equal(madeAnew(l, MADE, () => owed++), false);
  assert.equal(l.marks.get(DATABASE_CREATED), MADE);
  assert.equal(madeAnew(l, MADE, () => owed++), false);
  assert.deepEqual([owed, l.writes], [0, [DATABASE_CREATED]]);
});

Deno.test("madeAnew: a new date (a restore) owes the full cycle before the date is kept", () => {
  const l = ledger(MADE);
  const order: string[] = [];
  assert.equal(
    madeAnew(l, RESTORED, () => order.push(`owed while kept ${l.marks.get(DATABASE_CREATED)}`)),
    true,
  );
  order.push(`kept ${l.marks.get(DATABASE_CREATED)}`);
  assert.deepEqual(order, [`owed while kept ${MADE}`, `kept ${RESTORED}`]);
  assert.equal(madeAnew(l, RESTORED, () => assert.fail("owed twice")), false);
});

Deno.test("madeAnew: a date not known (no row listed, or a source that cannot tell) owes nothing and keeps nothing", () => {
  const l = ledger(MADE);
  for (const created of ["", undefined]) {
    assert.equal(madeAnew(l, created, () => assert.fail("owed")), false);
  }
  assert.deepEqual(l.writes, []);
});
