/**
 * nebim:templateCodes: the variants whose stock code under a template, built in the statement, more than one
 * item makes. The statement's expression is evaluated as written (its terms, the placeholders' separators and
 * the PATINDEX pattern as bound), grouped as Turkish_CI_AS groups: a shape the simulator does not know fails,
 * never answers kinder than SQL Server.
 * @module
 */

import type { Row } from "../dataset.ts";
import { type QueryResult, SqlError } from "../../tds/server.ts";
import { ciKey } from "./collate.ts";
import { VARIANT_KEY_COLUMNS } from "./catalog.ts";
import { type HandlerContext, itemRows, productsOnly } from "./context.ts";
import { firstLine, hasPredicate, textParam } from "./sql_text.ts";

/** One term of the `+`-joined expression: the text it gives for an item and a variant row (undefined: NULL). */
type Term = (item: Row, v: Row | undefined) => string | undefined;

const CASE_TERM =
  /CASE\s+WHEN\s+DATALENGTH\(\s*([iv])\.(\w+)\s*\)\s*>\s*0\s+THEN\s+(?:@(\w+)\s*\+\s*)?([iv])\.(\w+)\s+ELSE\s+N''\s+END/iy;
const PARAM_TERM = /@(\w+)/y;
const EMPTY_TERM = /N''/y;
const PLUS = /\s*\+\s*/y;

export function templateCodes(ctx: HandlerContext): QueryResult {
  const says = (p: string) => hasPredicate(ctx.stripped, p);
  if (
    !says("SUBSTRING(x.Raw, PATINDEX(@lead, x.Raw), 4000) AS StockCode") ||
    !says("HAVING COUNT(DISTINCT d.ItemCode) > 1")
  ) {
    throw notEvaluated(ctx);
  }
  const raw = /,\s*((?:CASE|@|N'')[\s\S]*?)\s+AS\s+Raw\b/i.exec(ctx.stripped)?.[1];
  const terms = raw === undefined ? undefined : parseTerms(ctx, raw);
  const lead = /^%\[\^(.+)\]%$/s.exec(textParam(ctx.req, "lead") ?? "")?.[1];
  if (!terms || lead === undefined) throw notEvaluated(ctx);
  const strip = new Set(lead);
  const sameType = says("v.ItemTypeCode = i.ItemTypeCode");
  const dimlessOnly = says("v.ItemCode IS NOT NULL OR i.ItemDimTypeCode = 0");
  const groups = new Map<string, { items: Set<string>; rows: unknown[][] }>();
  const variantsOf = itemRows(ctx, "prItemVariant", "v");
  const products = productsOnly(ctx, "i");
  for (const item of ctx.data.rows("cdItem")) {
    if (products && item.ItemTypeCode !== 1) continue;
    const vs: (Row | undefined)[] = variantsOf(ciKey(item.ItemCode))
      .filter((v) => !sameType || v.ItemTypeCode === item.ItemTypeCode);
    if (vs.length === 0 && (item.ItemDimTypeCode === 0 || !dimlessOnly)) vs.push(undefined);
    for (const v of vs) {
      let text: string | undefined = "";
      for (const t of terms) text = text === undefined ? undefined : concat(text, t(item, v));
      if (text === undefined) continue; // NULL: in no group the join matches
      let at = 0;
      while (at < text.length && strip.has(text[at]!)) at++;
      // PATINDEX finding nothing is 0: SUBSTRING from 0 keeps the text (its first 3,999 characters).
      const key = ciKey(at === text.length ? text.slice(0, 3999) : text.slice(at, at + 4000));
      const g = groups.get(key) ?? { items: new Set<string>(), rows: [] };
      groups.set(key, g);
      g.items.add(ciKey(item.ItemCode));
      g.rows.push([
        item.ItemCode,
        v?.ColorCode ?? null,
        v?.ItemDim1Code ?? null,
        v?.ItemDim2Code ?? null,
        v?.ItemDim3Code ?? null,
      ]);
    }
  }
  const rows = [...groups.values()].filter((g) => g.items.size > 1).flatMap((g) => g.rows);
  return { resultSets: [{ columns: VARIANT_KEY_COLUMNS, rows }] };
}

function concat(a: string, b: string | undefined): string | undefined {
  return b === undefined ? undefined : a + b;
}

function parseTerms(ctx: HandlerContext, raw: string): Term[] | undefined {
  const terms: Term[] = [];
  const column = (alias: string, name: string): Term | undefined => {
    if (alias === "i" && name === "ItemCode") return (item) => text(item.ItemCode);
    if (alias === "v" && /^(ColorCode|ItemDim[123]Code)$/.test(name)) return (_, v) => text(v?.[name]);
    return undefined;
  };
  let at = 0;
  while (at < raw.length) {
    if (terms.length) {
      PLUS.lastIndex = at;
      if (!PLUS.exec(raw)) return undefined;
      at = PLUS.lastIndex;
    }
    CASE_TERM.lastIndex = PARAM_TERM.lastIndex = EMPTY_TERM.lastIndex = at;
    const c = CASE_TERM.exec(raw);
    if (c) {
      const [, tested, testedName, sep, alias, name] = c;
      const value = column(alias!, name!);
      if (!value || tested !== alias || testedName !== name) return undefined;
      const s = sep === undefined ? "" : textParam(ctx.req, sep);
      terms.push((item, v) => {
        const x = value(item, v);
        if (x === undefined || x === "") return ""; // DATALENGTH NULL or 0: ELSE N''
        return s === null ? undefined : s + x;
      });
      at = CASE_TERM.lastIndex;
      continue;
    }
    const p = PARAM_TERM.exec(raw);
    if (p) {
      const value = textParam(ctx.req, p[1]!);
      terms.push(() => value ?? undefined);
      at = PARAM_TERM.lastIndex;
      continue;
    }
    if (EMPTY_TERM.exec(raw)) {
      terms.push(() => "");
      at = EMPTY_TERM.lastIndex;
      continue;
    }
    return undefined;
  }
  return terms;
}

function text(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

function notEvaluated(ctx: HandlerContext): SqlError {
  return new SqlError(
    `The Nebim simulator does not evaluate this nebim:templateCodes statement: ${firstLine(ctx.req.sql)}`,
    208,
    1,
    16,
  );
}
