/**
 * "1% of variants changed", done to the simulator's Nebim data the way a shop would: whole items spread
 * evenly through the catalogue until their variants reach the fraction; every other item gets a new cost
 * (prItemBasePrice, so all its variants change price), the rest a goods receipt in W01 for each variant
 * (a new trStock row, so on-hand moves). Both stamp LastUpdatedDate with the data set's clock.
 * @module
 */

import type { NebimDataSet } from "../sim/nebim/dataset.ts";

export interface Changed {
  items: number;
  variants: number;
  repriced: number;
  restocked: number;
}

export function changeFraction(data: NebimDataSet, fraction: number, warehouse = "W01"): Changed {
  const byItem = new Map<string, { color: string; size: string }[]>();
  for (const v of data.rows("prItemVariant")) {
    if (v.ItemTypeCode !== 1) continue;
    const code = String(v.ItemCode);
    const list = byItem.get(code) ?? [];
    list.push({ color: String(v.ColorCode), size: String(v.ItemDim1Code) });
    byItem.set(code, list);
  }
  const items = [...byItem.keys()];
  const total = data.rows("prItemVariant").length;
  const target = Math.max(1, Math.round(total * fraction));
  const step = Math.max(1, Math.floor(1 / fraction));
  let nextStockId = 1 + data.rows("trStock").reduce((m, r) => Math.max(m, Number(r.StockID)), 0);
  const out: Changed = { items: 0, variants: 0, repriced: 0, restocked: 0 };
  for (const i of spread(items.length, step)) {
    if (out.variants >= target) break;
    const code = items[i]!;
    const variants = byItem.get(code)!;
    if (out.items % 2 === 0) {
      const where = (r: { ItemCode?: unknown; BasePriceCode?: unknown }) =>
        r.ItemCode === code && r.BasePriceCode === 1;
      const row = data.rows("prItemBasePrice").find(where);
      if (!row) continue;
      data.update("prItemBasePrice", where, { Price: Math.round(Number(row.Price) * 110) / 100 });
      out.repriced += variants.length;
    } else {
      for (const v of variants) {
        data.insert("trStock", {
          StockID: nextStockId++,
          TransTypeCode: 1,
          ProcessCode: "P",
          DocumentNumber: "BENCH-1",
          ItemTypeCode: 1,
          ItemCode: code,
          ColorCode: v.color,
          ItemDim1Code: v.size,
          CompanyCode: "1",
          OfficeCode: "M",
          StoreCode: warehouse,
          WarehouseCode: warehouse,
          In_Qty1: 3,
          Out_Qty1: 0,
        });
      }
      out.restocked += variants.length;
    }
    out.items++;
    out.variants += variants.length;
  }
  return out;
}

/** 0, step, 2·step, … then 1, step+1, …: every index once, the first ones evenly spread. */
function* spread(length: number, step: number): Iterable<number> {
  for (let start = 0; start < step; start++) for (let i = start; i < length; i += step) yield i;
}
