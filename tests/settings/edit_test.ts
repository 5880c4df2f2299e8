import assert from "node:assert/strict";
import { applyEdit, editBetween, parseSettings } from "../../settings/mod.ts";

Deno.test("editBetween(): equal documents are no edit; a changed scalar is patched alone", () => {
  const a = parseSettings({ pricing: { site: { percent: 25 } } });
  assert.equal(editBetween(a, structuredClone(a)), undefined);
  const b = parseSettings({ pricing: { site: { percent: 40 } } });
  assert.deepEqual(editBetween(a, b), { patch: { pricing: { site: { percent: 40 } } }, nulls: [] });
});

Deno.test("editBetween(): an orders.channels entry gone from the file is removed; arrays are replaced whole", () => {
  const a = parseSettings({
    orders: { channels: { trendyol: { customerCode: "TRD001" } } },
    pricing: { special: [{ from: 0, to: 100, percent: 60 }, { from: 100, percent: 10 }] },
  });
  const b = parseSettings({ pricing: { special: [{ from: 0, to: 100, percent: 60 }] } });
  const edit = editBetween(a, b)!;
  assert.deepEqual(edit.patch, {
    orders: { channels: { trendyol: null } },
    pricing: { special: b.pricing.special },
  });
  const current = parseSettings({
    orders: { channels: { trendyol: { customerCode: "TRD001" }, hepsiburada: { customerCode: "HB001" } } },
  });
  const next = applyEdit(current, edit);
  assert.deepEqual(Object.keys(next.orders.channels).sort(), ["default", "hepsiburada"]);
  assert.deepEqual(next.pricing.special, b.pricing.special);
});

Deno.test("editBetween(): a stock-code form changed is sent whole, so a key both forms share keeps the file's value", () => {
  const a = parseSettings({ catalog: { stockCode: { from: "barcode", barcodeTypeCode: "EAN13" } } });
  const b = parseSettings({
    catalog: {
      stockCode: { from: "template", template: "{ItemCode}-{ColorCode}", barcodeTypeCode: "EAN13" },
    },
  });
  const next = applyEdit(a, editBetween(a, b)!);
  assert.deepEqual(next.catalog.stockCode, b.catalog.stockCode);
});

Deno.test("applyEdit(): a key the file set to null is null, not its default", () => {
  const a = parseSettings({});
  const b = parseSettings({ catalog: { vanishLimit: null } });
  const edit = editBetween(a, b)!;
  assert.deepEqual(edit.nulls, [["catalog", "vanishLimit"]]);
  assert.equal(applyEdit(a, edit).catalog.vanishLimit, null);
});
