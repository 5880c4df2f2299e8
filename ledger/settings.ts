/**
 * The settings document (docs/settings.md), stored whole as JSON in one row. The ledger does not validate
 * it — the settings schema does, before it gets here — it keeps it durable and counts versions.
 * @module
 */

import { IntegrationError } from "../errors.ts";
import type { Context } from "./connection.ts";
import type { StoredSettings } from "./types.ts";

/** The settings queries, bound to one open ledger. */
export function settingsQueries({ db, transaction, now }: Context) {
  const get = db.prepare("SELECT doc, version, updated_at FROM settings WHERE id = 1");
  const put = db.prepare(
    "INSERT INTO settings (id, doc, version, updated_at) VALUES (1, ?, 1, ?) " +
      "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, version = settings.version + 1, " +
      "updated_at = excluded.updated_at RETURNING version",
  );

  return {
    getSettings(): StoredSettings | undefined {
      const r = get.get();
      if (!r) return undefined;
      return { doc: JSON.parse(String(r.doc)), version: Number(r.version), updatedAt: String(r.updated_at) };
    },

    putSettings(doc: unknown): number {
      const text = JSON.stringify(doc);
      if (text === undefined) {
        throw new IntegrationError("fatal", "Settings document must be a JSON value", {
          system: "ledger",
          subject: "settings",
        });
      }
      return transaction(() => Number(put.get(text, now())?.version));
    },
  };
}
