/**
 * The XML feed's convergence property (feed_convergence_e2e_test.ts), its reading side: a build parsed into
 * rows by stock code, and catalog.vanishLimit's verdict worked out from two builds' rows.
 * @module
 */

import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import type { VanishLimit } from "../../sync/vanish_limit.ts";

/** One <product>: every tag it carries, as text (CDATA unwrapped). */
export type FeedRow = Record<string, string>;

/** A build as read back: its rows by stock code, and those with stock. */
export interface ParsedFeed {
  path: string;
  text: string;
  rows: Map<string, FeedRow>;
  onSale: Set<string>;
}

const parser = new XMLParser({
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === "product",
});

export async function readFeed(path: string): Promise<ParsedFeed> {
  const text = await Deno.readTextFile(path);
  const doc = parser.parse(text) as { products: "" | { product?: FeedRow[] } };
  const products = doc.products === "" ? [] : doc.products.product ?? [];
  const rows = new Map<string, FeedRow>();
  for (const p of products) {
    assert.ok(!rows.has(p.stokkodu!), `stock code ${p.stokkodu} listed twice in ${path}`);
    // quantity and varyantstok are one number written twice: a row where they differ is wrong either way.
    assert.equal(p.varyantstok, p.quantity, `${p.stokkodu}: varyantstok is its quantity`);
    rows.set(p.stokkodu!, p);
  }
  const onSale = new Set([...rows].filter(([, r]) => Number(r.quantity) > 0).map(([code]) => code));
  return { path, text, rows, onSale };
}

/**
 * Whether a build with `next` on sale would be held against the served one's `served` (feed/vanish.ts): more
 * of those codes leave the sale (stock 0 or out) than max(percent of them, atLeast). A code written at stock
 * 0 that Nebim still sells (`soldOut`) only sold out: it leaves nothing. Worked out here, not asked of
 * sync/vanish_limit.ts.
 */
export function heldBy(
  served: ReadonlySet<string> | undefined,
  next: ReadonlySet<string>,
  limit: VanishLimit | null,
  soldOut: ReadonlySet<string>,
): boolean {
  if (!served || !limit) return false;
  const vanishing = [...served].filter((c) => !next.has(c) && !soldOut.has(c)).length;
  return vanishing > Math.max(Math.floor(limit.percent * served.size / 100), limit.atLeast);
}

/** The codes of `rows` written at stock 0 that Nebim still sells (`sellable`): sold out, not leaving the sale. */
export function soldOutOf(
  rows: Iterable<[string, FeedRow | null]>,
  sellable: (code: string) => boolean,
): Set<string> {
  return new Set(
    [...rows].filter(([c, r]) => r !== null && Number(r.quantity) === 0 && sellable(c)).map(([c]) => c),
  );
}

/**
 * The served build equals the clean start's `clean` but for `zeroed`: codes an earlier build listed, which
 * stay (ledger/feed_listed.ts), each as its row given (copied: the old row, at stock 0 or with its stock as
 * served, its product's tags those of the last row of its `sku` written from Nebim, if any), or any row at
 * stock 0 (null: one Nebim still has but no longer sells, its values the clean start's had it been on sale).
 * Row by row, every tag.
 */
export function assertSameFeed(
  served: ParsedFeed,
  clean: ParsedFeed,
  zeroed: ReadonlyMap<string, FeedRow | null>,
  when: string,
): void {
  const extra = [...served.rows.keys()].filter((c) => !clean.rows.has(c)).sort();
  assert.deepEqual(
    extra,
    [...zeroed.keys()].sort(),
    `${when}: the codes beyond a clean start's are the listed, unsold ones`,
  );
  // A product's tags as the last row of it written from Nebim carries them (copied rows come last).
  const products = new Map<string, FeedRow>();
  for (const [code, row] of served.rows) if (!zeroed.get(code)) products.set(row.sku!, row);
  for (const [code, row] of zeroed) {
    if (!row) {
      assert.equal(served.rows.get(code)!.quantity, "0", `${when}: ${code} at stock 0`);
      continue;
    }
    const now = products.get(row.sku!);
    const expected = now ? { ...row, name: now.name!, kdv: now.kdv! } : row;
    // Its product's price even where the old row had none (served while prices were off): feed/xml.ts goneRow.
    if (now && now.price !== undefined) expected.price = now.price;
    assert.deepEqual(served.rows.get(code), expected, `${when}: ${code} as the build before served it`);
  }
  const missing = [...clean.rows.keys()].filter((c) => !served.rows.has(c));
  assert.deepEqual(missing, [], `${when}: every code a clean start lists`);
  for (const [code, row] of clean.rows) assert.deepEqual(served.rows.get(code), row, `${when}: ${code}`);
}
