/**
 * Stock queries: nebim:onHand (the trStock ledger summed per variant over the listed warehouses) and
 * nebim:reserved (the open quantity of reservations, dispatch orders and picking per variant, through each
 * order line: commitments.ts).
 * @module
 */

import type { Row } from "../dataset.ts";
import { type QueryResult, type ResultColumn, SqlError } from "../../tds/server.ts";
import { ciKey } from "./collate.ts";
import { col } from "./columns.ts";
import { type HandlerContext, itemKeys, itemRows, keySet } from "./context.ts";
import type { NebimIndexes } from "./indexes.ts";
import { openQuantity } from "./commitments.ts";

function variantColumns(table: string): ResultColumn[] {
  return ["ItemCode", "ColorCode", "ItemDim1Code", "ItemDim2Code", "ItemDim3Code"].map((c) => col(table, c));
}

/**
 * GROUP BY the variant columns, and any other column the statement groups by (each its own row then): the
 * first row of a group gives the codes, as SQL Server returns one.
 */
class VariantSums {
  readonly #groups = new Map<string, { row: Row; sum: number }>();
  readonly #extra: string[];
  constructor(readonly idx: NebimIndexes, stripped: string) {
    const by = /\bGROUP\s+BY\s+([\s\S]*)$/i.exec(stripped)?.[1] ?? "";
    const variant = ["ITEMCODE", "COLORCODE", "ITEMDIM1CODE", "ITEMDIM2CODE", "ITEMDIM3CODE"];
    this.#extra = by.split(",").map((c) => c.trim().replace(/^\w+\./, ""))
      .filter((c) => c !== "" && !variant.includes(c.toUpperCase()));
  }

  add(row: Row, qty: number): void {
    const v = this.idx.variantKey(row);
    const k = this.#extra.length ? [v, ...this.#extra.map((c) => ciKey(row[c]))].join("\u0000") : v;
    const g = this.#groups.get(k);
    if (g) g.sum += qty;
    else this.#groups.set(k, { row, sum: qty });
  }

  rows(): unknown[][] {
    return [...this.#groups.values()].map(({ row, sum }) => [
      row.ItemCode,
      row.ColorCode,
      row.ItemDim1Code,
      row.ItemDim2Code,
      row.ItemDim3Code,
      sum,
    ]);
  }
}

/**
 * `SUM(<s.Col ± s.Col ...>) AS OnHand` of a trStock row, as the statement words it (the agent's: In_Qty1 -
 * Out_Qty1); an expression of another shape is an error, never a guess.
 */
function onHandOf(stripped: string): (s: Row) => number {
  const expr = /\bSUM\(([^)]*)\)\s*AS\s+OnHand\b/i.exec(stripped)?.[1] ?? "";
  const terms = [...expr.matchAll(/\s*([+-]?)\s*s\.(\w+)\s*/g)];
  if (expr.trim() === "" || terms.map((t) => t[0]).join("") !== expr) {
    throw new SqlError(`The Nebim simulator does not evaluate SUM(${expr}) AS OnHand.`, 208, 1, 16);
  }
  return (s) => terms.reduce((sum, t) => sum + (t[1] === "-" ? -1 : 1) * Number(s[t[2]!] ?? 0), 0);
}

export function onHand(ctx: HandlerContext): QueryResult {
  const warehouses = keySet(ctx, "w");
  const qty = onHandOf(ctx.stripped);
  const sums = new VariantSums(ctx.idx, ctx.stripped);
  const stockOf = itemRows(ctx, "trStock", "s");
  for (const key of itemKeys(ctx, "s")) {
    for (const s of stockOf(key)) {
      if (warehouses.has(ciKey(s.WarehouseCode))) {
        sums.add(s, qty(s));
      }
    }
  }
  return {
    resultSets: [{
      columns: [...variantColumns("trStock"), { name: "OnHand", type: "float", nullable: true }],
      rows: sums.rows(),
    }],
  };
}

export function reserved(ctx: HandlerContext): QueryResult {
  const warehouses = keySet(ctx, "w");
  const sums = new VariantSums(ctx.idx, ctx.stripped);
  // The stages' open quantities joined by UNION ALL, or by UNION, which drops a stage's equal quantity.
  const distinct = /\bUNION(?!\s+ALL\b)/i.test(ctx.stripped);
  const orderLinesOf = itemRows(ctx, "trOrderLine", "o");
  for (const key of itemKeys(ctx, "o")) {
    for (const o of orderLinesOf(key)) {
      const open = openQuantity(ctx.idx, o, warehouses, distinct);
      if (open !== undefined) sums.add(o, open);
    }
  }
  return {
    resultSets: [{
      columns: [...variantColumns("trOrderLine"), { name: "Reserved", type: "float", nullable: true }],
      rows: sums.rows(),
    }],
  };
}
