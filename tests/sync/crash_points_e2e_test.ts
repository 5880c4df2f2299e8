/**
 * SIGKILL at each dangerous point of a full sync, then a restart: the store converges to the catalogue and
 * no product is created twice (tests/support/crash_world.ts). The moment after the store applied a save and
 * before its answer was recorded, with two pushes in flight, is in crash_e2e_test.ts.
 */
import assert from "node:assert/strict";
import { CRASH_ITEMS, crashWorld, savedCodes } from "../support/crash_world.ts";

const isSave = (path: string) => path.endsWith("/product/save");
const isList = (path: string) => path.endsWith("/product/lists");

Deno.test("killed after its push is recorded as sending, before the store sees the request", async () => {
  const w = await crashWorld();
  try {
    const first = await w.run({ before: isSave });
    assert.ok(first.killed && first.code === 137, first.out);
    assert.equal(w.h.sims.qukasoft.state.products.size, 0, "the store saw no save");
    assert.ok(w.unrecordedSends() >= 1, "the push was recorded as sending");
    await w.assertConverged();
  } finally {
    await w.close();
  }
});

Deno.test("killed in the middle of a 413 split: the first half applied, the second not sent", async () => {
  // The web server takes at most 50 products a request: each save goes again as two halves (qukasoft/chunks.ts).
  const w = await crashWorld((path, body) => isSave(path) && savedCodes(body).length > 50);
  try {
    const first = await w.run({ after: (path, body) => isSave(path) && savedCodes(body).length <= 50 });
    assert.ok(first.killed && first.code === 137, first.out);
    const size = w.h.sims.qukasoft.state.products.size;
    assert.ok(size > 0 && size < CRASH_ITEMS, `partial: ${size}`);
    await w.assertConverged();
  } finally {
    await w.close();
  }
});

Deno.test("killed again while the restart reads the store to settle the first kill's creates", async () => {
  const w = await crashWorld();
  try {
    let saves = 0;
    const first = await w.run({ after: (path) => isSave(path) && ++saves === 3 });
    assert.ok(first.killed, first.out);
    const created = w.h.sims.qukasoft.state.products.size;
    assert.ok(created > 200 && created < CRASH_ITEMS, `partial: ${created}`); // more than a page of the list
    let pages = 0;
    const second = await w.run({ after: (path) => isList(path) && ++pages === 2 });
    assert.ok(second.killed, second.out);
    assert.equal(w.h.sims.qukasoft.state.products.size, created, "the second run sent nothing");
    await w.assertConverged();
  } finally {
    await w.close();
  }
});

Deno.test("killed twice in a row after a save the store applied, then a third run converges", async () => {
  const w = await crashWorld();
  try {
    const first = await w.run({ after: isSave });
    assert.ok(first.killed, first.out);
    const created = w.h.sims.qukasoft.state.products.size;
    // The second run adopts what the first created, and is killed once it created more of its own.
    const second = await w.run({ after: isSave });
    assert.ok(second.killed, second.out);
    const now = w.h.sims.qukasoft.state.products.size;
    assert.ok(now > created && now < CRASH_ITEMS, `partial: ${created} then ${now}`);
    await w.assertConverged();
  } finally {
    await w.close();
  }
});
