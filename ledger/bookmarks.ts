/**
 * Bookmarks: named positions (the product sync's signpost, later the orders' high-water id). One moves
 * only after the work it covers is durable — put `setBookmark` in the same transaction as that work.
 * @module
 */

import { IntegrationError } from "../errors.ts";
import type { Context } from "./connection.ts";
import type { Bookmark } from "./types.ts";

/** The bookmark queries, bound to one open ledger. */
export function bookmarkQueries({ db, now }: Context) {
  const get = db.prepare("SELECT value FROM bookmarks WHERE name = ?");
  const set = db.prepare(
    "INSERT INTO bookmarks (name, value, updated_at) VALUES (?, ?, ?) " +
      "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
  );
  const all = db.prepare("SELECT name, value, updated_at FROM bookmarks ORDER BY name");

  return {
    getBookmark(name: string): string | undefined {
      const r = get.get(name);
      return r ? String(r.value) : undefined;
    },

    setBookmark(name: string, value: string): void {
      if (typeof name !== "string" || name === "" || typeof value !== "string") {
        throw new IntegrationError("fatal", `Bookmark "${String(name)}": name and value must be strings`, {
          system: "ledger",
          subject: String(name),
        });
      }
      set.run(name, value, now());
    },

    allBookmarks(): Bookmark[] {
      return all.all().map((r) => ({
        name: String(r.name),
        value: String(r.value),
        updatedAt: String(r.updated_at),
      }));
    },
  };
}
