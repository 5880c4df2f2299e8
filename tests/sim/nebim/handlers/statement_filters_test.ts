/**
 * The catalogue and VAT statements' filters, each applied by the simulator only where the statement's text
 * has it: a statement that lost one would otherwise pass every test, and on SQL Server send every language's
 * name as another variant row, a non-product item as a variant of NULL codes, a barcode of another type as a
 * stock code, or a wholesale VAT rate next to the retail one.
 */

import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import {
  barcodesQuery,
  type NebimStatement,
  variantsQuery,
  vatRatesQuery,
} from "../../../../nebim/sql/queries.ts";
import { runRows } from "../../../nebim/sql/handler_pool.ts";
import { fixture } from "../fixture.ts";

/** The statement's rows, as `pick` shows them, sorted; `drop` is taken out of the text first. */
async function rows(q: NebimStatement, pick: string[], drop?: string): Promise<string[]> {
  const sql = drop === undefined ? q.sql : q.sql.replace(drop, "");
  assert.ok(drop === undefined || sql !== q.sql, `${q.name} has ${drop}`);
  const found = await runRows(createNebimHandler(fixture()), { ...q, sql });
  return found.map((r) => pick.map((c) => String(r[c])).join("|")).sort();
}

Deno.test("variants: without a language filter every language's name is another row", async () => {
  const q = variantsQuery(["KZK-0101"], "TR");
  const names = (drop?: string) =>
    rows(q, ["ColorCode", "ItemDim1Code", "ItemDescription", "ColorDescription"], drop);
  assert.deepEqual(await names(), [
    "EKR|S|Yün Kazak|Ekru ",
    "LAC|S|Yün Kazak|Lacivert",
    "LAC|XL|Yün Kazak|Lacivert",
  ]);
  assert.equal((await names(" AND d.LangCode = @langCode")).length, 6, "TR and EN item names");
  assert.equal((await names(" AND c.LangCode = @langCode")).length, 5, "TR and EN names of LAC");
});

Deno.test("variants: without the dimension test an item with dimensions but no variants is a row", async () => {
  const q = variantsQuery(["EMPTY-1", "ESP-0420"], "TR");
  const drop = "\n  AND (v.ItemCode IS NOT NULL OR i.ItemDimTypeCode = 0)";
  assert.deepEqual(await rows(q, ["ItemCode", "ColorCode"]), ["ESP-0420|null"]);
  assert.deepEqual(await rows(q, ["ItemCode", "ColorCode"], drop), ["EMPTY-1|null", "ESP-0420|null"]);
});

Deno.test("barcodes: without the type filter a barcode of another type is read", async () => {
  const q = barcodesQuery(["KZK-0101"], "DEF");
  const types = (drop?: string) => rows(q, ["Barcode"], drop);
  assert.ok((await types(" AND b.BarcodeTypeCode = @barcodeTypeCode")).length > (await types()).length);
});

Deno.test("vatRates: without the country or the retail process another rate joins", async () => {
  const q = vatRatesQuery("TR");
  const rates = (drop?: string) => rows(q, ["ItemTaxGrCode", "VatRate"], drop);
  assert.deepEqual(await rates(), ["%10|10", "%20|20"]);
  assert.deepEqual(await rates(" AND a.ProcessCode = N'R'"), ["%10|10", "%20|1", "%20|20"]);
  assert.deepEqual(await rates("a.CountryCode = @countryCode AND "), ["%10|10", "%10|7", "%20|20"]);
});
