/**
 * A price list takes effect at its start, to the time, on SQL Server's clock (research/nebim.md §5.7: a
 * header's and a line's start are each ValidDate + ValidTime): not a minute early, and the incremental
 * cycle applies it once the start has passed although no row changed.
 */
import assert from "node:assert/strict";
import type { ItemSpec } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

const BARCODE = "8690000009001";
const shirt: ItemSpec = {
  code: "PL-1",
  name: "Keten Gömlek",
  cost: null, // the price comes from the list alone
  variants: [{ size: "M", barcode: BARCODE, stock: 4 }],
};

let n = 0;
const id = () => `00000000-0000-0000-0000-${String(++n).padStart(12, "0")}`;

/**
 * A confirmed, VAT-inclusive WEB list with one item-level line for PL-1 (the store shows its price as is,
 * with no margin set); `line` sets the line's own columns, else the line carries no start of its own.
 */
function list(
  h: SyncHarness,
  start: { ValidDate: string; ValidTime?: string },
  price: number,
  line: Record<string, unknown> = {},
): void {
  const header = id();
  h.data.insert("trPriceListHeader", {
    PriceListHeaderID: header,
    PriceListNumber: `PL-${n}`,
    PriceGroupCode: "WEB",
    IsTaxIncluded: true,
    ...start,
  });
  h.data.insert("trPriceListLine", {
    PriceListLineID: id(),
    PriceListHeaderID: header,
    ItemTypeCode: 1,
    ItemCode: "PL-1",
    Price: price,
    ...line,
  });
}

const TODAY = "2026-11-20"; // the harness's SQL Server clock starts on it, at 10:00

/**
 * The older list (100 TL, in force since January) and `newer` (150 TL) are in Nebim; a first cycle runs
 * with SQL Server's clock one second before `start`, and an incremental one with it at `after`, with no
 * row changed between them. Asserts the price after each: 100, then 150.
 */
async function startsAt(
  start: string,
  after: string,
  newer: (h: SyncHarness) => void,
): Promise<void> {
  await using h = await syncHarness([shirt], {
    catalog: { priceSource: { kind: "priceList", priceGroupCode: "WEB" } },
  });
  list(h, { ValidDate: "2026-01-01" }, 100);
  newer(h);
  clockTo(h, start, -2_000); // the cycle moves the clock a second: it runs at start − 1 s
  await h.sync("full");
  assert.equal(price(h), 100, `nothing of the 150 TL price before ${start}`);
  clockTo(h, after, -1_000);
  const r = await h.sync(); // incremental
  assert.equal(r.itemsRead, 1, "the start in the cycle's window makes the item a change");
  assert.equal(price(h), 150, `the 150 TL price from ${start}`);
}

/** Moves the SQL Server clock to `hhmmss` today, plus `ms`; it only moves forward. */
function clockTo(h: SyncHarness, hhmmss: string, ms: number): void {
  const now = h.clock.now().getTime();
  const target = Date.parse(`${TODAY}T${hhmmss}.000Z`) + ms;
  assert.ok(target > now, `the clock only moves forward (to ${hhmmss})`);
  h.clock.advance(target - now);
}

const price = (h: SyncHarness) => h.variant(BARCODE)?.variant.price;

Deno.test("a list valid from today 14:00 is not applied at 13:59:59, and is applied after 14:00 with no row changed", async () => {
  await startsAt("14:00:00", "14:00:30", (h) => list(h, { ValidDate: TODAY, ValidTime: "14:00:00" }, 150));
});

Deno.test("a line's own start, later than its list's, holds its price until then; the cycle after applies it", async () => {
  // The list is in force since the 1st; this line of it only from today 16:00.
  await startsAt(
    "16:00:00",
    "16:00:05",
    (h) => list(h, { ValidDate: "2026-11-01" }, 150, { ValidDate: TODAY, ValidTime: "16:00:00" }),
  );
});

Deno.test("a line dated before its list waits for the list: the later of the two starts counts", async () => {
  await startsAt(
    "14:00:00",
    "14:00:01",
    (h) =>
      list(h, { ValidDate: TODAY, ValidTime: "14:00:00" }, 150, {
        ValidDate: "2026-11-01",
        ValidTime: "08:00:00",
      }),
  );
});

Deno.test("a draft list confirmed later prices the item in the next incremental cycle; unconfirmed again, the older list's price comes back", async () => {
  await using h = await syncHarness([shirt], {
    catalog: { priceSource: { kind: "priceList", priceGroupCode: "WEB" } },
  });
  list(h, { ValidDate: "2026-01-01" }, 100);
  list(h, { ValidDate: "2026-11-01" }, 150);
  const draft = (r: Record<string, unknown>) => r.PriceListNumber === `PL-${n - 1}`;
  h.data.update("trPriceListHeader", draft, { IsConfirmed: false });
  h.clock.advance(1_000);
  await h.sync("full");
  assert.equal(price(h), 100, "a draft's lines price nothing");
  // Confirming stamps the header alone, minutes later (past the window's overlap): its lines are as they were.
  h.clock.advance(180_000);
  h.data.update("trPriceListHeader", draft, { IsConfirmed: true });
  h.clock.advance(1_000);
  let r = await h.sync();
  assert.equal(r.itemsRead, 1, "the header's change makes its lines' items a change");
  assert.equal(price(h), 150, "the confirmed list's price");
  h.clock.advance(180_000);
  h.data.update("trPriceListHeader", draft, { IsConfirmed: false });
  h.clock.advance(1_000);
  r = await h.sync();
  assert.equal(r.itemsRead, 1);
  assert.equal(price(h), 100, "the older list's price again");
});
