/**
 * `sync products --once --full --allow-mass-zero` for the XML feed: the operator confirms that the codes a
 * held build takes off sale really are gone. The feed is built once with catalog.vanishLimit lifted, in the
 * data folder's `feed` folder, so the agent started again serves it and weighs its next build against it.
 * @module
 */

import { join } from "node:path";
import { FeedSource } from "../agent/feed_source.ts";
import { servedIn } from "../agent/feed_served.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { FEED_VANISH_SUBJECT, VANISH_KIND, VANISH_SUBJECT } from "../sync/vanish_limit.ts";
import type { CommandState } from "./state.ts";

function holdOpen(ledger: Pick<Ledger, "openProblems">, subject: string): boolean {
  return ledger.openProblems({ kind: VANISH_KIND }).some((p) => p.subject === subject);
}

/** Whether the feed's hold is open. */
export function feedHeld(ledger: Pick<Ledger, "openProblems">): boolean {
  return holdOpen(ledger, FEED_VANISH_SUBJECT);
}

/**
 * With feed.insteadOfApi the confirmation closes the API sync's hold too, if one is open (set before the
 * store turned to the feed): that sync sends nothing now, so no full cycle of it would ever close it, and
 * /health would stay degraded, naming the command just run. Its line, or undefined.
 */
export function releaseApiHold(ledger: Pick<Ledger, "openProblems" | "replaceProblems">): string | undefined {
  if (!holdOpen(ledger, VANISH_SUBJECT)) return undefined;
  ledger.replaceProblems([VANISH_SUBJECT], []);
  return "--allow-mass-zero: the API sync's catalog.vanishLimit hold is closed too: with feed.insteadOfApi " +
    "nothing is sent to the store's API (if it is turned off again, the next full cycle weighs its zeros anew)";
}

/**
 * Whether the feed is to be built with the limit lifted beside the API sync's confirmed cycle: its hold is open,
 * or this cycle's zeros went out past the limit and a build was served before. A cycle that only held sent
 * nothing, so the feed was not built again and its hold not opened yet: its first build after the start would
 * be weighed against that served one and held, asking for this command a second time.
 */
export async function feedToConfirm(st: CommandState, lifted: boolean): Promise<boolean> {
  if (feedHeld(st.ledger)) return true;
  return lifted && await servedIn(join(st.dataDir, "feed")) !== undefined;
}

/**
 * Builds the feed with the limit lifted; the line that says what it did. `signal` (the operator's Ctrl+C)
 * stops the build, as the agent's stop does: a full read of Nebim, minutes on a large catalogue.
 */
export async function confirmFeed(st: CommandState, signal?: AbortSignal): Promise<string> {
  const feed = new FeedSource(st.connections, st.settings, st.ledger, join(st.dataDir, "feed"));
  const stop = () => feed.close();
  if (signal?.aborted) stop();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    const { file, check } = await feed.confirm();
    if (check?.verdict === "lifted") {
      return `--allow-mass-zero: the XML feed was built with catalog.vanishLimit lifted: ${check.vanishing} of ` +
        `the ${check.active} stock codes on sale in the feed it served go to stock 0 or out of it (the limit ` +
        `allows ${check.allowed}); the agent serves this build (${file.rows} variants) from its next start`;
    }
    return `--allow-mass-zero: the XML feed was built again (${file.rows} variants), within catalog.vanishLimit`;
  } finally {
    signal?.removeEventListener("abort", stop);
    feed.close();
  }
}
