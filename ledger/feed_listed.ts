/**
 * The stock codes the XML feed has listed as sellable (agent/feed_source.ts): a variant that stops being
 * sellable stays in the feed with stock 0 only if it is here; one never listed is left out.
 * @module
 */

import { returnArrays } from "./binding_sql.ts";
import type { Context } from "./connection.ts";

/** The feed's queries, bound to one open ledger. */
export function feedListedQueries({ db, transaction, now }: Context) {
  const all = db.prepare("SELECT stock_code FROM feed_listed");
  returnArrays(all);
  const add = db.prepare(
    "INSERT INTO feed_listed (stock_code, listed_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
  );

  return {
    feedListed(): Set<string> {
      return new Set((all.all() as unknown as [string][]).map((r) => r[0]));
    },

    addFeedListed(stockCodes: readonly string[]): void {
      const at = now();
      transaction(() => {
        for (const code of stockCodes) add.run(code, at);
      });
    },
  };
}
