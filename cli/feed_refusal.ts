/**
 * A one-shot sync that feed.insteadOfApi refuses: the store imports the XML feed, so nothing goes to its API.
 * Decided by the settings alone, so runCli asks it before a new data folder and its ledger are made.
 * @module
 */

import type { Settings } from "../settings/mod.ts";

/** Why `sync products --once` with these options is refused (exit 2, as a usage error), or undefined. */
export function feedRefusal(
  s: Pick<Settings, "feed">,
  o: { dryRun: boolean; allowMassZero?: boolean; csv?: string },
): string | undefined {
  if (!s.feed.insteadOfApi || o.dryRun) return undefined;
  if (o.allowMassZero) {
    // No cycle runs, so there are no rows: the file was never written, and the command still said 0.
    return o.csv === undefined
      ? undefined
      : "--csv: with feed.insteadOfApi, --allow-mass-zero builds the XML feed and runs no cycle, so there is " +
        "no row to write; --dry-run --csv FILE lists what the API sync would do";
  }
  // A settings refusal: nothing ran, so nothing failed; an error, not the answer.
  return "feed.insteadOfApi is set: the store imports the XML feed, so API writes are off and nothing is sent " +
    "to its API. --dry-run shows what the API sync would do.";
}
