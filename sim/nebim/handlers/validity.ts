/**
 * When a price-list line takes effect, as the statement's own text decides it: a header's and a line's
 * start are each a `date` (ValidDate) and a `time` (ValidTime) column. A statement that never names
 * ValidTime compares dates alone, and one that never names the line's ValidDate sees only the header's:
 * the simulator answers what SQL Server would for that text, no kinder.
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
  /** The moment bound as @<name>Date (+ @<name>Time when the text compares times); null if NULL. */
  moment(name: string): number | null;
  /** A line's start: the later of its header's and, if the text reads it, its own. */
  start(header: Row, line: Row): number;
}

export function validity(ctx: HandlerContext): Validity {
  const timed = /\bValidTime\b/i.test(ctx.stripped);
  const lineDated = /\bl\.ValidDate\b/i.test(ctx.stripped);
  const of = (r: Row) =>
    (r.ValidDate instanceof Date ? r.ValidDate.getTime() : Number.NEGATIVE_INFINITY) +
    (timed ? msOfDay(r.ValidTime) : 0);
  return {
    moment(name) {
      const date = dateParam(ctx.req, `${name}Date`);
      const time = timed ? dateParam(ctx.req, `${name}Time`) : undefined;
      if (!date || time === null) return null;
      return date.getTime() + msOfDay(time);
    },
    start: (header, line) => lineDated ? Math.max(of(header), of(line)) : of(header),
  };
}
