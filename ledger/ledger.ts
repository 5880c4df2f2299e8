/**
 * The agent's own durable state in one SQLite file (node:sqlite; WAL, synchronous=FULL): settings,
 * bindings, bookmarks, run history and open problems. All SQL of the agent's own state lives here.
 * @module
 */

import { DatabaseSync, type StatementSync } from "node:sqlite";
import { IntegrationError } from "../errors.ts";
import type { Problem } from "../sync/desired.ts";
import type { BindingView, PushedFields } from "../sync/plan.ts";
import type { BindingWrite, SyncLedger } from "../sync/ports.ts";
import { MIGRATIONS } from "./migrations.ts";

export interface Run {
  id: number;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string | null;
  counts: Record<string, number>;
  error: string | null;
}

export interface OpenProblem extends Problem {
  firstSeen: string;
  lastSeen: string;
}

export interface LedgerOptions {
  now?: () => Date;
}

type Row = Record<string, unknown>;

/** Wraps SQLite failures: a busy database is retriable, anything else (corruption, disk) needs a person. */
function guard<T>(doing: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof IntegrationError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const kind = /busy|locked/i.test(msg) ? "retriable" : "fatal";
    throw new IntegrationError(kind, `Cannot ${doing} in the ledger: ${msg}`, { system: "ledger", cause: e });
  }
}

export class Ledger implements SyncLedger {
  readonly #db: DatabaseSync;
  readonly #now: () => Date;
  readonly #stmts = new Map<string, StatementSync>();
  #depth = 0;

