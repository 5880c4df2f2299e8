import assert from "node:assert/strict";
import { BindingColumns, type BindingView } from "../../sync/binding_columns.ts";
import { bound } from "../support/plan.ts";

const put = (c: BindingColumns, code: string, b: BindingView, item = b.itemCode) => {
  const slot = c.add(code);
  c.write(slot, b);
  c.link(item, slot);
  return slot;
};

Deno.test("BindingColumns gives back what was written: nulls, fractions, a missing or given dirty", () => {
  const c = new BindingColumns();
  const cases: BindingView[] = [
    bound("A")[1],
    bound("B", { pushed: null, vanished: true, dirty: false })[1],
    bound("C", {
      dirty: true,
      pushed: { quantity: 2.5, price: null, marketplacePrice: 0, name: null, vatRate: null, barcode: null },
    })[1],
  ];
  for (const b of cases) put(c, b.stockCode, b);
  for (const b of cases) assert.deepEqual(c.view(b.stockCode, c.slotOf(b.stockCode)!), b);
  assert.equal(c.vatOf(c.slotOf("C")!), null);
  assert.equal(c.vatOf(c.slotOf("A")!), 10);
});

Deno.test("BindingColumns keeps 5,000 codes through its columns' growth and reuses a freed slot", () => {
  const c = new BindingColumns();
  const view = (i: number) => bound(`C${i}`, { pushed: { ...bound("")[1].pushed!, quantity: i } })[1];
  for (let i = 0; i < 5_000; i++) put(c, `C${i}`, view(i), `I${i % 7}`);
  let freed = -1;
  for (let i = 0; i < 100; i++) {
    freed = c.slotOf(`C${i}`)!;
    c.unlink(`I${i % 7}`, freed);
    c.remove(`C${i}`, freed);
  }
  assert.equal(c.slotOf("C99"), undefined);
  assert.equal(put(c, "NEW", bound("NEW")[1], "I0"), freed, "the last freed slot is taken first");
  assert.equal(c.size, 4_901);
  assert.deepEqual(c.view("C4999", c.slotOf("C4999")!), view(4999));
  const i0 = [...c.slotsOfItem("I0")].map((slot) => c.codeOf(slot));
  assert.equal(i0.length, 715 - 15 + 1, "I0's 715 codes, 15 of them removed, and NEW");
  assert.equal(i0[0], "C105", "the first left, in the order they were linked");
  assert.equal(i0.at(-1), "NEW");
});

Deno.test("slotOf answers as its map does past the recent codes it keeps at hand: misses, adds, removals", () => {
  const c = new BindingColumns();
  const b = bound("X")[1];
  // Asked before they are added (a full sync's first look), then added, some removed, some added again:
  // more codes than the recent ones kept (8,192), so the kept ones are dropped on the way.
  for (let i = 0; i < 20_000; i++) assert.equal(c.slotOf(`K${i}`), undefined);
  const slots = new Map<string, number>();
  for (let i = 0; i < 20_000; i++) slots.set(`K${i}`, put(c, `K${i}`, b, "I"));
  for (let i = 0; i < 20_000; i += 3) {
    c.unlink("I", slots.get(`K${i}`)!);
    c.remove(`K${i}`, slots.get(`K${i}`)!);
    slots.delete(`K${i}`);
  }
  const same = () => {
    for (let i = 19_999; i >= 0; i--) assert.equal(c.slotOf(`K${i}`), slots.get(`K${i}`), `K${i}`);
  };
  same();
  for (let i = 0; i < 20_000; i += 6) slots.set(`K${i}`, put(c, `K${i}`, b, "I"));
  same();
  same();
  assert.equal(c.size, slots.size);
});
