/**
 * trStock movements and reservations for every planned variant. Without anomalies the web warehouse W01
 * never goes negative and open reservations never exceed its on-hand; only the store warehouse D02 may
 * be oversold (a real shop's state, outside the default `catalog.warehouses`).
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

/** Writes trStock, then trReserveHeader/Line and stReserve, for every planned variant. */
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

  const flush = (batch: ReserveBatch) => {
    if (!batch.lines.length) return;
    const headerId = seededGuid(rng);
    const day = rng.int(1, 20);
    const stamp = stampOn(ctx, day);
    const audit = {
      CreatedUserName: "V3",
      CreatedDate: stamp,
      LastUpdatedUserName: "V3",
      LastUpdatedDate: stamp,
    };
    data.insert("trReserveHeader", {
      ReserveHeaderID: headerId,
      ReserveNumber: `1-RS-1-${String(++reserveNo).padStart(6, "0")}`,
      ReserveDate: ctx.days[day],
      OfficeCode: "M",
      WarehouseCode: batch.warehouse,
      IsCompleted: true,
      ...audit,
    });
    batch.lines.forEach(({ item, v, qty }, i) => {
      const lineId = seededGuid(rng);
      const cancelled = qty > 1 && rng.chance(0.2) ? 1 : 0;
      data.insert("trReserveLine", {
        ReserveLineID: lineId,
        ReserveHeaderID: headerId,
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
      // Part of a reservation may already be dispatched: stReserve keeps only what is still open.
      const open = qty - cancelled - (rng.chance(0.2) ? 1 : 0);
      if (open > 0) data.insert("stReserve", { ReserveLineID: lineId, Qty1: open });
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
