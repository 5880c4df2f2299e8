/**
 * `SELECT ... FROM INFORMATION_SCHEMA.COLUMNS [alias] [WHERE ...] [ORDER BY ...]`, as check tools and the
 * agent's schema check send it, answered from schema.ts. The WHERE clause takes comparisons
 * (= <> < > <= >=), [NOT] IN lists, [NOT] LIKE, IS [NOT] NULL, AND/OR/NOT and parentheses over literals
 * and parameters; anything else is an SQL error, never a guess.
 * @module
 */

import { type QueryRequest, type QueryResult, SqlError } from "../../tds/server.ts";
import { ciKey, upperTr } from "./collate.ts";
import { INFO_COLUMNS, type InfoRow, infoRows, type Value } from "./info_schema_rows.ts";
import { type Token, tokenize, Tokens } from "./tokens.ts";
import type { RetypedColumns } from "./retyped_columns.ts";

const BY_NAME = new Map(INFO_COLUMNS.map((c) => [c.name, c]));

/** Whether the statement names INFORMATION_SCHEMA.COLUMNS (plain or [bracketed]) anywhere. */
export function isInfoSchemaColumns(sql: string): boolean {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch {
    return false;
  }
  // Identifiers compare under the database's collation (Turkish_CI_AS): "information_schema" is İNFORMATİON_SCHEMA,
  // another name, and a Turkish database answers it with "Invalid object name".
  return tokens.some((t, i) =>
    t.kind === "word" && ciKey(t.text) === "INFORMATION_SCHEMA" && tokens[i + 1]?.text === "." &&
    tokens[i + 2]?.kind === "word" && ciKey(tokens[i + 2]!.text) === "COLUMNS"
  );
}

type Predicate = (row: InfoRow) => boolean | null;
interface SelectItem {
  column: string;
  as: string;
}

class InfoParser {
  t: Tokens;
  alias: string | undefined;
  constructor(sql: string, readonly req: QueryRequest) {
    this.t = new Tokens(tokenize(sql));
  }

  /** [alias.]COLUMN → the canonical column name; SQL Server's 207 for an unknown one. */
  columnRef(first?: string): string {
    let name = first ?? this.t.word();
    if (this.t.punct(".")) {
      if (this.alias === undefined || ciKey(name) !== ciKey(this.alias)) {
        if (ciKey(name) !== "COLUMNS") {
          throw new SqlError(`The multi-part identifier "${name}" could not be bound.`, 4104, 1, 16);
        }
      }
      name = this.t.word();
    }
    // Under the database's collation: "collation_name" is COLLATİON_NAME, not COLLATION_NAME.
    const key = ciKey(name);
    if (!BY_NAME.has(key)) throw new SqlError(`Invalid column name '${name}'.`, 207, 1, 16);
    return key;
  }

  value(): Value {
    const tok = this.t.next();
    if (!tok) throw this.t.error("expected a value");
    if (tok.kind === "string") return tok.text;
    if (tok.kind === "number") return Number(tok.text);
    if (tok.kind === "word" && !tok.quoted && tok.text.toUpperCase() === "NULL") return null;
    if (tok.kind === "param") {
      const p = this.req.params.get(tok.text.toLowerCase());
      if (!p) throw new SqlError(`Must declare the scalar variable "@${tok.text}".`, 137, 2, 15);
      const v = p.value;
      return v === null || v === undefined ? null : typeof v === "number" ? v : String(v);
    }
    throw this.t.error("expected a literal or a parameter", tok);
  }

  or(): Predicate {
    const parts = [this.and()];
    while (this.t.keyword("OR")) parts.push(this.and());
    return (r) => {
      let unknown = false;
      for (const p of parts) {
        const v = p(r);
        if (v === true) return true;
        if (v === null) unknown = true;
      }
      return unknown ? null : false;
    };
  }

