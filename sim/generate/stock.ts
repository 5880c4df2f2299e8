/**
 * trStock movements, and customer orders with their open reservations, dispatch orders and picking, for
 * every planned variant. Without anomalies the web warehouse W01 never goes negative and committed stock
 * never exceeds its on-hand; only the store warehouse D02 may be oversold (a real shop's state, outside
 * the default `catalog.warehouses`).
 * @module
 */

import { OVERSOLD } from "./anomalies.ts";
import { seededGuid } from "./codes.ts";
import { type GenContext, stampOn } from "./context.ts";
import type { PlannedItem, PlannedVariant } from "./plan.ts";

interface ReserveBatch {
  warehouse: string;
  lines: { item: PlannedItem; v: PlannedVariant; qty: number }[];
}

/** Writes trStock, then the orders and their commitments (reservation, dispatch order, picking). */
export function writeStock(ctx: GenContext, items: readonly PlannedItem[]): void {
  const { data, rng } = ctx;
  let stockId = 1_000_001;
  const docs = { P: 0, R: 0, WS: 0 };
  let negative: { item: PlannedItem; v: PlannedVariant; onHand: number } | undefined;
  const batches: Record<string, ReserveBatch> = {
    W01: { warehouse: "W01", lines: [] },
    MRK: { warehouse: "MRK", lines: [] },
  };
  let reserveNo = 0;

  const move = (
    item: PlannedItem,
    v: PlannedVariant,
    warehouse: string,
    process: "P" | "R" | "WS",
    inQty: number,
    outQty: number,
    day: number,
  ) => {
    const n = docs[process]++;
    const stamp = stampOn(ctx, day);
    data.insert("trStock", {
      StockID: stockId++,
      TransTypeCode: inQty > 0 ? 1 : 2,
      ProcessCode: process,
      // About twenty lines per document, as a real delivery note or sales batch has.
      DocumentNumber: `1-${process}-1-${String(1 + Math.floor(n / 20)).padStart(6, "0")}`,
      DocumentDate: ctx.days[day],
      OperationDate: ctx.days[day],
      ItemTypeCode: 1,
      ItemCode: item.code,
      ColorCode: v.color,
      ItemDim1Code: v.size,
      ItemDim2Code: "",
      ItemDim3Code: "",
      CompanyCode: "1",
      OfficeCode: "M",
      StoreCode: warehouse,
      WarehouseCode: warehouse,
      In_Qty1: inQty,
      Out_Qty1: outQty,
      CreatedUserName: "V3",
      CreatedDate: stamp,
      LastUpdatedUserName: "V3",
      LastUpdatedDate: stamp,
    });
  };

  // A batch is one customer order (trOrderHeader/Line) and its reservation. Part of a line may have moved
  // on to a dispatch order and from there to picking; each stage's st* table keeps what is open in it, so
  // a line's open units are split over the stages, and a shipped or cancelled unit is in none of them.
  const flush = (batch: ReserveBatch) => {
    if (!batch.lines.length) return;
    const day = rng.int(1, 20);
    const stamp = stampOn(ctx, day);
    const audit = {
      CreatedUserName: "V3",
      CreatedDate: stamp,
      LastUpdatedUserName: "V3",
      LastUpdatedDate: stamp,
    };
    const no = String(++reserveNo).padStart(6, "0");
    const wholesale = batch.warehouse !== "W01";
    const orderId = seededGuid(rng);
    data.insert("trOrderHeader", {
      OrderHeaderID: orderId,
      ProcessCode: wholesale ? "WS" : "R",
      OrderNumber: `1-${wholesale ? "WS" : "R"}-2-${no}`,
      OrderDate: ctx.days[day],
      CurrAccTypeCode: wholesale ? 1 : 4,
      CurrAccCode: wholesale ? "C-0001" : "WEB001",
      OfficeCode: "M",
      WarehouseCode: batch.warehouse,
      ...audit,
    });
    const headers = new Map<string, string>();
    const header = (stage: "Reserve" | "DispOrder" | "Picking", prefix: string): string => {
      let id = headers.get(stage);
      if (!id) {
        id = seededGuid(rng);
        headers.set(stage, id);
        data.insert(`tr${stage}Header`, {
          [`${stage}HeaderID`]: id,
          [`${stage}Number`]: `1-${prefix}-1-${no}`,
          [`${stage}Date`]: ctx.days[day],
          OfficeCode: "M",
          WarehouseCode: batch.warehouse,
          IsCompleted: true,
          ...audit,
        });
      }
      return id;
    };
    batch.lines.forEach(({ item, v, qty }, i) => {
      const orderLineId = seededGuid(rng);
      const cancelled = qty > 1 && rng.chance(0.2) ? 1 : 0;
      data.insert("trOrderLine", {
        OrderLineID: orderLineId,
        OrderHeaderID: orderId,
        SortOrder: i + 1,
        ItemTypeCode: 1,
        ItemCode: item.code,
        ColorCode: v.color,
        ItemDim1Code: v.size,
        ItemDim2Code: "",
        ItemDim3Code: "",
        Qty1: qty,
        CancelQty1: cancelled,
        ...audit,
      });
      const reserveLineId = seededGuid(rng);
      data.insert("trReserveLine", {
        ReserveLineID: reserveLineId,
        ReserveHeaderID: header("Reserve", "RS"),
        SortOrder: i + 1,
        Qty1: qty - cancelled,
        OrderLineID: orderLineId,
        ...audit,
      });
      let open = qty - cancelled - (rng.chance(0.2) ? 1 : 0); // one unit may be shipped already
      const dispatched = open > 0 && rng.chance(0.3) ? 1 : 0;
      const picking = dispatched && rng.chance(0.4) ? 1 : 0;
      open -= dispatched;
      if (open > 0) {
        data.insert("stReserve", { OrderLineID: orderLineId, ReserveLineID: reserveLineId, Qty1: open });
      }
      if (!dispatched) return;
      const dispOrderLineId = seededGuid(rng);
      data.insert("trDispOrderLine", {
        DispOrderLineID: dispOrderLineId,
        DispOrderHeaderID: header("DispOrder", "DO"),
        SortOrder: i + 1,
        Qty1: dispatched,
        OrderLineID: orderLineId,
        ReserveLineID: reserveLineId,
        ...audit,
      });
      if (!picking) {
        data.insert("stDispOrder", {
          OrderLineID: orderLineId,
          ReserveLineID: reserveLineId,
          DispOrderLineID: dispOrderLineId,
          Qty1: dispatched,
        });
        return;
      }
      const pickingLineId = seededGuid(rng);
      data.insert("trPickingLine", {
        PickingLineID: pickingLineId,
        PickingHeaderID: header("Picking", "PI"),
        SortOrder: i + 1,
        Qty1: picking,
        OrderLineID: orderLineId,
        ReserveLineID: reserveLineId,
        DispOrderLineID: dispOrderLineId,
        ...audit,
      });
      data.insert("stPicking", {
        OrderLineID: orderLineId,
        ReserveLineID: reserveLineId,
        DispOrderLineID: dispOrderLineId,
        PickingLineID: pickingLineId,
        Qty1: picking,
      });
    });
    batch.lines = [];
  };

  const reserve = (warehouse: string, item: PlannedItem, v: PlannedVariant, onHand: number) => {
    const batch = batches[warehouse]!;
    batch.lines.push({ item, v, qty: rng.int(1, Math.min(3, onHand)) });
    if (batch.lines.length >= rng.int(1, 4)) flush(batch);
  };

  for (const item of items) {
    for (const v of item.variants) {
      // W01: the web warehouse. 8 % never stocked there; some sold out to exactly 0.
      let w01 = 0;
      if (rng.chance(0.92)) {
        const bought = rng.int(1, 40);
        move(item, v, "W01", "P", bought, 0, rng.int(60, 360));
        w01 = bought;
        if (rng.chance(0.1)) {
          const more = rng.int(1, 20);
          move(item, v, "W01", "P", more, 0, rng.int(30, 59));
          w01 += more;
        }
        if (rng.chance(0.7)) {
          const sold = rng.chance(0.12) ? w01 : rng.int(1, w01);
          move(item, v, "W01", "R", 0, sold, rng.int(1, 29));
          w01 -= sold;
        }
      }
      // MRK: the central depot, feeding wholesale.
      let mrk = 0;
      if (rng.chance(0.35)) {
        mrk = rng.int(5, 100);
        move(item, v, "MRK", "P", mrk, 0, rng.int(60, 360));
        if (rng.chance(0.3)) {
          const sold = rng.int(1, mrk);
          move(item, v, "MRK", "WS", 0, sold, rng.int(1, 59));
          mrk -= sold;
        }
      }
      // D02: a shop that sometimes sells before the delivery is booked, so it can go negative.
      if (rng.chance(0.12)) {
        move(item, v, "D02", "P", rng.int(1, 5), 0, rng.int(60, 360));
        move(item, v, "D02", "R", 0, rng.int(1, 8), rng.int(1, 59));
      }
      if (item.anomaly === "negativeStock" && v === item.variants[0]) negative = { item, v, onHand: w01 };
      else if (w01 >= 2 && rng.chance(0.03)) reserve("W01", item, v, w01);
      else if (mrk >= 2 && rng.chance(0.005)) reserve("MRK", item, v, mrk);
    }
  }
  flush(batches.W01!);
  flush(batches.MRK!);
  if (negative) {
    // Sold more than W01 holds: appended last so the rest of the ledger is the same as without anomalies.
    move(negative.item, negative.v, "W01", "R", 0, negative.onHand + OVERSOLD, 1);
  }
}
