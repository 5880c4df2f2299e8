/**
 * The stock codes the XML feed has listed as sellable, with the product each was listed under
 * (agent/feed_build.ts): a variant that stops being sellable, or whose code two variants come to share,
 * stays in the feed with stock 0 only if it is here; one never listed is left out.
 * @module
 */

import { returnArrays } from "./binding_sql.ts";
import type { Context } from "./connection.ts";

/** The feed's queries, bound to one open ledger. */
export function feedListedQueries({ db, transaction, now }: Context) {
  const all = db.prepare("SELECT stock_code, product_code FROM feed_listed");
  returnArrays(all);
  const add = db.prepare(
    "INSERT INTO feed_listed (stock_code, product_code, listed_at) VALUES (?, ?, ?) " +
      "ON CONFLICT (stock_code) DO UPDATE SET product_code = excluded.product_code, listed_at = excluded.listed_at",
  );

  return {
    /** Stock code → the product code it was last listed under. */
    feedListed(): Map<string, string> {
      return new Map(all.all() as unknown as [string, string][]);
    },

    addFeedListed(listed: readonly (readonly [stockCode: string, productCode: string])[]): void {
      const at = now();
      transaction(() => {
        for (const [code, product] of listed) add.run(code, product, at);
      });
    },
  };
}
