/**
 * goneRow(): a served row again at stock 0 (or with its stock, the setting off), for a listed code Nebim no
 * longer has or sells (agent/feed_gone.ts).
 */
import assert from "node:assert/strict";
import { feedRows, goneRow } from "../../feed/xml.ts";
import { desired } from "../support/plan.ts";

const OPTIONS = { category: "Genel", channel: "site" as const };

Deno.test("goneRow() sets every stock tag to 0 and keeps the rest, whatever text a value holds", () => {
  // Markup and CDATA ends pasted into Nebim's text: only the row's own tags are rewritten.
  const odd = "x]]></kat1><kat1><![CDATA[y</quantity><quantity>7</product>\n";
  const row = feedRows([desired("A1", { name: odd, quantity: 4, barcode: odd })], OPTIONS);
  const again = goneRow(row, OPTIONS);
  assert.equal(
    again,
    row.replace("<quantity><![CDATA[4]]>", "<quantity><![CDATA[0]]>")
      .replace("<varyantstok><![CDATA[4]]>", "<varyantstok><![CDATA[0]]>"),
  );
  assert.equal(goneRow(again!, OPTIONS), again, "copied again, the same");
  // catalog.zeroStockForVanished off: the stock stays as served.
  assert.equal(goneRow(row, OPTIONS, undefined, "served"), row);
});

Deno.test("goneRow() takes the category set now, and drops the price tags when prices are off", () => {
  const row = feedRows([desired("A1")], OPTIONS);
  const again = goneRow(row, { ...OPTIONS, category: "Giyim", prices: false });
  assert.equal(
    again,
    feedRows([desired("A1", { quantity: 0 })], { ...OPTIONS, category: "Giyim", prices: false }),
  );
});

Deno.test("goneRow() takes nothing that is not a whole row", () => {
  const row = feedRows([desired("A1")], OPTIONS);
  for (const text of ["", "<product></product>", row.slice(0, -20) + "</product>\n", row.slice(1)]) {
    assert.equal(goneRow(text, OPTIONS), undefined, text);
  }
});

Deno.test("goneRow() takes its product's tags (name, VAT, price) from productOf(sku), the variant's as they were", () => {
  const sku = "P]]>1";
  const row = feedRows([desired("A1", { productCode: sku })], OPTIONS);
  const asked: string[] = [];
  const product = { name: "Yeni Ad", price: "1.00", kdv: 20 };
  const again = goneRow(row, OPTIONS, (s) => (asked.push(s), product));
  assert.deepEqual(asked, [sku]);
  const now = feedRows(
    [desired("A1", { productCode: sku, quantity: 0, name: "Yeni Ad", vatRate: 20 })],
    OPTIONS,
  );
  assert.equal(again, now.replace("<price><![CDATA[899.90]]>", "<price><![CDATA[1.00]]>"));
  // Prices off: no price tag, whatever the product's.
  const off = { ...OPTIONS, prices: false };
  assert.equal(
    goneRow(row, off, () => product),
    feedRows([desired("A1", { productCode: sku, quantity: 0, name: "Yeni Ad", vatRate: 20 })], off),
  );
});

Deno.test("goneRow() gives a row served while prices were off the price tags it has now, where feedRows() puts them", () => {
  const off = { ...OPTIONS, prices: false };
  const served = feedRows([desired("A1")], off);
  const good = { name: "Keten Gömlek", kdv: 10, price: "5.00" };
  const again = goneRow(served, OPTIONS, () => undefined, 4, good);
  assert.equal(
    again,
    feedRows([desired("A1")], OPTIONS).replaceAll("<![CDATA[899.90]]>", "<![CDATA[5.00]]>"),
  );
  // No price known (a code gone from Nebim, no row of its product this build): none made up.
  assert.equal(goneRow(served, OPTIONS, () => undefined, 0), feedRows([desired("A1", { quantity: 0 })], off));
});
