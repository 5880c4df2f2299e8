/**
 * A T-SQL tokenizer for the few unnamed statements the simulator parses (INFORMATION_SCHEMA.COLUMNS
 * queries, `SELECT @@VERSION` and the like). Comments are skipped; identifiers come unquoted.
 * @module
 */

import { SqlError } from "../../tds/server.ts";

export type Token =
  | { kind: "word"; text: string; quoted: boolean }
  | { kind: "param"; text: string }
  | { kind: "global"; text: string }
  | { kind: "string"; text: string }
  | { kind: "number"; text: string }
  | { kind: "punct"; text: string };

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  const bad = (why: string) =>
    new SqlError(`Incorrect syntax near '${sql.slice(i, i + 20)}': ${why}.`, 102, 1, 15);
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      while (i < n && sql[i] !== "\n") i++;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      if (end < 0) throw bad("unclosed comment");
      i = end + 2;
    } else if (c === "'" || ((c === "N" || c === "n") && sql[i + 1] === "'")) {
      i += c === "'" ? 1 : 2;
      let text = "";
      for (;;) {
        if (i >= n) throw bad("unclosed string");
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += sql[i++];
      }
      out.push({ kind: "string", text });
    } else if (c === "[" || c === '"') {
      const close = c === "[" ? "]" : '"';
      const end = sql.indexOf(close, i + 1);
      if (end < 0) throw bad("unclosed identifier");
      out.push({ kind: "word", text: sql.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else if (c === "@") {
      const global = sql[i + 1] === "@";
      const m = /^@@?[\w$#@]+/.exec(sql.slice(i));
      if (!m) throw bad("bad variable");
      out.push({ kind: global ? "global" : "param", text: m[0].replace(/^@@?/, "") });
      i += m[0].length;
    } else if (/\d/.test(c)) {
      const m = /^\d+(?:\.\d+)?/.exec(sql.slice(i))!;
      out.push({ kind: "number", text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_#]/.test(c)) {
      const m = /^[A-Za-z_#][\w$#@]*/.exec(sql.slice(i))!;
      out.push({ kind: "word", text: m[0], quoted: false });
      i += m[0].length;
    } else {
      const two = sql.slice(i, i + 2);
      const p = ["<>", "!=", "<=", ">="].includes(two) ? two : c;
      out.push({ kind: "punct", text: p });
      i += p.length;
    }
  }
  return out;
}

/** A cursor over tokens with the checks a tiny recursive-descent parser needs. */
export class Tokens {
  #i = 0;
  constructor(readonly list: Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.list[this.#i + offset];
  }
  next(): Token | undefined {
    return this.list[this.#i++];
  }
  get done(): boolean {
    return this.#i >= this.list.length;
  }
  /** True (and consumed) when the next token is this unquoted keyword. */
  keyword(word: string): boolean {
    const t = this.peek();
    if (t?.kind === "word" && !t.quoted && t.text.toUpperCase() === word) {
      this.#i++;
      return true;
    }
    return false;
  }
  punct(p: string): boolean {
    const t = this.peek();
    if (t?.kind === "punct" && t.text === p) {
      this.#i++;
      return true;
    }
    return false;
  }
  expectKeyword(word: string): void {
    if (!this.keyword(word)) throw this.error(`expected ${word}`);
  }
  expectPunct(p: string): void {
    if (!this.punct(p)) throw this.error(`expected '${p}'`);
  }
  /** Any identifier (quoted or not). */
  word(): string {
    const t = this.next();
    if (t?.kind !== "word") throw this.error("expected a name", t);
    return t.text;
  }
  error(why: string, t: Token | undefined = this.peek()): SqlError {
    return new SqlError(`Incorrect syntax near '${t ? t.text : "end of statement"}': ${why}.`, 102, 1, 15);
  }
}
