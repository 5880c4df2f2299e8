import assert from "node:assert/strict";
import { availableStock, mapVariants, MAX_QUANTITY } from "../../sync/desired.ts";
import { keyText } from "../../sync/key_text.ts";
import { stockCodeOf } from "../../sync/stock_code.ts";
import { KML_1001_BEY_M, MAPPING as OPTIONS, nebimVariant as variant } from "../support/mapping.ts";

Deno.test("mapVariants() maps a clean variant: code, product, names, stock and both prices", () => {
  const { variants, problems } = mapVariants([variant()], OPTIONS);
  assert.deepEqual(problems, []);
  const d = variants[0]!;
  assert.equal(d.stockCode, "8690000000017");
  assert.equal(d.productCode, "KML-1001");
  assert.equal(d.name, "Keten Gömlek");
  assert.deepEqual(d.variantValues, { name1: "Renk", value1: "Beyaz", name2: "Beden", value2: "M" });
  assert.equal(d.quantity, 5);
  assert.equal(d.price, 82500); // 500 × 1.5 × 1.10
  assert.equal(d.marketplacePrice, 88000); // 500 × 1.6 × 1.10
});

Deno.test("availableStock() subtracts reservations and the safety stock and never goes below 0", () => {
  assert.equal(availableStock(variant(), { subtractReservations: true, safetyStock: 0 }), 5);
  assert.equal(availableStock(variant(), { subtractReservations: false, safetyStock: 0 }), 7);
  assert.equal(availableStock(variant(), { subtractReservations: true, safetyStock: 2 }), 3);
  assert.equal(availableStock(variant({ onHand: 1 }), { subtractReservations: true, safetyStock: 2 }), 0);
});

Deno.test("availableStock() counts float sums of fractional units as Nebim does, not a hair under", () => {
  const o = { subtractReservations: true, safetyStock: 0 };
  // 0.7 + 0.1 + 0.1 + 0.1 (metres of cloth received in four lines) is 0.9999999999999999 in float.
  const metre = 0.7 + 0.1 + 0.1 + 0.1;
  assert.ok(metre < 1);
  assert.equal(availableStock(variant({ onHand: metre, reserved: 0 }), o), 1);
  assert.equal(availableStock(variant({ onHand: 2 + metre, reserved: 0 }), o), 3);
  assert.equal(availableStock(variant({ onHand: 3, reserved: metre }), o), 2);
  // A real fraction still counts down to whole units.
  assert.equal(availableStock(variant({ onHand: 2.5, reserved: 0 }), o), 2);
  assert.equal(availableStock(variant({ onHand: 0.999, reserved: 0 }), o), 0);
});

