/**
 * The warehouse queries: nebim:warehouses (the listed codes cdWarehouse has, compared under Turkish_CI_AS,
 * in the table's own spelling) and nebim:warehouseCodes (the first @take codes in code order).
 * @module
 */

import type { QueryResult } from "../../tds/server.ts";
import { ciKey, compareKeys } from "./collate.ts";
import { col } from "./columns.ts";
import { type HandlerContext, keySet } from "./context.ts";
import { intParam } from "./sql_text.ts";

export function warehouses(ctx: HandlerContext): QueryResult {
  const listed = keySet(ctx, "w");
  const rows = ctx.data.rows("cdWarehouse").filter((w) => listed.has(ciKey(w.WarehouseCode)));
  return {
    resultSets: [{
      columns: [col("cdWarehouse", "WarehouseCode")],
      rows: rows.map((w) => [w.WarehouseCode]),
    }],
  };
}

export function warehouseCodes(ctx: HandlerContext): QueryResult {
  const take = intParam(ctx.req, "take") ?? 0;
  const codes = ctx.data.rows("cdWarehouse").map((w) => w.WarehouseCode)
    .sort((a, b) => compareKeys(ciKey(a), ciKey(b)));
  return {
    resultSets: [{
      columns: [col("cdWarehouse", "WarehouseCode")],
      rows: codes.slice(0, Math.max(take, 0)).map((c) => [c]),
    }],
  };
}
