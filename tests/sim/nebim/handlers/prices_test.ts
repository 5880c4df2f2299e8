import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import { basePricesQuery, priceListPricesQuery, vatRatesQuery } from "../../../../nebim/sql/queries.ts";
import { runRows, toRequest } from "../../../nebim/sql/handler_pool.ts";
import { fixture } from "../fixture.ts";

const ITEMS = ["KZK-0101", "ESP-0420", "TSH-0001"];
const sorted = (rows: unknown[][]) => rows.sort((a, b) => String(a).localeCompare(String(b)));

Deno.test("basePrices: the season-less row wins; without one the latest PriceDate; other codes/countries ignored", async () => {
  const handler = createNebimHandler(fixture());
  const rows = await runRows(handler, basePricesQuery(ITEMS, 1, "TR"));
  assert.deepEqual(sorted(rows.map((r) => [r.ItemCode, r.CurrencyCode, r.Price])), [
    ["ESP-0420", "TRY", 84.5],
    ["KZK-0101", "TRY", 310],
  ]);
  const code2 = await runRows(handler, basePricesQuery(ITEMS, 2, "TR"));
  assert.deepEqual(code2.map((r) => [r.ItemCode, r.Price]), [["KZK-0101", 999]]);
  const de = await runRows(handler, basePricesQuery(ITEMS, 1, "de"));
  assert.deepEqual(de.map((r) => [r.ItemCode, r.CurrencyCode, r.Price]), [["KZK-0101", "EUR", 50]]);
});

Deno.test("basePrices: Price is decimal(19,4)", async () => {
  const q = basePricesQuery(ITEMS, 1, "TR");
  const result = await createNebimHandler(fixture())(toRequest(q.sql, q.params));
  assert.deepEqual(result.resultSets[0]!.columns.at(-1), {
    name: "Price",
    type: "decimal",
    precision: 19,
    scale: 4,
    nullable: false,
  });
});

Deno.test("priceListPrices: latest valid line per variant key; unconfirmed, disabled, future and other-group lines ignored", async () => {
  const rows = await runRows(
    createNebimHandler(fixture()),
    priceListPricesQuery(ITEMS, "WEB", new Date("2026-11-10T12:00:00Z")),
  );
  assert.deepEqual(
    sorted(
      rows.map((
        r,
      ) => [
        r.ItemCode,
        r.ColorCode,
        r.ItemDim1Code,
        r.Price,
        r.DocCurrencyCode,
        r.ListCurrencyCode,
        r.IsTaxIncluded,
      ]),
    ),
    [
      // Item level: PL-2 (valid 11-01, group spelled "web") beats PL-1; PL-3 unconfirmed, PL-4 from 12-01, PL-5 MAG.
      ["KZK-0101", "", "", 110, "USD", "USD", false],
      // The variant's own line, although older than the item-level one: the reader prefers it. Its line
      // states no currency; its header's is the schema's default.
      ["KZK-0101", "LAC", "S", 120, "", "TRY", true],
      ["TSH-0001", "LAC", "", 899.9, "", "TRY", true],
    ],
  );
});

Deno.test("priceListPrices: a statement without one of its filters gets the lines SQL Server would let in", async () => {
  // The simulator applies a filter only where the text has it: one dropped from the agent's statement would
  // otherwise pass every test here and send unconfirmed, unfinished or disabled prices to the store.
  const q = priceListPricesQuery(ITEMS, "WEB", new Date("2026-11-10T12:00:00Z"));
  const prices = async (data: ReturnType<typeof fixture>, drop?: RegExp) => {
    const sql = drop ? q.sql.replace(drop, "") : q.sql;
    if (drop) assert.notEqual(sql, q.sql);
    const rows = await runRows(createNebimHandler(data), { ...q, sql });
    return sorted(rows.map((r) => [r.ItemCode, r.ColorCode, r.ItemDim1Code, r.Price]));
  };
  const incomplete = fixture();
  incomplete.update("trPriceListHeader", (h) => h.PriceListNumber === "PL-2", { IsCompleted: false });
  const item = (rows: unknown[][]) => rows.find((r) => r[0] === "KZK-0101" && r[1] === "")?.[3];
  assert.equal(item(await prices(incomplete)), 100, "PL-1: PL-2 is not completed, PL-3 not confirmed");
  assert.equal(item(await prices(incomplete, /\s+AND h\.IsConfirmed = 1\b/)), 50, "PL-3, latest");
  assert.equal(item(await prices(incomplete, /\s+AND h\.IsCompleted = 1\b/)), 110, "PL-2");
  const disabled = (rows: unknown[][]) => rows.filter((r) => r[1] === "EKR").map((r) => r[3]);
  assert.deepEqual(disabled(await prices(fixture())), []);
  assert.deepEqual(disabled(await prices(fixture(), /\s+AND l\.IsDisabled = 0\b/)), [10]);
});

