import assert from "node:assert/strict";
import { BARCODE, connectToken, type Harness, harness, NOW, post, retailOrder } from "./fixture.ts";

/** Posts a two-line order and returns its number and line ids. */
async function placeOrder(h: Harness, token: string) {
  const a = await post(
    h.sim,
    token,
    retailOrder({
      Lines: [{ UsedBarcode: BARCODE, Qty1: 3, PriceVI: 120 }, {
        ItemTypeCode: 5,
        ItemCode: "KARGO",
        Qty1: 1,
        PriceVI: 30,
      }],
    }),
  );
  const lines = a.json.Lines as { LineID: string }[];
  return { orderNumber: String(a.json.OrderNumber), line1: lines[0]!.LineID, line2: lines[1]!.LineID };
}

function line(h: Harness, id: string) {
  return h.data.rows("trOrderLine").find((r) => r.OrderLineID === id)!;
}

Deno.test("ModelType 34 cancels line quantities: CancelQty1, CancelDate, OrderCancelReasonCode", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const o = await placeOrder(h, token);
  const a = await post(h.sim, token, {
    ModelType: "34",
    OrderNumber: o.orderNumber,
    Lines: [{ LineID: o.line1.toLowerCase(), Qty1: 2, OrderCancelReasonCode: "01" }],
    Payments: [{ PaymentType: 2, CreditCardTypeCode: "IYZ", Amount: 240 }],
  });
  assert.equal(a.status, 200);
  assert.equal(a.json.ExceptionMessage, undefined, String(a.json.ExceptionMessage));
  assert.equal(a.json.OrderNumber, o.orderNumber);
  const l1 = line(h, o.line1);
  assert.equal(l1.Qty1, 3);
  assert.equal(l1.CancelQty1, 2);
  assert.equal(l1.OrderCancelReasonCode, "01");
  assert.equal((l1.CancelDate as Date).toISOString(), NOW.toISOString().slice(0, 10) + "T00:00:00.000Z");
  assert.equal(line(h, o.line2).CancelQty1, 0);
  // The rest of the line can be cancelled later; then nothing is open.
  const rest = await post(h.sim, token, {
    ModelType: 34,
    OrderNumber: o.orderNumber,
    Lines: [{ LineID: o.line1, Qty1: 1, OrderCancelReasonCode: "01" }],
  });
  assert.equal(rest.json.ExceptionMessage, undefined, String(rest.json.ExceptionMessage));
  assert.equal(line(h, o.line1).CancelQty1, 3);
  const more = await post(h.sim, token, {
    ModelType: 34,
    OrderNumber: o.orderNumber,
    Lines: [{ LineID: o.line1, Qty1: 1, OrderCancelReasonCode: "01" }],
  });
  assert.match(String(more.json.ExceptionMessage), /Qty1 1 exceeds the open quantity 0/);
});

Deno.test("ModelType 34 rejections name the field, and a rejected request changes no line", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const o = await placeOrder(h, token);
  const other = await placeOrder(h, token);
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "missing OrderNumber",
      { Lines: [{ LineID: o.line1, Qty1: 1, OrderCancelReasonCode: "01" }] },
      /OrderNumber is required/,
    ],
    [
      "unknown order",
      { OrderNumber: "1-R-7-999", Lines: [{ LineID: o.line1, Qty1: 1, OrderCancelReasonCode: "01" }] },
      /OrderNumber "1-R-7-999"/,
    ],
    ["no lines", { OrderNumber: o.orderNumber, Lines: [] }, /Lines is required/],
    [
      "line of another order",
      { OrderNumber: o.orderNumber, Lines: [{ LineID: other.line1, Qty1: 1, OrderCancelReasonCode: "01" }] },
      /Lines\[0\]\.LineID ".*" does not belong to order/,
    ],
    [
      "LineID not a guid",
      { OrderNumber: o.orderNumber, Lines: [{ LineID: "line-1", Qty1: 1, OrderCancelReasonCode: "01" }] },
      /Lines\[0\]\.LineID "line-1" is not a valid uniqueidentifier/,
    ],
    [
      "unknown reason",
      { OrderNumber: o.orderNumber, Lines: [{ LineID: o.line1, Qty1: 1, OrderCancelReasonCode: "99" }] },
      /OrderCancelReasonCode "99".*cdOrderCancelReason/,
    ],
    [
      "missing reason",
      { OrderNumber: o.orderNumber, Lines: [{ LineID: o.line1, Qty1: 1 }] },
      /Lines\[0\]\.OrderCancelReasonCode is required/,
    ],
    [
      "more than the open quantity",
      { OrderNumber: o.orderNumber, Lines: [{ LineID: o.line1, Qty1: 4, OrderCancelReasonCode: "01" }] },
      /Qty1 4 exceeds the open quantity 3/,
    ],
    [
      "the same line twice, summing past the open quantity (after a valid first line)",
      {
        OrderNumber: o.orderNumber,
        Lines: [
          { LineID: o.line2, Qty1: 1, OrderCancelReasonCode: "01" },
          { LineID: o.line1, Qty1: 2, OrderCancelReasonCode: "01" },
          { LineID: o.line1, Qty1: 2, OrderCancelReasonCode: "01" },
        ],
      },
      /Lines\[2\]\.Qty1 2 exceeds the open quantity 1/,
    ],
    [
      "zero quantity",
      { OrderNumber: o.orderNumber, Lines: [{ LineID: o.line1, Qty1: 0, OrderCancelReasonCode: "01" }] },
      /Qty1 must be greater than 0/,
    ],
  ];
  for (const [name, body, message] of cases) {
    const a = await post(h.sim, token, { ModelType: 34, ...body });
    assert.equal(a.status, 200, name);
    assert.match(String(a.json.ExceptionMessage), message, name);
  }
  for (const r of h.data.rows("trOrderLine")) {
    assert.deepEqual([r.CancelQty1, r.CancelDate, r.OrderCancelReasonCode], [0, null, null]);
  }
});
