/**
 * The circuit breaker against mass zeroing (`catalog.vanishLimit`): pure. A few stock codes leaving Nebim is
 * the catalogue changing; most of them leaving in one cycle is far more often a mistake (the agent pointed at
 * a restored or test database, a view that returns nothing, items blocked by accident), and zeroing them
 * would take the whole store, and every marketplace behind it, out of stock. Over the limit, a cycle holds
 * all of its zeros until a person fixes the cause or confirms.
 * @module
 */

import type { Problem } from "./desired.ts";
import { wholeUnits } from "./whole_units.ts";

/** Hold a cycle's zeros when more than max(`percent` % of the codes on sale, `atLeast`) vanish at once. */
export interface VanishLimit {
  percent: number;
  atLeast: number;
}

export interface VanishCheck {
  /** Bound, active stock codes with stock in the store that this cycle found gone: each would go to 0. */
  vanishing: number;
  /** Bound stock codes on sale, with stock in the store (the vanishing ones included). */
  active: number;
  /** The most one cycle zeroes unconfirmed; Infinity when the limit is off. */
  allowed: number;
  /** ok: within the limit; held: over it, no zero sent; lifted: over it and sent, as the operator confirmed. */
  verdict: "ok" | "held" | "lifted";
}

/** The ledger problem a hold opens (one for the whole catalogue, not one per code). */
export const VANISH_SUBJECT = "catalog.vanishLimit";
export const VANISH_KIND = "massZero";

/** The command that confirms a hold, as the messages tell it. */
export const CONFIRM_COMMAND = "e-ticaret sync products --once --full --allow-mass-zero";

export function checkVanishing(
  vanishing: number,
  active: number,
  limit: VanishLimit | null,
  lifted: boolean,
): VanishCheck {
  // Floored: "more than 20.4" and "more than 20" hold the same whole numbers of codes.
  const allowed = limit === null
    ? Infinity
    : Math.max(wholeUnits(limit.percent * active / 100), limit.atLeast);
  const verdict = vanishing <= allowed ? "ok" : lifted ? "lifted" : "held";
  return { vanishing, active, allowed, verdict };
}

const CAUSES = "Likely causes: the agent reads another database than the shop's (a restored or test copy: " +
  "nebim.sql.database), a Nebim view or join that returns nothing, or items blocked or taken off the " +
  "internet (IsBlocked, UseInternet) by mistake.";
const CONFIRM =
  `if the items really are gone, confirm with \`${CONFIRM_COMMAND}\` (the agent stopped), or raise ` +
  "catalog.vanishLimit (null turns it off).";

/** `A, B, …`: the sample, and an ellipsis when the count is more. */
function named(check: VanishCheck, sample: readonly string[]): string {
  return `${sample.join(", ")}${check.vanishing > sample.length ? ", …" : ""}`;
}

/** What a held cycle tells the operator: how many, a sample, the likely causes and the two ways out. */
function heldReason(check: VanishCheck, sample: readonly string[]): string {
  return `stock 0 held for all ${check.vanishing} of ${check.active} stock codes on sale that vanished from ` +
    `Nebim this cycle, more than catalog.vanishLimit allows (${check.allowed}): ${named(check, sample)}. ` +
    `${CAUSES} Fix Nebim or the settings and the next full cycle clears this; ${CONFIRM} ` +
    "Nothing else is held: stock, price and new products still go.";
}

/**
 * The XML feed's own hold (agent/feed_build.ts): the same kind of problem under its own subject, so the API
 * sync's full cycle, which clears its own, never releases the feed's, nor the feed's build the API's.
 */
export const FEED_VANISH_SUBJECT = "catalog.vanishLimit (XML feed)";

/** What a held feed build tells the operator; `servedAt`: when the build still served read the catalogue. */
function feedHeldReason(check: VanishCheck, sample: readonly string[], servedAt: string): string {
  return `the XML feed still serves its build of ${servedAt}: a new build would take ${check.vanishing} of ` +
    `the ${check.active} stock codes on sale in it to stock 0 or out of the feed, more than ` +
    `catalog.vanishLimit allows (${check.allowed}): ${named(check, sample)}. ${CAUSES} Fix Nebim or the ` +
    `settings and the next build clears this; ${CONFIRM} Until then the store's import gets nothing new ` +
    "from the feed: no stock, price or product changes.";
}

/**
 * The problem a hold opens: the API sync's, or given `feedServedAt` (when the build the XML feed still serves
 * read the catalogue) the feed's, under its own subject.
 */
export function heldProblem(check: VanishCheck, sample: readonly string[], feedServedAt?: string): Problem {
  return feedServedAt === undefined
    ? { subject: VANISH_SUBJECT, kind: VANISH_KIND, reason: heldReason(check, sample) }
    : {
      subject: FEED_VANISH_SUBJECT,
      kind: VANISH_KIND,
      reason: feedHeldReason(check, sample, feedServedAt),
    };
}

/** A held code's row in the plan's table (`sync products --dry-run`). */
export function heldWhy(check: VanishCheck): string {
  return `vanished from Nebim, stock 0 held: ${check.vanishing} of ${check.active} codes on sale vanished, ` +
    `more than catalog.vanishLimit allows (${check.allowed})`;
}
