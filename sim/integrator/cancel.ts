/**
 * Post of ModelType 34, order (line) cancellation (research/nebim.md §4.7): every LineID must belong to
 * the order, the reason must exist, and no line may be cancelled beyond its open quantity. The effect is
 * what Nebim does to the line: CancelQty1 grows, CancelDate and OrderCancelReasonCode are set.
 * @module
 */

import type { NebimDataSet, Row } from "../nebim/dataset.ts";
import { field, isObject, type JsonObject, NebimRejection, readNumber, readText, setField } from "./json.ts";
import { requireCode, sameCode } from "./lookup.ts";
import type { SimUser } from "./sessions.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function cancelOrder(data: NebimDataSet, user: SimUser, body: JsonObject): JsonObject {
  const orderNumber = readText(body, "OrderNumber", { required: true, max: 30 });
  const header = data.rows("trOrderHeader").find((r) => sameCode(r.OrderNumber, orderNumber));
  if (!header) throw new NebimRejection(`OrderNumber "${orderNumber}" V3'te bulunamadı (order not found).`);
  const lines = field(body, "Lines");
  if (!Array.isArray(lines) || lines.length === 0) {
    throw new NebimRejection("Lines alanı zorunludur (Lines is required: the lines to cancel).");
  }
  // Validate everything first, summing repeated LineIDs, so that a rejection changes nothing.
  const plan = new Map<Row, { qty: number; reason: string }>();
  lines.forEach((line, i) => {
    const label = `Lines[${i}].`;
    if (!isObject(line)) throw new NebimRejection(`Lines[${i}] must be an object.`);
    const lineId = readText(line, "LineID", { path: label, required: true });
    if (!GUID.test(lineId)) {
      throw new NebimRejection(`${label}LineID "${lineId}" is not a valid uniqueidentifier.`);
    }
    const row = data.rows("trOrderLine").find((r) =>
      sameCode(r.OrderLineID, lineId) && sameCode(r.OrderHeaderID, String(header.OrderHeaderID))
    );
    if (!row) throw new NebimRejection(`${label}LineID "${lineId}" does not belong to order ${orderNumber}.`);
    const reason = readText(line, "OrderCancelReasonCode", { path: label, required: true, max: 10 });
    requireCode(
      data,
      "cdOrderCancelReason",
      { OrderCancelReasonCode: reason },
      `${label}OrderCancelReasonCode`,
      reason,
    );
    const qty = readNumber(line, "Qty1", { path: label, required: true })!;
    if (qty <= 0) throw new NebimRejection(`${label}Qty1 must be greater than 0 (got ${qty}).`);
    const prior = plan.get(row)?.qty ?? 0;
    const open = Number(row.Qty1) - Number(row.CancelQty1) - prior;
    if (qty > open) {
      throw new NebimRejection(
        `${label}Qty1 ${qty} exceeds the open quantity ${open} of line ${lineId} (order ${orderNumber}).`,
      );
    }
    plan.set(row, { qty: prior + qty, reason });
  });
  const now = data.clock();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  for (const [row, { qty, reason }] of plan) {
    data.update("trOrderLine", (r) => r === row, {
      CancelQty1: Number(row.CancelQty1) + qty,
      CancelDate: today,
      OrderCancelReasonCode: reason,
      LastUpdatedUserName: user.userName,
    });
  }
  const echo = structuredClone(body);
  setField(echo, "ModelType", 34);
  setField(echo, "OrderNumber", String(header.OrderNumber));
  return echo;
}
