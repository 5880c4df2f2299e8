/**
 * The product cycle of a store that imports the XML feed instead of taking writes through the API
 * (`feed.insteadOfApi`): nothing is sent; the cycle only asks Nebim whether anything the feed shows changed
 * since the last one, so the feed is built again on its next request rather than when its copy expires.
 * Its own bookmark: the API sync's stays unset, so switching to API writes later starts with a full cycle,
 * which adopts what the imports created instead of creating it again.
 * @module
 */

import { changedSince, cycleMode } from "./item_batches.ts";
import type { CatalogSource, SyncLedger } from "./ports.ts";

export const FEED_BOOKMARK = "products-feed";

export interface FeedWatch {
  mode: "incremental" | "full";
  /** Items changed since the last cycle; a full cycle (or the first) counts as a change of everything. */
  changedItems: number | "all";
}

export async function watchForFeed(
  catalog: Pick<CatalogSource, "serverTime" | "changedItemCodes">,
  ledger: Pick<SyncLedger, "getBookmark" | "setBookmark">,
  mode: "incremental" | "full",
  signal?: AbortSignal,
  onMode?: (mode: FeedWatch["mode"]) => void, // as SyncOptions.onMode
): Promise<FeedWatch> {
  const signpost = await catalog.serverTime(signal);
  const previous = ledger.getBookmark(FEED_BOOKMARK);
  const now = cycleMode(mode, previous, signpost);
  onMode?.(now);
  let changedItems: FeedWatch["changedItems"] = "all";
  if (now === "incremental") {
    changedItems = (await catalog.changedItemCodes(changedSince(previous!), signpost, signal)).length;
  }
  ledger.setBookmark(FEED_BOOKMARK, signpost.toISOString());
  return { mode: now, changedItems };
}