Deno.test("stockCodeOf() fills a template and leaves no trace of unused dimensions", () => {
  const t = { from: "template" as const, template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" };
  assert.equal(stockCodeOf(variant(), t), "KML-1001-BEY-M");
  assert.equal(stockCodeOf(variant({}, { itemDim1Code: "" }), t), "KML-1001-BEY");
  assert.equal(stockCodeOf(variant({}, { colorCode: "", itemDim1Code: "" }), t), "KML-1001");
});

Deno.test("mapVariants() under a template sends the first barcode without spaces at its ends; a blank one is the code", () => {
  const o = { ...OPTIONS, stockCode: { from: "template" as const, template: "{ItemCode}-{ItemDim1Code}" } };
  const { variants } = mapVariants([
    variant({ barcodes: ["8690000000017  ", "8690000000099"] }),
    variant({ barcodes: ["   "] }, { itemDim1Code: "L" }),
  ], o);
  assert.deepEqual(variants.map((d) => [d.stockCode, d.barcode]), [
    ["KML-1001-M", "8690000000017"],
    ["KML-1001-L", "KML-1001-L"],
  ]);
});

Deno.test("mapVariants() groups by item + colour when set, with the colour in the name", () => {
  const { variants } = mapVariants([variant()], { ...OPTIONS, groupBy: "itemColor" });
  assert.equal(variants[0]!.productCode, "KML-1001-BEY");
  assert.equal(variants[0]!.name, "Keten Gömlek Beyaz");
});

Deno.test("mapVariants() reports each bad input by record and keeps the rest", () => {
  const rows = [
    variant({ barcodes: [] }, { itemDim1Code: "S" }),
    variant({ barcodes: ["abc 123"] }, { itemDim1Code: "L" }),
    variant({ barcodes: ["DUP1"] }, { itemDim1Code: "XL" }),
    variant({ barcodes: ["DUP1"] }, { itemDim1Code: "XXL" }),
    variant({ barcodes: ["NAMELESS"], itemName: null }, { itemCode: "KML-2" }),
    variant({ barcodes: ["LONG"], itemName: "Ç".repeat(300) }, { itemCode: "KML-3" }),
    variant({ barcodes: ["NEG"], onHand: -3 }, { itemCode: "KML-4" }),
    variant({ barcodes: ["FREE"], costKurus: 0 }, { itemCode: "KML-5" }),
    variant({ barcodes: ["NOVAT"], vatRate: null, taxGroupCode: "%99" }, { itemCode: "KML-6" }),
    variant({ barcodes: ["EURO"], costCurrency: "EUR" }, { itemCode: "KML-7" }),
    variant({ barcodes: ["HUGE"], onHand: 3_000_000_000, reserved: 0 }, { itemCode: "KML-9" }),
    variant({ barcodes: ["MOST"], onHand: MAX_QUANTITY, reserved: 0 }, { itemCode: "KML-10" }),
    variant({ barcodes: ["GOOD"] }, { itemCode: "KML-8" }),
  ];
  const { variants, problems } = mapVariants(rows, OPTIONS);
  const reason = (subject: string) =>
    problems.filter((p) => p.subject === subject).map((p) => p.reason).join(" | ");
  assert.match(reason("KML-1001/BEY/S"), /no barcode of type "DEF"/);
  assert.match(reason("abc 123"), /spaces, lowercase/);
  assert.match(reason("DUP1"), /used by 2 variants/);
  assert.match(reason("NAMELESS"), /no item description/);
  assert.match(reason("LONG"), /300 characters/);
  assert.match(reason("NEG"), /negative stock -3/);
  assert.match(reason("FREE"), /cost is 0/);
  assert.match(reason("NOVAT"), /tax group "%99"/);
  assert.match(reason("EURO"), /EUR, not TRY/);
  assert.match(
    reason("HUGE"),
    /stock 3000000000 in Nebim is more than the store takes \(2147483647\); pushed as 0/,
  );
  assert.equal(reason("MOST"), "");
  assert.deepEqual(variants.map((v) => v.stockCode), [
    "NAMELESS",
    "LONG",
    "NEG",
    "FREE",
    "NOVAT",
    "EURO",
    "HUGE",
    "MOST",
    "GOOD",
  ]);
  const by = new Map(variants.map((v) => [v.stockCode, v]));
  assert.equal(by.get("NAMELESS")!.name, null);
  assert.equal(by.get("LONG")!.name, null);
  assert.equal(by.get("NEG")!.quantity, 0);
  assert.equal(by.get("HUGE")!.quantity, 0);
  assert.equal(by.get("MOST")!.quantity, MAX_QUANTITY);
  assert.equal(by.get("FREE")!.price, null);
  assert.equal(by.get("NOVAT")!.price, null);
  assert.equal(by.get("EURO")!.price, null);
  assert.equal(by.get("GOOD")!.price, 82500);
});

Deno.test("mapVariants() names the item of a held price: the subject is a barcode, Nebim keeps the cost by item", () => {
  const held = (fields: Parameters<typeof variant>[0], o = OPTIONS) =>
    mapVariants([variant(fields, { itemCode: "KML-5" })], o).problems.filter((p) => p.kind === "price")
      .map((p) => p.reason);
  assert.deepEqual(held({ costKurus: 0 }), ["item KML-5: cost is 0; price held"]);
  assert.deepEqual(held({ costKurus: -150 }), ["item KML-5: cost is negative (-1.50 TL); price held"]);
  assert.deepEqual(held({ costKurus: null }), ["item KML-5: no cost in Nebim; price held"]);
  assert.deepEqual(held({ costKurus: null }, { ...OPTIONS, costSource: "no base price 1" }), [
    "no cost in Nebim for item KML-5: no base price 1; price held",
  ]);
  assert.deepEqual(held({ costCurrency: "EUR" }), ["cost of item KML-5 is in EUR, not TRY; price held"]);
  assert.deepEqual(held({ vatRate: null, taxGroupCode: "%99" }), [
    'item KML-5: unknown VAT rate (tax group "%99" has no VAT rate); price held',
  ]);
});

Deno.test("mapVariants() gives a blocked or not-for-internet variant stock 0 and marks it not sellable", () => {
  for (
    const over of [{ itemBlocked: true }, { variantBlocked: true }, { itemUseInternet: false }, {
      variantUseInternet: false,
    }]
  ) {
    const { variants } = mapVariants([variant(over)], OPTIONS);
    assert.equal(variants[0]!.sellable, false);
    assert.equal(variants[0]!.quantity, 0);
  }
});

Deno.test("mapVariants() reports a missing VAT rate that a VAT-inclusive cost prices without, naming the tax group or its absence", () => {
  const rules = { ...OPTIONS.rules, costIncludesVat: true };
  const { variants, problems } = mapVariants([
    variant({ barcodes: ["G99"], vatRate: null, taxGroupCode: "%99" }, { itemCode: "KML-7" }),
    variant({ barcodes: ["NOGROUP"], vatRate: null, taxGroupCode: "" }, { itemCode: "KML-8" }),
  ], { ...OPTIONS, rules });
  assert.ok(variants.every((d) => d.price !== null && d.vatRate === null), "priced, rate still unknown");
  assert.deepEqual(problems.map((p) => [p.subject, p.kind]), [["G99", "vat"], ["NOGROUP", "vat"]]);
  assert.match(
    problems[0]!.reason,
    /tax group "%99" of KML-7 has none in Nebim; a new product is not created/,
  );
  assert.match(problems[1]!.reason, /item KML-8 has no tax group/);
});

Deno.test("mapVariants() tells apart in their variant values two variants that differ only in ItemDim2/ItemDim3", () => {
  // Nebim's ItemDimTypeCode 3 (colour, size, second dimension): a bra 75 B and 75 C, jeans 30/32 and 30/34.
  const { variants, problems } = mapVariants([
    variant({ barcodes: ["8690000000101"] }, { itemDim1Code: "75", itemDim2Code: "B" }),
    variant({ barcodes: ["8690000000102"] }, { itemDim1Code: "75", itemDim2Code: "C" }),
    variant({ barcodes: ["8690000000103"] }, { itemDim1Code: "75", itemDim2Code: "C", itemDim3Code: "X" }),
  ], OPTIONS);
  assert.deepEqual(problems, []);
  assert.deepEqual(variants.map((d) => d.variantValues.value2), ["75/B", "75/C", "75/C/X"]);
  assert.equal(variants[0]!.variantValues.name2, "Beden");
});

Deno.test("keyText() names one variant only: a code with a slash or a quote in it is quoted", () => {
  const key = KML_1001_BEY_M;
  assert.equal(keyText({ ...key, itemCode: "KZK", colorCode: "01" }), "KZK/01/M");
  assert.equal(keyText({ ...key, itemCode: "KZK/01", colorCode: "" }), '"KZK/01"/M');
  assert.equal(
    keyText({ ...key, itemCode: '"KZK', colorCode: "01", itemDim1Code: 'M"' }),
    '"\\"KZK"/01/"M\\""',
  );
});
