/**
 * The writes the product sync sent and has not recorded an answer for: one row per push, written before its
 * requests, holding the codes it creates and the bound codes it updates. A full cycle takes a created code in
 * the store for the agent's own (not the merchant's) and zeroes it once Nebim no longer sells it
 * (sync/products.ts); an updated code's fields are in doubt, so the next cycle sends them all again.
 * @module
 */

import type { Context } from "./connection.ts";

/** The codes of the creates left unrecorded, and the rows they came from (cleared once a full cycle ran). */
export interface UnrecordedSends {
  ids: number[];
  /** Stock code → its item code. */
  codes: Map<string, string>;
}

/** Why a code an unanswered write updated is sent again (the binding's reason while it is dirty). */
export const UNANSWERED = "its last write was sent and its answer never recorded (the agent stopped or " +
  "crashed): the store may show it or what came before, so every field is sent again";

export function sendingQueries({ db, transaction, now }: Context) {
  const add = db.prepare("INSERT INTO sending (codes, updates, created_at) VALUES (?, ?, ?)");
  const all = db.prepare("SELECT id, codes FROM sending WHERE codes != '[]' ORDER BY id");
  const remove = db.prepare("DELETE FROM sending WHERE id = ?");
  const codesOf = db.prepare("SELECT codes FROM sending WHERE id = ?");
  const answerUpdates = db.prepare("UPDATE sending SET updates = NULL WHERE id = ?");
  const dropEmpty = db.prepare("DELETE FROM sending WHERE codes = '[]' AND updates IS NULL");
  const forgetUpdates = db.prepare("UPDATE sending SET updates = NULL WHERE updates IS NOT NULL");
  const doubted = db.prepare(
    "SELECT DISTINCT b.stock_code, b.item_code FROM sending s, json_each(s.updates) u " +
      "JOIN bindings b ON b.stock_code = u.value WHERE s.updates IS NOT NULL",
  );
  return {
    recordSending(
      creating: readonly (readonly [stockCode: string, itemCode: string])[],
      updating: readonly string[] = [],
    ): number {
      const codes = JSON.stringify(creating);
      return Number(add.run(codes, updating.length ? JSON.stringify(updating) : null, now()).lastInsertRowid);
    },

    /**
     * The answer of send `id` is recorded: its updated codes are settled (stored, or dirty when they failed);
     * its created ones too when `createsSettled`, and the row goes. Else they stay for a full cycle.
     */
    sendAnswered(id: number, createsSettled: boolean): void {
      if (createsSettled) remove.run(id);
      else {
        answerUpdates.run(id);
        dropEmpty.run();
      }
    },

    unrecordedSends(): UnrecordedSends {
      const out: UnrecordedSends = { ids: [], codes: new Map() };
      for (const r of all.all()) {
        out.ids.push(Number(r.id));
        for (const [code, item] of JSON.parse(String(r.codes)) as [string, string][]) {
          out.codes.set(code, item);
        }
      }
      return out;
    },

    /**
     * The bound codes of the updates sent and never answered (stock code → item code), read only: the ledger's
     * `doubtUnanswered` marks them dirty, a dry run plans them as in doubt without writing the ledger.
     */
    unansweredUpdates(): Map<string, string> {
      const out = new Map<string, string>();
      for (const r of doubted.all()) out.set(String(r.stock_code), String(r.item_code));
      return out;
    },

    /** Those updates are dealt with (marked in doubt): their rows keep only the creates, if any. */
    forgetUnanswered(): void {
      forgetUpdates.run();
      dropEmpty.run();
    },

    clearSends(ids: readonly number[], inDoubt: ReadonlySet<string> = new Set()): void {
      transaction(() => {
        for (const id of ids) {
          const row = codesOf.get(id);
          if (!row) continue;
          const codes = JSON.parse(String(row.codes)) as [string, string][];
          if (!codes.some(([code]) => inDoubt.has(code))) remove.run(id);
        }
      });
    },
  };
}