Deno.test("priceListPrices: @asOfDate decides which lists are valid", async () => {
  const handler = createNebimHandler(fixture());
  const october = await runRows(
    handler,
    priceListPricesQuery(["KZK-0101"], "WEB", new Date("2026-10-15T00:00:00Z")),
  );
  assert.deepEqual(october.filter((r) => r.ColorCode === "").map((r) => r.Price), [100]);
  const december = await runRows(
    handler,
    priceListPricesQuery(["KZK-0101"], "WEB", new Date("2026-12-01T09:00:00Z")),
  );
  assert.deepEqual(december.filter((r) => r.ColorCode === "").map((r) => r.Price), [60]);
  const september = await runRows(
    handler,
    priceListPricesQuery(["KZK-0101"], "WEB", new Date("2026-09-30T23:59:00Z")),
  );
  assert.deepEqual(september, []);
});

Deno.test("priceListPrices: on the same ValidDate the later PriceListDate, then PriceListNumber, wins while the window says DESC", async () => {
  const data = fixture();
  const h = "00000000-0000-0000-0000-000000000999";
  data.insert("trPriceListHeader", {
    PriceListHeaderID: h,
    PriceListNumber: "PL-0",
    PriceListDate: "2026-10-25",
    PriceGroupCode: "WEB",
    ValidDate: "2026-11-01",
  });
  data.insert("trPriceListLine", {
    PriceListLineID: "00000000-0000-0000-0000-000000000998",
    PriceListHeaderID: h,
    ItemTypeCode: 1,
    ItemCode: "KZK-0101",
    Price: 111,
  });
  const q = priceListPricesQuery(["KZK-0101"], "WEB", new Date("2026-11-10T00:00:00Z"));
  const item = async (sql: string) =>
    (await runRows(createNebimHandler(data), { ...q, sql })).filter((r) => r.ColorCode === "").map((r) =>
      r.Price
    );
  assert.deepEqual(await item(q.sql), [111]);
  // The simulator orders as the statement's ROW_NUMBER() says (row_number.ts): ASC picks PL-2, dated earlier.
  assert.deepEqual(await item(q.sql.replace("h.PriceListDate DESC", "h.PriceListDate ASC")), [110]);
  // Dated the same too: the higher PriceListNumber (PL-2) wins, the lower under ASC.
  data.update("trPriceListHeader", (r) => r.PriceListNumber === "PL-0", {
    PriceListDate: new Date("2026-10-20T00:00:00Z"),
  });
  assert.deepEqual(await item(q.sql), [110]);
  assert.deepEqual(await item(q.sql.replace("h.PriceListNumber DESC", "h.PriceListNumber ASC")), [111]);
});

Deno.test("vatRates: the sell VAT of each tax group for retail in the country; a broken chain gives no row", async () => {
  const handler = createNebimHandler(fixture());
  const tr = await runRows(handler, vatRatesQuery("TR"));
  assert.deepEqual(sorted(tr.map((r) => [r.ItemTaxGrCode, r.VatRate])), [["%10", 10], ["%20", 20]]);
  const de = await runRows(handler, vatRatesQuery("DE"));
  assert.deepEqual(de.map((r) => [r.ItemTaxGrCode, r.VatRate]), [["%10", 7]]);
});
