/**
 * Test plumbing: runs the agent's statements against a simulator handler directly (no sockets), shaping
 * rows the way mssql does (one object per row, keyed by column name).
 * @module
 */

import type { NebimPool, NebimRow } from "../../../nebim/sql/pool.ts";
import type { NebimParam, NebimStatement } from "../../../nebim/sql/queries.ts";
import type { QueryHandler, QueryRequest, SqlParam } from "../../../sim/tds/server.ts";

export function toRequest(sql: string, params: readonly NebimParam[]): QueryRequest {
  const map = new Map<string, SqlParam>();
  for (const p of params) map.set(p.name.toLowerCase(), { name: p.name, type: p.type, value: p.value });
  return { sql, params: map, inTransaction: false, signal: new AbortController().signal };
}

/** The first result set of the handler's answer, as row objects. */
export async function runRows(handler: QueryHandler, stmt: NebimStatement): Promise<NebimRow[]> {
  return rowsOf(await handler(toRequest(stmt.sql, stmt.params)));
}

export function rowsOf(result: Awaited<ReturnType<QueryHandler>>): NebimRow[] {
  const set = result.resultSets[0];
  if (!set) return [];
  return set.rows.map((r) => Object.fromEntries(set.columns.map((c, i) => [c.name, r[i] ?? null])));
}

/** A NebimPool over a handler; records every statement it ran. */
export function handlerPool(handler: QueryHandler, seen: string[] = []): NebimPool & { closed: boolean } {
  return {
    closed: false,
    async query(sql, params) {
      seen.push(sql);
      return rowsOf(await handler(toRequest(sql, params)));
    },
    close() {
      this.closed = true;
      return Promise.resolve();
    },
  };
}
