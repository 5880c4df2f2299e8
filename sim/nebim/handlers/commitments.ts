/**
 * Stock committed to open orders in the simulated Nebim: the three stages (reservation, dispatch order,
 * picking), each a header with its warehouse, lines pointing at an order line, and a state table with the
 * open quantity. The item of a commitment is its order line's (trOrderLine), as in Nebim.
 * @module
 */

import type { Row } from "../dataset.ts";
import { ciKey } from "./collate.ts";
import type { NebimIndexes } from "./indexes.ts";

/** Each stage's table names and ids: `stX` → `trXLine` → `trXHeader`. */
export const STAGES = ["Reserve", "DispOrder", "Picking"].map((name) => ({
  state: `st${name}`,
  line: `tr${name}Line`,
  header: `tr${name}Header`,
  lineId: `${name}LineID`,
  headerId: `${name}HeaderID`,
}));

/** The first row of `index` under `id`'s key whose `column` equals it (the index groups case-blind). */
function one(index: Map<string, Row[]>, column: string, id: unknown): Row | undefined {
  return (index.get(ciKey(id)) ?? []).find((r) => ciKey(r[column]) === ciKey(id));
}

/** The header of a stage line when it is in one of `warehouses` (case-blind keys). */
export function lineHeaderIn(
  idx: NebimIndexes,
  stage: (typeof STAGES)[number],
  line: Row,
  warehouses: ReadonlySet<string>,
): Row | undefined {
  const header = one(idx.byColumn(stage.header, stage.headerId), stage.headerId, line[stage.headerId]);
  return header && warehouses.has(ciKey(header.WarehouseCode)) ? header : undefined;
}

/**
 * The open quantity committed to one order line across the stages, in the warehouses; undefined when no
 * state row there points at it (the inner join gives the order line no row at all then). With `distinct`
 * (stages joined by UNION, not UNION ALL) equal quantities of one order line count once, as SQL Server
 * removes duplicate (OrderLineID, Qty1) rows.
 */
export function openQuantity(
  idx: NebimIndexes,
  orderLine: Row,
  warehouses: ReadonlySet<string>,
  distinct = false,
): number | undefined {
  let sum: number | undefined;
  const seen = new Set<number>();
  const id = ciKey(orderLine.OrderLineID);
  for (const stage of STAGES) {
    for (const st of idx.byColumn(stage.state, "OrderLineID").get(id) ?? []) {
      if (ciKey(st.OrderLineID) !== id) continue;
      const line = one(idx.byColumn(stage.line, stage.lineId), stage.lineId, st[stage.lineId]);
      if (!line || !lineHeaderIn(idx, stage, line, warehouses)) continue;
      const qty = Number(st.Qty1 ?? 0);
      if (distinct && seen.has(qty)) continue;
      seen.add(qty);
      sum = (sum ?? 0) + qty;
    }
  }
  return sum;
}
