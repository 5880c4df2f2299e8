/**
 * The settings document (docs/settings.md), stored whole as JSON in one row. The ledger does not validate
 * it — the settings schema does, before it gets here — it keeps it durable and counts versions. Beside it, the
 * --config file's document as last applied (agent/settings_store.ts applies only what changed in the file).
 * @module
 */

import { IntegrationError } from "../errors.ts";
import { bookmarkQueries } from "./bookmarks.ts";
import type { Context } from "./connection.ts";
import type { StoredSettings } from "./types.ts";

/**
 * The bookmark of the full product cycle a settings change owes: the settings version that owed it, "" once a
 * full cycle paid it (sync/products.ts). Written in the settings' own commit, so a process that dies before
 * that cycle ran does not lose it.
 */
export const FULL_OWED = "products-full-owed";

/** The settings queries, bound to one open ledger. */
export function settingsQueries(ctx: Context) {
  const { db, transaction, now } = ctx;
  const get = db.prepare("SELECT doc, version, updated_at, file FROM settings WHERE id = 1");
  // A save without a file (a settings change over HTTP) keeps the file recorded: COALESCE.
  const put = db.prepare(
    "INSERT INTO settings (id, doc, version, updated_at, file) VALUES (1, ?, 1, ?, ?) " +
      "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, version = settings.version + 1, " +
      "updated_at = excluded.updated_at, file = COALESCE(excluded.file, settings.file) RETURNING version",
  );

  // The owed full cycle is a bookmark, set inside the settings' own transaction.
  const { setBookmark } = bookmarkQueries(ctx);

  return {
    getSettings(): StoredSettings | undefined {
      const r = get.get();
      if (!r) return undefined;
      return {
        doc: JSON.parse(String(r.doc)),
        version: Number(r.version),
        updatedAt: String(r.updated_at),
        ...(r.file === null ? {} : { file: JSON.parse(String(r.file)) }),
      };
    },

    /** `oweFull`: the change owes a full product cycle (FULL_OWED), recorded in the same commit. */
    putSettings(doc: unknown, file?: unknown, oweFull = false): number {
      const text = jsonText(doc);
      const fileText = file === undefined ? null : jsonText(file);
      return transaction(() => {
        const version = Number(put.get(text, now(), fileText)?.version);
        if (oweFull) setBookmark(FULL_OWED, String(version));
        return version;
      });
    },
  };
}

function jsonText(doc: unknown): string {
  const text = JSON.stringify(doc);
  if (text === undefined) {
    throw new IntegrationError("fatal", "Settings document must be a JSON value", {
      system: "ledger",
      subject: "settings",
    });
  }
  return text;
}