  private constructor(readonly path: string, db: DatabaseSync, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  /** Opens (creating if needed) the ledger file and brings its schema up to date. */
  static open(path: string, options: LedgerOptions = {}): Ledger {
    return guard("open", () => {
      const db = new DatabaseSync(path, { timeout: 5000 });
      db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
      const ledger = new Ledger(path, db, options.now ?? (() => new Date()));
      ledger.#migrate();
      return ledger;
    });
  }

  #migrate(): void {
    this.#db.exec(
      "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const row = this.#db.prepare("SELECT MAX(version) AS v FROM migrations").get() as Row | undefined;
    const current = Number(row?.v ?? 0);
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new IntegrationError(
        "fatal",
        `Cannot use ledger ${this.path}: its schema version ${current} is newer than this agent knows (${latest}); ` +
          `run a newer agent`,
        { system: "ledger" },
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      this.transaction(() => {
        this.#db.exec(m.sql);
        this.#db.prepare("INSERT INTO migrations (version, applied_at) VALUES (?, ?)").run(
          m.version,
          this.#stamp(),
        );
      });
    }
  }

  #stamp(): string {
    return this.#now().toISOString();
  }

  #stmt(sql: string): StatementSync {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  /** Runs `fn` in one IMMEDIATE transaction (nested calls join the outer one); rolls back on a throw. */
  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    guard("begin a transaction", () => this.#db.exec("BEGIN IMMEDIATE"));
    this.#depth++;
    try {
      const out = fn();
      this.#depth--;
      guard("commit", () => this.#db.exec("COMMIT"));
      return out;
    } catch (e) {
      this.#depth = 0;
      try {
        this.#db.exec("ROLLBACK");
      } catch { /* the transaction may already be gone with the error */ }
      throw e;
    }
  }

  /** A read-only pragma or integrity check, for tests and `check`. */
  pragma(name: "journal_mode" | "synchronous" | "integrity_check"): string {
    const row = this.#db.prepare(`PRAGMA ${name}`).get() as Row;
    return String(Object.values(row)[0]);
  }

  // --- settings ---

  getSettings(): { doc: unknown; version: number; updatedAt: string } | undefined {
    const r = this.#stmt("SELECT doc, version, updated_at FROM settings WHERE id = 1").get() as
      | Row
      | undefined;
    return r
      ? { doc: JSON.parse(String(r.doc)), version: Number(r.version), updatedAt: String(r.updated_at) }
      : undefined;
  }

  putSettings(doc: unknown): number {
    return guard("save the settings", () =>
      this.transaction(() => {
        const version = (this.getSettings()?.version ?? 0) + 1;
        this.#stmt(
          "INSERT INTO settings (id, doc, version, updated_at) VALUES (1, ?, ?, ?) " +
            "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, version = excluded.version, updated_at = excluded.updated_at",
        ).run(JSON.stringify(doc), version, this.#stamp());
        return version;
      }));
  }

  // --- bindings ---

  bindings(): Map<string, BindingView> {
    const out = new Map<string, BindingView>();
    const stmt = this.#stmt("SELECT stock_code, product_code, item_code, pushed, vanished FROM bindings");
    for (const r of stmt.iterate() as Iterable<Row>) {
      const code = String(r.stock_code);
      out.set(code, {
        stockCode: code,
        productCode: String(r.product_code),
        itemCode: String(r.item_code),
        pushed: r.pushed === null ? null : (JSON.parse(String(r.pushed)) as PushedFields),
        vanished: r.vanished === 1,
      });
    }
    return out;
  }

  bindingCount(): number {
    return Number((this.#stmt("SELECT COUNT(*) AS n FROM bindings").get() as Row).n);
  }

  dirtyItemCodes(): string[] {
    const rows = this.#stmt("SELECT DISTINCT item_code FROM bindings WHERE dirty = 1").all() as Row[];
    return rows.map((r) => String(r.item_code));
  }

  recordWrites(
    written: BindingWrite[],
    dirty: { stockCode: string; itemCode: string; reason: string }[],
  ): void {
    if (!written.length && !dirty.length) return;
    const now = this.#stamp();
    guard("record pushed bindings", () =>
      this.transaction(() => {
        const upsert = this.#stmt(
          `INSERT INTO bindings (stock_code, product_code, item_type_code, item_code, color_code, dim1, dim2, dim3,
             product_id, pushed, pushed_at, vanished, dirty, dirty_reason, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?)
           ON CONFLICT (stock_code) DO UPDATE SET product_code = excluded.product_code,
             item_type_code = excluded.item_type_code, item_code = excluded.item_code,
             color_code = excluded.color_code, dim1 = excluded.dim1, dim2 = excluded.dim2, dim3 = excluded.dim3,
             product_id = COALESCE(excluded.product_id, bindings.product_id), pushed = excluded.pushed,
             pushed_at = excluded.pushed_at, vanished = excluded.vanished, dirty = 0, dirty_reason = NULL,
             updated_at = excluded.updated_at`,
        );
        for (const w of written) {
          const k = w.variantKey;
          upsert.run(
            w.stockCode,
            w.productCode,
            k.itemTypeCode,
            w.itemCode,
            k.colorCode,
            k.itemDim1Code,
            k.itemDim2Code,
            k.itemDim3Code,
            w.productId ?? null,
            JSON.stringify(w.pushed),
            now,
            w.vanished ? 1 : 0,
            now,
            now,
          );
        }
        const mark = this.#stmt(
          `INSERT INTO bindings (stock_code, product_code, item_type_code, item_code, color_code, dim1, dim2, dim3,
             dirty, dirty_reason, created_at, updated_at)
           VALUES (?, '', 1, ?, '', '', '', '', 1, ?, ?, ?)
           ON CONFLICT (stock_code) DO UPDATE SET dirty = 1, dirty_reason = excluded.dirty_reason,
             updated_at = excluded.updated_at`,
        );
        for (const d of dirty) mark.run(d.stockCode, d.itemCode, d.reason, now, now);
      }));
  }

  // --- bookmarks ---

  getBookmark(name: string): string | undefined {
    const r = this.#stmt("SELECT value FROM bookmarks WHERE name = ?").get(name) as Row | undefined;
    return r ? String(r.value) : undefined;
  }

  setBookmark(name: string, value: string): void {
    guard("move a bookmark", () =>
      this.#stmt(
        "INSERT INTO bookmarks (name, value, updated_at) VALUES (?, ?, ?) " +
          "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      ).run(name, value, this.#stamp()));
  }

  // --- problems ---

  /** Replaces the open problems of `subjects` (and of the subjects in `problems`) with `problems`. */
  replaceProblems(subjects: string[], problems: Problem[]): void {
    const now = this.#stamp();
    guard("record problems", () =>
      this.transaction(() => {
        const firstSeen = new Map<string, string>();
        const get = this.#stmt("SELECT kind, first_seen FROM problems WHERE subject = ?");
        const del = this.#stmt("DELETE FROM problems WHERE subject = ?");
        const all = new Set([...subjects, ...problems.map((p) => p.subject)]);
        for (const s of all) {
          for (const r of get.all(s) as Row[]) firstSeen.set(`${s}\u0000${r.kind}`, String(r.first_seen));
          del.run(s);
        }
        const ins = this.#stmt(
          "INSERT INTO problems (subject, kind, reason, first_seen, last_seen) VALUES (?, ?, ?, ?, ?) " +
            "ON CONFLICT (subject, kind) DO UPDATE SET reason = reason || '; ' || excluded.reason",
        );
        for (const p of problems) {
          ins.run(p.subject, p.kind, p.reason, firstSeen.get(`${p.subject}\u0000${p.kind}`) ?? now, now);
        }
      }));
  }

  openProblems(limit = 100): OpenProblem[] {
    const rows = this.#stmt(
      "SELECT subject, kind, reason, first_seen, last_seen FROM problems ORDER BY last_seen DESC, subject LIMIT ?",
    ).all(limit) as Row[];
    return rows.map((r) => ({
      subject: String(r.subject),
      kind: String(r.kind) as Problem["kind"],
      reason: String(r.reason),
      firstSeen: String(r.first_seen),
      lastSeen: String(r.last_seen),
    }));
  }

  problemCount(): number {
    return Number((this.#stmt("SELECT COUNT(*) AS n FROM problems").get() as Row).n);
  }

  // --- runs ---

  startRun(kind: string): number {
    return guard(
      "start a run",
      () =>
        Number(
          this.#stmt("INSERT INTO runs (kind, started_at) VALUES (?, ?)").run(kind, this.#stamp())
            .lastInsertRowid,
        ),
    );
  }

  finishRun(
    id: number,
    outcome: "ok" | "partial" | "failed",
    counts: Record<string, number>,
    error?: string,
  ): void {
    guard(
      "finish a run",
      () =>
        this.#stmt("UPDATE runs SET finished_at = ?, outcome = ?, counts = ?, error = ? WHERE id = ?")
          .run(this.#stamp(), outcome, JSON.stringify(counts), error ?? null, id),
    );
  }

  lastRuns(n: number): Run[] {
    const rows = this.#stmt("SELECT * FROM runs ORDER BY id DESC LIMIT ?").all(n) as Row[];
    return rows.map((r) => ({
      id: Number(r.id),
      kind: String(r.kind),
      startedAt: String(r.started_at),
      finishedAt: r.finished_at === null ? null : String(r.finished_at),
      outcome: r.outcome === null ? null : String(r.outcome),
      counts: r.counts === null ? {} : JSON.parse(String(r.counts)),
      error: r.error === null ? null : String(r.error),
    }));
  }

  close(): void {
    this.#stmts.clear();
    this.#db.close();
  }
}

export function openLedger(path: string, options?: LedgerOptions): Ledger {
  return Ledger.open(path, options);
}
