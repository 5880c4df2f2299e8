import assert from "node:assert/strict";
import { toWireProductInput, toWireStockPriceItem } from "../../qukasoft/map.ts";

Deno.test("toWireProductInput() leaves out every field the caller left out", () => {
  assert.deepEqual(toWireProductInput({ productCode: "A" }), { productCode: "A" });
  assert.deepEqual(
    toWireProductInput({ productCode: "A", variants: [{ stockCode: "s", quantity: 0 }] }),
    { productCode: "A", variants: [{ stockCode: "s", quantity: 0 }] },
  );
  assert.deepEqual(
    toWireProductInput({
      productCode: "A",
      name: "N",
      vatRate: 10,
      active: false,
      variants: [{ stockCode: "s", value1: "Beyaz", priceKurus: 89990, marketplacePriceKurus: 94990 }],
    }),
    {
      productCode: "A",
      name: "N",
      vatRate: 10,
      active: false,
      variants: [{ stockCode: "s", value1: "Beyaz", price: 899.9, marketplacePrice: 949.9 }],
    },
  );
});

Deno.test("toWireStockPriceItem() converts kuruş and names a bad amount's field and stock code", () => {
  assert.deepEqual(toWireStockPriceItem({ stockCode: "s", priceKurus: 5 }), { stockCode: "s", price: 0.05 });
  assert.throws(
    () => toWireStockPriceItem({ stockCode: "s", marketplacePriceKurus: Number.NaN }),
    /^RangeError: marketplacePriceKurus of stock code "s" must be an integer: current value is NaN$/,
  );
  // 16 digits of kuruş would reach the store as another number (99999999999999.99 → …98): refused.
  assert.deepEqual(toWireStockPriceItem({ stockCode: "s", priceKurus: 999_999_999_999_999 }), {
    stockCode: "s",
    price: 9_999_999_999_999.99,
  });
  assert.throws(
    () => toWireStockPriceItem({ stockCode: "s", priceKurus: 9_999_999_999_999_999 }),
    /^RangeError: priceKurus of stock code "s" is too large to send exactly \(at most 15 digits of kuruş\)/,
  );
});

Deno.test("toWireProductInput() carries every variant field the caller set, under the contract's names", () => {
  const variant = { barcode: "8690000000017", name1: "Renk", value1: "Beyaz", name2: "Beden", value2: "M" };
  assert.deepEqual(
    toWireProductInput({
      productCode: "KML-1001",
      variants: [{ stockCode: "8690000000017", ...variant, quantity: 4, priceKurus: 89990 }],
    }).variants,
    [{ stockCode: "8690000000017", ...variant, quantity: 4, price: 899.9 }],
  );
});

Deno.test("toWireProductInput() sends a new variant's fields in the contract's order, whichever names it has", () => {
  const base = { stockCode: "S1", barcode: "B1", quantity: 2, priceKurus: 1050, marketplacePriceKurus: 1190 };
  const wire = (extra: Record<string, string>) =>
    JSON.stringify(toWireProductInput({ productCode: "P", variants: [{ ...extra, ...base }] }).variants![0]);
  const tail = '"quantity":2,"price":10.5,"marketplacePrice":11.9}';
  assert.equal(wire({}), `{"stockCode":"S1","barcode":"B1",${tail}`);
  assert.equal(
    wire({ value1: "Beyaz", name1: "Renk" }),
    `{"stockCode":"S1","barcode":"B1","name1":"Renk","value1":"Beyaz",${tail}`,
  );
  assert.equal(
    wire({ value2: "M", name2: "Beden" }),
    `{"stockCode":"S1","barcode":"B1","name2":"Beden","value2":"M",${tail}`,
  );
  assert.equal(
    wire({ value2: "M", name2: "Beden", value1: "Beyaz", name1: "Renk" }),
    `{"stockCode":"S1","barcode":"B1","name1":"Renk","value1":"Beyaz","name2":"Beden","value2":"M",${tail}`,
  );
  // A name without its value (or the reverse) is sent as the caller set it.
  assert.deepEqual(
    toWireProductInput({ productCode: "P", variants: [{ ...base, name1: "Renk" }] }).variants,
    [
      { stockCode: "S1", barcode: "B1", name1: "Renk", quantity: 2, price: 10.5, marketplacePrice: 11.9 },
    ],
  );
  assert.deepEqual(toWireProductInput({ productCode: "P", variants: [{ ...base, value2: "M" }] }).variants, [
    { stockCode: "S1", barcode: "B1", value2: "M", quantity: 2, price: 10.5, marketplacePrice: 11.9 },
  ]);
  assert.throws(
    () => toWireProductInput({ productCode: "P", variants: [{ ...base, marketplacePriceKurus: 1.5 }] }),
    /marketplacePriceKurus of stock code "S1" must be an integer/,
  );
});

Deno.test("toWireProductInput(): a variant without its barcode, stock or one price leaves that out", () => {
  assert.deepEqual(
    toWireProductInput({
      productCode: "A",
      variants: [
        { stockCode: "s", quantity: 2, marketplacePriceKurus: 94990 },
        { stockCode: "t", barcode: "B", quantity: 2, priceKurus: 89990 },
        { stockCode: "u", quantity: 2, priceKurus: 89990, marketplacePriceKurus: 94990 },
        { stockCode: "v", barcode: "B", quantity: 2, marketplacePriceKurus: 94990 },
        { stockCode: "w", barcode: "B", priceKurus: 89990, marketplacePriceKurus: 94990 },
      ],
    }).variants,
    [
      { stockCode: "s", quantity: 2, marketplacePrice: 949.9 },
      { stockCode: "t", barcode: "B", quantity: 2, price: 899.9 },
      { stockCode: "u", quantity: 2, price: 899.9, marketplacePrice: 949.9 },
      { stockCode: "v", barcode: "B", quantity: 2, marketplacePrice: 949.9 },
      { stockCode: "w", barcode: "B", price: 899.9, marketplacePrice: 949.9 },
    ],
  );
});
