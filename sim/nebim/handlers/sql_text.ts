/**
 * Just enough reading of SQL text for the simulator: the query's name comment, which tables and
 * parameters it mentions, and whether it tries to write (the agent must never; the simulator says so
 * loudly). Comments, string literals and quoted identifiers are blanked first, so a keyword inside them
 * counts for nothing.
 * @module
 */

import { type QueryRequest, SqlError } from "../../tds/server.ts";
import { ordered, textSeed } from "./row_order.ts";

/** The SQL with comments removed and literals/quoted identifiers emptied (`N'x'` → `N''`, `[x]` → `[]`). */
export function stripNoise(sql: string): string {
  let out = "";
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      while (i < n && sql[i] !== "\n") i++;
      out += " ";
    } else if (c === "/" && next === "*") {
      // T-SQL block comments nest.
      let depth = 0;
      do {
        if (sql[i] === "/" && sql[i + 1] === "*") depth++, i += 2;
        else if (sql[i] === "*" && sql[i + 1] === "/") depth--, i += 2;
        else i++;
      } while (i < n && depth > 0);
      out += " ";
    } else if (c === "'" || c === "[" || c === '"') {
      const close = c === "[" ? "]" : c;
      i++;
      while (i < n) {
        if (sql[i] === close) {
          if (sql[i + 1] === close) i += 2;
          else break;
        } else {
          i++;
        }
      }
      i++;
      out += c + close;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const WRITE_RE =
  /\b(INSERT|UPDATE|DELETE|MERGE|EXEC|EXECUTE|DROP|ALTER|CREATE|TRUNCATE|GRANT|REVOKE|DENY|INTO|BULK|DBCC|WRITETEXT|UPDATETEXT)\b/i;

/** The first write keyword of the (stripped) SQL, upper case, or undefined for a read. */
export function writeKeyword(stripped: string): string | undefined {
  return WRITE_RE.exec(stripped)?.[1]?.toUpperCase();
}

/** `x` of a leading `/* nebim:x *\/` comment. */
export function nebimQueryName(sql: string): string | undefined {
  return /^\s*\/\*\s*nebim:([\w-]+)\s*\*\//.exec(sql)?.[1];
}

/** The first non-empty line, for error messages. */
export function firstLine(sql: string): string {
  const line = sql.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "") ?? "";
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/**
 * The tables (lower case) whose `LastUpdatedDate >= @since` the (stripped) SQL asks for, through an alias or,
 * in a part of one table, the bare column. Each UNION part resolves its own aliases: parts reuse them (`l` is
 * a price-list line in one, a reservation line in another). A table merely named (joined for its codes) is
 * not windowed: SQL Server would not look at its dates.
 */
export function windowedTables(stripped: string): Set<string> {
  const out = new Set<string>();
  for (const part of stripped.split(/\bUNION\b/i)) {
    const tables = new Map<string, string>();
    let first: string | undefined;
    for (const m of part.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
      const table = m[1]!.toLowerCase();
      first ??= table;
      if (m[2]) tables.set(m[2].toLowerCase(), table);
    }
    for (const m of part.matchAll(/(?:\b(\w+)\.|(?<![\w.@]))LastUpdatedDate\s*>=\s*@since\b/gi)) {
      const table = m[1] === undefined ? first : tables.get(m[1].toLowerCase());
      if (table) out.add(table);
    }
  }
  return out;
}

/**
 * Whether the (stripped) SQL has this predicate, e.g. `d.LangCode = @langCode`: case and spacing aside, not
 * part of a longer name. A handler applies a filter only where the statement has it, so a statement that lost
 * one gets the rows SQL Server would let in, and a test sees the difference.
 */
export function hasPredicate(stripped: string, predicate: string): boolean {
  // Asked per item of a batch: a regular expression built each time made the simulator several times slower.
  let known = PREDICATES.get(stripped);
  if (!known) {
    if (PREDICATES.size >= MAX_TEXTS) PREDICATES.clear();
    known = new Map();
    PREDICATES.set(stripped, known);
  }
  let has = known.get(predicate);
  if (has === undefined) {
    const parts = predicate.trim().split(/\s+/).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    has = new RegExp(`(?<![\\w@.])${parts.join("\\s*")}(?![\\w])`, "i").test(stripped);
    known.set(predicate, has);
  }
  return has;
}

/** Statement texts whose predicates are remembered (emptied when full, as mod.ts's shapes). */
const MAX_TEXTS = 512;
const PREDICATES = new Map<string, Map<string, boolean>>();

/** The UNION parts of the (stripped) SQL that read `table` (after FROM or JOIN). */
export function partsReading(stripped: string, table: string): string[] {
  const reads = new RegExp(`\\b(?:FROM|JOIN)\\s+${table}\\b`, "i");
  return stripped.split(/\bUNION\b/i).filter((part) => reads.test(part));
}

/** Whether the (stripped) SQL names this table. */
export function mentionsTable(stripped: string, table: string): boolean {
  return new RegExp(`(?:^|[^\\w@#])${table}(?![\\w])`, "i").test(stripped);
}

function param(req: QueryRequest, name: string): unknown {
  const p = req.params.get(name.toLowerCase());
  if (!p) throw new SqlError(`Must declare the scalar variable "@${name}".`, 137, 2, 15);
  return p.value;
}

function conversionError(name: string, want: string, v: unknown): SqlError {
  return new SqlError(`Error converting parameter @${name} (${String(v)}) to ${want}.`, 8114, 5, 16);
}

/** A string parameter; NULL stays null (and then equals nothing). */
export function textParam(req: QueryRequest, name: string): string | null {
  const v = param(req, name);
  if (v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  throw conversionError(name, "nvarchar", v);
}

export function intParam(req: QueryRequest, name: string): number | null {
  const v = param(req, name);
  if (v === null) return null;
  const n = typeof v === "bigint" ? Number(v) : typeof v === "string" ? Number(v.trim()) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) throw conversionError(name, "int", v);
  return n;
}

export function dateParam(req: QueryRequest, name: string): Date | null {
  const v = param(req, name);
  if (v === null) return null;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
  throw conversionError(name, "datetime", v);
}

/**
 * The statement facts the handler needs, worked out once per distinct SQL text: the agent pads its
 * IN-lists to a few sizes, so a sync repeats a handful of texts thousands of times.
 */
export class SqlShape {
  readonly stripped: string;
  readonly write: string | undefined;
  readonly name: string | undefined;
  /** Whether the statement orders its rows (row_order.ts); if not, the seed of their shuffle. */
  readonly ordered: boolean;
  readonly seed: number;
  /** How often the statement ran: each run's shuffle differs. */
  runs = 0;
  readonly #lists = new Map<string, string[]>();

  constructor(readonly sql: string) {
    this.stripped = stripNoise(sql);
    this.write = writeKeyword(this.stripped);
    this.name = nebimQueryName(sql);
    this.ordered = ordered(this.stripped);
    this.seed = textSeed(sql);
  }

  /** Names (lower case, without '@') of the IN-list `@prefix0, @prefix1, ...` the text uses, in order. */
  listNames(prefix: string): string[] {
    let names = this.#lists.get(prefix);
    if (!names) {
      const found = new Set<string>();
      for (const m of this.stripped.matchAll(new RegExp(`@(${prefix}\\d+)\\b`, "gi"))) {
        found.add(m[1]!.toLowerCase());
      }
      names = [...found];
      this.#lists.set(prefix, names);
    }
    return names;
  }
}

/** The values of the list parameters; each must be bound. */
export function listParam(req: QueryRequest, names: readonly string[]): (string | null)[] {
  return names.map((name) => textParam(req, name));
}
