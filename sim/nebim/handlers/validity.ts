/**
 * When a price-list line is in force, or started, as the statement's own text decides it: a header's and a
 * line's start are each a `date` (ValidDate) and a `time` (ValidTime) column, compared with @<name>Date and
 * @<name>Time by the operators the statement uses (or the date alone, where it names no time). A statement
 * with no test of the line's start lets in any line of a header in force: the simulator answers what SQL
 * Server would for that text, no kinder.
 * @module
 */

import type { Row } from "../dataset.ts";
import type { HandlerContext } from "./context.ts";
import { dateParam } from "./sql_text.ts";

const MS_PER_DAY = 86_400_000;

function msOfDay(v: unknown): number {
  if (!(v instanceof Date)) return 0;
  const ms = v.getTime();
  return ms - Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}

export interface Validity {
  /**
   * The statement's own test of alias `a`'s (ValidDate, ValidTime) against the moment @<name>, with the
   * operators it has (`<` for `<=` is a list missed at its exact start); undefined where it has none.
   */
  test(a: string, name: string): ((r: Row) => boolean) | undefined;
}

type Op = "<" | "<=" | ">" | ">=" | "=";
const OP = "(<=|>=|<|>|=)";

function compare(x: number, op: Op, y: number): boolean {
  return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : op === ">=" ? x >= y : x === y;
}

export function validity(ctx: HandlerContext): Validity {
  return {
    test(a, name) {
      // validMoment's shape (nebim/sql/statement.ts), else a date compared alone.
      const full = new RegExp(
        `\\(\\s*${a}\\.ValidDate\\s*${OP}\\s*@${name}Date\\s+OR\\s*\\(\\s*${a}\\.ValidDate\\s*=\\s*@${name}Date` +
          `\\s+AND\\s+${a}\\.ValidTime\\s*${OP}\\s*@${name}Time\\s*\\)\\s*\\)`,
        "i",
      ).exec(ctx.stripped);
      const dateOnly = full ? undefined : new RegExp(`\\b${a}\\.ValidDate\\s*${OP}\\s*@${name}Date\\b`, "i")
        .exec(ctx.stripped);
      if (!full && !dateOnly) return undefined;
      const date = dateParam(ctx.req, `${name}Date`)?.getTime();
      const time = full ? dateParam(ctx.req, `${name}Time`) : undefined;
      if (date === undefined || time === null) return () => false;
      return (r) => {
        // A NULL column compares as nothing.
        if (!(r.ValidDate instanceof Date)) return false;
        const d = r.ValidDate.getTime();
        if (!full) return compare(d, dateOnly![1] as Op, date);
        return compare(d, full[1] as Op, date) ||
          (d === date && compare(msOfDay(r.ValidTime), full[2] as Op, msOfDay(time)));
      };
    },
  };
}