  and(): Predicate {
    const parts = [this.not()];
    while (this.t.keyword("AND")) parts.push(this.not());
    return (r) => {
      let unknown = false;
      for (const p of parts) {
        const v = p(r);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    };
  }

  not(): Predicate {
    if (this.t.keyword("NOT")) {
      const p = this.not();
      return (r) => {
        const v = p(r);
        return v === null ? null : !v;
      };
    }
    if (this.t.punct("(")) {
      const p = this.or();
      this.t.expectPunct(")");
      return p;
    }
    return this.comparison();
  }

  comparison(): Predicate {
    const column = this.columnRef();
    if (this.t.keyword("IS")) {
      const negate = this.t.keyword("NOT");
      this.t.expectKeyword("NULL");
      return (r) => (r[column] === null) !== negate;
    }
    const negate = this.t.keyword("NOT");
    if (this.t.keyword("IN")) {
      this.t.expectPunct("(");
      const values = [this.value()];
      while (this.t.punct(",")) values.push(this.value());
      this.t.expectPunct(")");
      return (r) => {
        let unknown = false;
        for (const v of values) {
          const c = compare(r[column]!, v);
          if (c === 0) return !negate;
          if (c === null) unknown = true;
        }
        return unknown ? null : negate;
      };
    }
    if (this.t.keyword("LIKE")) {
      const pattern = this.value();
      return (r) => {
        const v = r[column];
        if (v === null || v === undefined || pattern === null) return null;
        return like(String(v), String(pattern)) !== negate;
      };
    }
    if (negate) throw this.t.error("expected IN or LIKE after NOT");
    const op = this.t.next();
    if (op?.kind !== "punct" || !["=", "<>", "!=", "<", ">", "<=", ">="].includes(op.text)) {
      throw this.t.error("expected a comparison", op);
    }
    const value = this.value();
    return (r) => {
      const c = compare(r[column]!, value);
      if (c === null) return null;
      switch (op.text) {
        case "=":
          return c === 0;
        case "<>":
        case "!=":
          return c !== 0;
        case "<":
          return c < 0;
        case ">":
          return c > 0;
        case "<=":
          return c <= 0;
        default:
          return c >= 0;
      }
    };
  }
}

/** SQL comparison under the case-insensitive collation; null when either side is NULL. */
function compare(a: Value, b: Value): number | null {
  if (a === null || a === undefined || b === null) return null;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return a - Number(b);
  const x = ciKey(a);
  const y = ciKey(String(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `value LIKE pattern` under the collation: letters compare by their Turkish upper case, as `=` does. */
function like(value: string, pattern: string): boolean {
  const re = upperTr(pattern).replace(/[.*+?^${}()|\\]/g, "\\$&").replaceAll("%", ".*").replaceAll("_", ".");
  return new RegExp(`^${re}$`, "s").test(upperTr(value.replace(/ +$/, "")));
}

/**
 * Answers the statement with the columns `listed` lets the login see (those that exist, of tables it may
 * read), each under the type `retyped` gives it, if any; throws SqlError for what this small grammar does
 * not take.
 */
export function infoSchemaColumns(
  sql: string,
  req: QueryRequest,
  database: string,
  listed: (table: string, column: string) => boolean = () => true,
  retyped?: RetypedColumns,
): QueryResult {
  const p = new InfoParser(sql, req);
  const t = p.t;
  t.expectKeyword("SELECT");
  t.keyword("DISTINCT");
  let top: number | undefined;
  if (t.keyword("TOP")) {
    const paren = t.punct("(");
    const v = p.value();
    if (paren) t.expectPunct(")");
    top = Number(v);
  }
  // The select list is parsed after FROM (it may use the alias): remember where it starts and ends.
  const listStart: Token[] = [];
  while (!t.done && !(t.peek()?.kind === "word" && t.peek()!.text.toUpperCase() === "FROM")) {
    listStart.push(t.next()!);
  }
  t.expectKeyword("FROM");
  const source: string[] = [t.word()];
  while (t.punct(".")) source.push(t.word());
  const tail = source.slice(-2).map(ciKey);
  if (source.length > 3 || tail[0] !== "INFORMATION_SCHEMA" || tail[1] !== "COLUMNS") {
    throw new SqlError(`Invalid object name '${source.join(".")}'.`, 208, 1, 16);
  }
  if (t.keyword("AS")) p.alias = t.word();
  else if (t.peek()?.kind === "word" && !["WHERE", "ORDER", "WITH"].includes(t.peek()!.text.toUpperCase())) {
    p.alias = t.word();
  }
  if (t.keyword("WITH")) {
    t.expectPunct("(");
    t.expectKeyword("NOLOCK");
    t.expectPunct(")");
  }
  const where = t.keyword("WHERE") ? p.or() : undefined;
  const order: { column: string; desc: boolean }[] = [];
  if (t.keyword("ORDER")) {
    t.expectKeyword("BY");
    do {
      const tok = t.peek();
      const column = tok?.kind === "number" ? (t.next(), `#${tok.text}`) : p.columnRef();
      const desc = t.keyword("DESC");
      if (!desc) t.keyword("ASC");
      order.push({ column, desc });
    } while (t.punct(","));
  }
  t.punct(";");
  if (!t.done) throw t.error("unexpected text after the statement");

  const items = selectList(p, listStart);
  let rows = infoRows(database, retyped).filter((r) =>
    listed(String(r.TABLE_NAME), String(r.COLUMN_NAME)) && (!where || where(r) === true)
  );
  if (order.length) {
    const resolve = (c: string) => c.startsWith("#") ? items[Number(c.slice(1)) - 1]?.column ?? c : c;
    rows = rows.sort((a, b) => {
      for (const o of order) {
        const col = resolve(o.column);
        const c = compare(a[col] ?? null, b[col] ?? null) ?? (a[col] === null ? -1 : 1);
        if (c !== 0) return o.desc ? -c : c;
      }
      return 0;
    });
  }
  if (top !== undefined) rows = rows.slice(0, top);
  return {
    resultSets: [{
      columns: items.map((i) => ({ ...BY_NAME.get(i.column)!, name: i.as })),
      rows: rows.map((r) => items.map((i) => r[i.column] ?? null)),
    }],
  };
}

function selectList(p: InfoParser, tokens: Token[]): SelectItem[] {
  const t = new Tokens(tokens);
  const outer = p.t;
  p.t = t;
  const items: SelectItem[] = [];
  do {
    if (t.punct("*")) {
      items.push(...INFO_COLUMNS.map((c) => ({ column: c.name, as: c.name })));
      continue;
    }
    const first = t.word();
    if (t.peek()?.kind === "punct" && t.peek()!.text === "." && t.peek(1)?.text === "*") {
      t.next();
      t.next();
      items.push(...INFO_COLUMNS.map((c) => ({ column: c.name, as: c.name })));
      continue;
    }
    const column = p.columnRef(first);
    let as = column;
    if (t.keyword("AS")) as = t.word();
    else if (t.peek()?.kind === "word") as = t.word();
    items.push({ column, as });
  } while (t.punct(","));
  if (!t.done) throw t.error("unexpected text in the select list");
  p.t = outer;
  return items;
}
