/**
 * The creates the product sync sent and has not recorded an answer for: one row per product/save request
 * that creates stock codes, holding their codes. A full cycle takes such a code in the store for the agent's
 * own (not the merchant's) and zeroes it once Nebim no longer sells it (sync/products.ts).
 * @module
 */

import type { Context } from "./connection.ts";

/** The codes of the sends left unrecorded, and the rows they came from (cleared once a full cycle ran). */
export interface UnrecordedSends {
  ids: number[];
  /** Stock code → its item code. */
  codes: Map<string, string>;
}

export function sendingQueries({ db, transaction, now }: Context) {
  const add = db.prepare("INSERT INTO sending (codes, created_at) VALUES (?, ?)");
  const all = db.prepare("SELECT id, codes FROM sending ORDER BY id");
  const remove = db.prepare("DELETE FROM sending WHERE id = ?");
  return {
    recordSending(sending: readonly (readonly [stockCode: string, itemCode: string])[]): number {
      const codes = JSON.stringify(sending);
      return Number(add.run(codes, now()).lastInsertRowid);
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

    clearSends(ids: readonly number[]): void {
      transaction(() => {
        for (const id of ids) remove.run(id);
      });
    },
  };
}
