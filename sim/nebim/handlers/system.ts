/**
 * Table-less probes that drivers and tools send: `SELECT 1` (mssql's pool validation), `SELECT @@VERSION`,
 * `SELECT DB_NAME()`, `SELECT GETDATE()`, `SELECT @@SERVERNAME`, with optional aliases.
 * @module
 */

import { roundDatetime } from "../dataset.ts";
import type { QueryResult, ResultColumn } from "../../tds/server.ts";
import { tokenize, Tokens } from "./tokens.ts";

export const SIM_VERSION = "Microsoft SQL Server 2019 (RTM) - 15.0.2000.5 (X64) — e-ticaret Nebim simulator";
const SERVER_NAME = "NEBIM-SIM";

/** The answer, or undefined when the statement is not one of these probes. */
export function systemQuery(sql: string, database: string, clock: () => Date): QueryResult | undefined {
  let t: Tokens;
  try {
    t = new Tokens(tokenize(sql));
  } catch {
    return undefined;
  }
  if (!t.keyword("SELECT")) return undefined;
  const columns: ResultColumn[] = [];
  const row: unknown[] = [];
  do {
    const tok = t.next();
    let column: ResultColumn;
    let value: unknown;
    if (tok?.kind === "number" && /^\d+$/.test(tok.text)) {
      column = { name: "", type: "int", nullable: false };
      value = Number(tok.text);
    } else if (tok?.kind === "global" && tok.text.toUpperCase() === "VERSION") {
      column = { name: "", type: "nvarchar", length: 300 };
      value = SIM_VERSION;
    } else if (tok?.kind === "global" && tok.text.toUpperCase() === "SERVERNAME") {
      column = { name: "", type: "nvarchar", length: 128 };
      value = SERVER_NAME;
    } else if (tok?.kind === "word" && !tok.quoted && t.punct("(")) {
      if (!t.punct(")")) return undefined;
      const fn = tok.text.toUpperCase();
      if (fn === "DB_NAME") {
        column = { name: "", type: "nvarchar", length: 128 };
        value = database;
      } else if (fn === "GETDATE" || fn === "CURRENT_TIMESTAMP") {
        column = { name: "", type: "datetime", nullable: false };
        value = roundDatetime(clock());
      } else {
        return undefined;
      }
    } else {
      return undefined;
    }
    if (t.keyword("AS")) column.name = t.word();
    else if (t.peek()?.kind === "word") column.name = t.word();
    columns.push(column);
    row.push(value);
  } while (t.punct(","));
  t.punct(";");
  if (!t.done) return undefined;
  return { resultSets: [{ columns, rows: [row] }] };
}
