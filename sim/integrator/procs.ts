/**
 * RunProc (research/nebim.md §2.4): `{"ProcName", "Parameters":[{"Name","Value"}]}` → the proc's rows as
 * a JSON array. The procs are the test's functions; names compare case-insensitively like SQL Server's.
 * Every value must be a string, as the real service requires.
 * @module
 */

import { field, isObject, type Json, type JsonObject, NebimRejection, readText } from "./json.ts";
import { errorMessage } from "../error_message.ts";

export type SimProc = (params: Record<string, string>) => Record<string, unknown>[];

export function runProc(procs: Record<string, SimProc>, body: JsonObject): Json {
  const name = readText(body, "ProcName", { required: true });
  const key = Object.keys(procs).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) throw new NebimRejection(`Could not find stored procedure '${name}'.`, 500);
  const params: Record<string, string> = {};
  const list = field(body, "Parameters");
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) throw new NebimRejection("Parameters must be an array of {Name, Value}.");
    list.forEach((p, i) => {
      if (!isObject(p)) throw new NebimRejection(`Parameters[${i}] must be an object {Name, Value}.`);
      const pname = readText(p, "Name", { path: `Parameters[${i}].`, required: true });
      const value = field(p, "Value");
      if (typeof value !== "string") {
        throw new NebimRejection(
          `Parameters[${i}] "${pname}": Value must be a string (got ${JSON.stringify(value ?? null)}).`,
        );
      }
      params[pname] = value;
    });
  }
  let rows: Record<string, unknown>[];
  try {
    rows = procs[key]!(params);
  } catch (e) {
    // A failing proc is SQL Server's error text passed through.
    throw new NebimRejection(errorMessage(e), 500);
  }
  return JSON.parse(JSON.stringify(rows)) as Json;
}
