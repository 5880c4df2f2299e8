/**
 * What a batch or statement is, before any handler sees it: its name for faults and the request log,
 * and the statements the simulator answers itself (session SET options, transaction control, the
 * pool's `SELECT 1` validation).
 * @module
 */

/** The first `/* name *\/` comment of the SQL, else its first 60 characters with whitespace collapsed. */
export function queryName(sql: string): string {
  const m = /\/\*\s*([\s\S]*?)\s*\*\//.exec(sql);
  if (m && m[1]) return m[1];
  return sql.replace(/\s+/g, " ").trim().slice(0, 60);
}

export type ControlStatement =
  | { kind: "set" }
  | { kind: "begin"; name: string }
  | { kind: "commit" }
  | { kind: "rollback" };

const TX_RE = /^(begin\s+tran(?:saction)?|commit|rollback)(?:\s+(?:tran(?:saction)?|work))?(?:\s+(\S+))?$/i;

/**
 * The statements of a batch when every one is a session SET or transaction control (which the
 * simulator answers itself), else undefined (the batch goes to the handler).
 */
export function controlStatements(sql: string): ControlStatement[] | undefined {
  const statements = sql.split(/[;\r\n]+/).map((s) => s.trim()).filter((s) => s !== "");
  if (statements.length === 0) return undefined;
  const out: ControlStatement[] = [];
  for (const s of statements) {
    if (/^set\s+\w/i.test(s)) {
      out.push({ kind: "set" });
      continue;
    }
    const m = TX_RE.exec(s);
    if (!m) return undefined;
    const verb = m[1]!.toLowerCase();
    if (verb.startsWith("begin")) out.push({ kind: "begin", name: m[2] ?? "" });
    else out.push({ kind: verb === "commit" ? "commit" : "rollback" });
  }
  return out;
}

/** mssql's pool validation query (`validateConnection: true`), answered without the handler. */
export function isValidationQuery(sql: string): boolean {
  return /^\s*select\s+1\s*;?\s*$/i.test(sql);
}
