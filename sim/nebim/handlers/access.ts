/**
 * nebim:tableAccess, the schema check's probe of a table or of columns of it:
 * `SELECT TOP (0) 1 AS Probe | a.<column>, a.<column>… FROM <table> a WITH (NOLOCK)`. No rows; SQL Server
 * resolves the names first (208 for a table that does not exist, 207 for a column), then checks permissions
 * (229, 230: the handler's caller, mod.ts, checks them after every named query).
 * @module
 */

import { type QueryResult, SqlError } from "../../tds/server.ts";
import { NEBIM_TABLES } from "../schema.ts";
import { ciKey } from "./collate.ts";
import { col } from "./columns.ts";
import type { HandlerContext } from "./context.ts";

const SHAPE =
  /^\s*SELECT\s+TOP\s*\(\s*0\s*\)\s+(?:1\s+AS\s+(\w+)|(\w+\s*\.\s*\w+(?:\s*,\s*\w+\s*\.\s*\w+)*))\s+FROM\s+(\w+)\s+(\w+)\s+WITH\s*\(\s*NOLOCK\s*\)\s*;?\s*$/i;

export function tableAccess(ctx: HandlerContext): QueryResult {
  const m = SHAPE.exec(ctx.stripped);
  if (!m) throw new SqlError("Incorrect syntax: not the shape of nebim:tableAccess.", 102, 1, 15);
  const [, probe, list, table, alias] = m;
  const def = NEBIM_TABLES.find((t) => ciKey(t.name) === ciKey(table));
  if (!def) throw new SqlError(`Invalid object name '${table}'.`, 208, 1, 16);
  if (probe !== undefined) {
    return { resultSets: [{ columns: [{ name: probe, type: "int", nullable: false }], rows: [] }] };
  }
  const columns = list!.split(",").map((item) => {
    const [qualifier, column] = item.split(".").map((p) => p.trim()) as [string, string];
    if (ciKey(qualifier) !== ciKey(alias)) {
      throw new SqlError(
        `The multi-part identifier "${qualifier}.${column}" could not be bound.`,
        4104,
        1,
        16,
      );
    }
    const c = def.columns.find((c) => ciKey(c.name) === ciKey(column));
    if (!c) throw new SqlError(`Invalid column name '${column}'.`, 207, 1, 16);
    return col(def.name, c.name);
  });
  return { resultSets: [{ columns, rows: [] }] };
}
