/**
 * Stock committed to open orders, as Nebim itself counts it (its qry_GetItemInventory_Shipment: available =
 * inventory − (reserve + dispatch order + picking)): three stages, each a header carrying the warehouse,
 * lines, and a state table holding the still-open quantity (research/nebim.md §5.9). No stage line carries
 * the item: the variant is the order line's (trOrderLine, by OrderLineID). Same rules as queries.ts.
 * @module
 */

import {
  itemFilter,
  type ItemSelection,
  list,
  type NebimStatement,
  statement,
  VARIANT_COLUMNS,
  warehouseParams,
} from "./statement.ts";

/** A stage's three tables and their ids, e.g. stReserve → trReserveLine → trReserveHeader. */
export interface CommitmentStage {
  state: string;
  line: string;
  header: string;
  lineId: string;
  headerId: string;
}

function stage(name: string): CommitmentStage {
  return {
    state: `st${name}`,
    line: `tr${name}Line`,
    header: `tr${name}Header`,
    lineId: `${name}LineID`,
    headerId: `${name}HeaderID`,
  };
}

/** Reservation, dispatch order (sevk emri), picking (toplama): a quantity moves on from one to the next. */
export const COMMITMENT_STAGES: readonly CommitmentStage[] = [
  stage("Reserve"),
  stage("DispOrder"),
  stage("Picking"),
];

/** The open quantity per order line of each stage in the warehouses, as one UNION ALL (OrderLineID, Qty1). */
function openPerOrderLine(ws: string): string {
  return COMMITMENT_STAGES.map((s) => `
  SELECT st.OrderLineID, st.Qty1 FROM ${s.state} st WITH (NOLOCK)
  JOIN ${s.line} l WITH (NOLOCK) ON l.${s.lineId} = st.${s.lineId}
  JOIN ${s.header} h WITH (NOLOCK) ON h.${s.headerId} = l.${s.headerId}
  WHERE h.WarehouseCode IN (${ws})`).join("\n  UNION ALL");
}

/**
 * Units committed per variant in the warehouses: open reservations, dispatch orders and picking, summed.
 * Subtracted from on-hand when `catalog.subtractReservations` is on.
 */
export function reservedQuery(items: ItemSelection, warehouses: readonly string[]): NebimStatement {
  const f = itemFilter("o.ItemCode", items);
  return statement(
    "reserved",
    `
SELECT ${VARIANT_COLUMNS("o")}, SUM(c.Qty1) AS Reserved
FROM trOrderLine o WITH (NOLOCK)
JOIN (${openPerOrderLine(list("w", warehouses.length))}
) c ON c.OrderLineID = o.OrderLineID
WHERE o.ItemTypeCode = 1 AND ${f.sql}
GROUP BY ${VARIANT_COLUMNS("o")}`,
    [...f.params, ...warehouseParams(warehouses)],
  );
}

/**
 * The changedItems parts for committed stock, one per table so each filters on its own LastUpdatedDate (an
 * index on it can serve): an order line changed in the window (a cancellation changes the order line, even
 * when it deletes the stage rows behind it), or a stage's line or header in the warehouses. The state tables
 * carry no dates; a quantity moves on by a new or changed line.
 */
export function changedCommitments(ws: string, window: (alias: string) => string): string {
  const stages = COMMITMENT_STAGES.map((s) => `
UNION
SELECT o.ItemCode FROM ${s.line} l WITH (NOLOCK)
JOIN ${s.header} h WITH (NOLOCK) ON h.${s.headerId} = l.${s.headerId}
JOIN trOrderLine o WITH (NOLOCK) ON o.OrderLineID = l.OrderLineID
WHERE o.ItemTypeCode = 1 AND h.WarehouseCode IN (${ws}) AND ${window("l")}
UNION
SELECT o.ItemCode FROM ${s.header} h WITH (NOLOCK)
JOIN ${s.line} l WITH (NOLOCK) ON l.${s.headerId} = h.${s.headerId}
JOIN trOrderLine o WITH (NOLOCK) ON o.OrderLineID = l.OrderLineID
WHERE o.ItemTypeCode = 1 AND h.WarehouseCode IN (${ws}) AND ${window("h")}`).join("");
  return `
UNION
SELECT o.ItemCode FROM trOrderLine o WITH (NOLOCK)
WHERE o.ItemTypeCode = 1 AND ${window("o")}${stages}`;
}
