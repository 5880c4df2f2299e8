/**
 * `sync products --once [--full [--allow-mass-zero]] [--dry-run] [--csv FILE]`: one product cycle now, printed as a table of what
 * changed (or, in a dry run, would change) and why, then the problems found and a summary line. The screen
 * shows the first 500 of each; `--csv` writes them all, for a full sync's 100,000 rows. While it runs, a line
 * on stderr every few seconds says how far it got; a sync that writes logs to agent.log as `run` does.
 * @module
 */

import { CYCLE_COUNTS, cycleCounts } from "../agent/cycle.ts";
import { mappingOptions, planOptions } from "../agent/options.ts";
import { storeWriter } from "../agent/store_writer.ts";
import { errorKind, errorMessage } from "../errors.ts";
import { CLI_CATEGORY, getLogger } from "../log.ts";
import { rulesFromSettings } from "../pricing/rules.ts";
import { needsFullSync } from "../settings/mod.ts";
import type { Action } from "../sync/plan.ts";
import type { Problem } from "../sync/desired.ts";
import { BOOKMARK, syncProducts } from "../sync/products.ts";
import { fullOwed, storeOwed } from "../sync/full_owed.ts";
import { fullReason, owedReason } from "./full_reason.ts";
import type { CycleReport } from "../sync/cycle_report.ts";
import type { CommandState } from "./state.ts";
import { tlField, toCsv } from "./csv.ts";
import { confirmFeed, feedToConfirm, releaseApiHold } from "./feed_confirm.ts";
import { withProgress } from "./progress.ts";
import { renderTable } from "./table.ts";
import { storeRefusals } from "./store_refusals.ts";
import { storeFailures } from "./store_failures.ts";
import { vanishLine } from "./vanish_line.ts";
import { feedRefusal } from "./feed_refusal.ts";
import { probeWritable, writeOrSay } from "./csv_path.ts";
import { CSV_EXIT, DONE_EXIT, exitCode, PARTIAL_EXIT, USAGE_EXIT } from "./exit_code.ts";

const MAX_ROWS = 500;
const STOPPED_ONCE =
  "stopped (Ctrl+C) during the cycle; what the store took is recorded, and the next cycle " +
  "redoes the rest";
const STOPPED_DRY = "stopped (Ctrl+C) during the cycle; nothing was sent";
const STOPPED_FEED = "stopped (Ctrl+C) while building the XML feed; the build served before is served " +
  "still: run the command again to confirm the feed";
const HEADERS = ["action", "stock code", "product", "why"];
// Appended after HEADERS, never between them: scripts read the file's columns by position.
const CSV_HEADERS = [...HEADERS, "quantity", "price TL", "marketplace price TL"];
const NO_VALUES = ["", "", ""]; // a problem row's quantity and prices
// A reason or a change read whole on screen, as in the --csv file: its last column wraps instead of being cut.
const WRAPPED = { wrapLast: true };

interface SyncOnceOptions {
  full: boolean;
  /** Zeroes the vanished codes even beyond catalog.vanishLimit, this cycle only (sync/vanish_limit.ts). */
  allowMassZero?: boolean;
  dryRun: boolean;
  /** Where every row and problem is written, besides the screen's first 500. */
  csv?: string;
  /** Aborted by the operator's Ctrl+C: the cycle stops and records how it ended. */
  signal?: AbortSignal;
}

/** Where a one-shot sync's output goes: its report to `out` (stdout), progress lines to `err` (stderr). */
export interface SyncOnceIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Milliseconds, pacing the progress lines. @default {performance.now} */
  now?: () => number;
}

export async function runSyncOnce(st: CommandState, o: SyncOnceOptions, io: SyncOnceIo): Promise<number> {
  const { out } = io;
  // To agent.log when this process holds the writer lock (commands.ts); the screen is told separately.
  const log = getLogger([...CLI_CATEGORY, "sync"]);
  const what = `sync products --once${o.full ? " --full" : ""}${o.allowMassZero ? " --allow-mass-zero" : ""}${
    o.dryRun ? " --dry-run" : ""
  }`;
  if (st.interrupted) {
    const n = st.interrupted;
    const line =
      `${n} earlier run${n === 1 ? "" : "s"} did not finish (the process was killed or crashed): ` +
      `marked interrupted; this cycle redoes what ${n === 1 ? "it" : "they"} had not recorded`;
    out(`note: ${line}`);
    log.warn("{line}", { line }); // a text, not a template: its braces stay
  }
  const refusal = feedRefusal(st.settings.current(), o);
  if (refusal !== undefined) {
    io.err(refusal);
    return USAGE_EXIT;
  }
  if (st.settings.current().feed.insteadOfApi) {
    // The store takes its products from the XML feed: writing them through the API would fight its import.
    if (!o.dryRun) {
      // --allow-mass-zero without --csv (feedRefusal): the confirmation is for the feed's hold.
      let built: string;
      try {
        built = await confirmFeed(st, o.signal);
      } catch (e) {
        if (!o.signal?.aborted) throw e;
        throw stoppedError(`${what}: ${STOPPED_FEED}`);
      }
      for (const line of [built, releaseApiHold(st.ledger)]) {
        if (line === undefined) continue;
        out(line);
        log.info("{what}: {line}", { what, line });
      }
      return DONE_EXIT;
    }
    out(
      "note: feed.insteadOfApi is set: below is what the API sync would do; the store imports its products " +
        "from the XML feed, and the running agent sends nothing to its API",
    );
  }
  log.info("{what}: started", { what });
  let made = false;
  let building = false; // the feed, after the cycle ended
  try {
    // Before the cycle: a path that cannot be written must not be found out after the store was written.
    // Not truncated yet: a cycle that fails leaves an earlier file as it was (and removes one made only now).
    made = o.csv !== undefined && await probeWritable(o.csv);
    const { report, csvError } = await syncAndPrint(st, o, io, (line) => {
      io.err(line);
      log.info("{line}", { line });
    });
    log.info(`{what}: {mode} cycle, ${CYCLE_COUNTS}`, { ...cycleCounts(report), what, mode: report.mode });
    // A store may import the feed beside the API sync: the confirmation releases the feed's hold too.
    if (o.allowMassZero && !o.dryRun && await feedToConfirm(st, report.vanishCheck?.verdict === "lifted")) {
      building = true;
      const line = await confirmFeed(st, o.signal);
      out(line);
      log.info("{what}: {line}", { what, line });
    }
    if (csvError !== undefined) {
      // Not 1 ("failed"), which had the operator run a cycle again that the store had taken: the file failed.
      if (made) await Deno.remove(o.csv!).catch(() => {});
      const done = o.dryRun ? "" : "; what the store took is recorded";
      const line = `${what}: the cycle ran to its end (its report above${done}), but ${csvError}`;
      io.err(line);
      log.warn("{line}", { line }); // a text, not a template: its braces stay
    }
    // Not 0: a script must tell a partial cycle from a clean one. Held items are Nebim's data, reported per
    // item; they do not make the cycle partial. Zeros catalog.vanishLimit held do: they wait for a person
    // (--allow-mass-zero or a fix in Nebim), whom a scheduled script exiting 0 would never call; so do items
    // held for a product the store lists unreadably (mended in the panel), as the store's refusals do. A
    // partial cycle outranks a --csv not written (exit_code.ts): the file is only the report.
    const waiting = !o.dryRun && (report.vanishCheck?.verdict === "held" || (report.heldUnreadable ?? 0) > 0);
    const partial = report.failed + report.rejected > 0 || waiting;
    return exitCode(partial ? PARTIAL_EXIT : DONE_EXIT, csvError !== undefined ? CSV_EXIT : DONE_EXIT);
  } catch (e) {
    // A file written for a cycle that ended (the feed's build stopped after it) is that cycle's report.
    if (made && !building) await Deno.remove(o.csv!).catch(() => {});
    if (o.signal?.aborted) {
      const stopped = building
        ? `the cycle ended (its report above), then ${STOPPED_FEED}`
        : o.dryRun
        ? STOPPED_DRY
        : STOPPED_ONCE;
      throw stoppedError(`${what}: ${stopped}`);
    }
    log.warn("{what} failed ({kind}): {error}", { what, kind: errorKind(e), error: errorMessage(e) });
    throw e;
  }
}

/** The operator's stop, logged: not a failure of Nebim or the store, whose abort error would say so. */
function stoppedError(message: string): Error {
  getLogger([...CLI_CATEGORY, "sync"]).warn("{message}", { message });
  return new Error(message);
}

async function syncAndPrint(
  st: CommandState,
  o: SyncOnceOptions,
  io: SyncOnceIo,
  say: (line: string) => void,
): Promise<{ report: CycleReport; csvError?: string }> {
  const out = io.out;
  const s = st.settings.current();
  const rules = rulesFromSettings(s.pricing, s.catalog);
  const watched = withProgress(await st.connections.reader(), st.connections.store(), { say, now: io.now });
  const askedFull = o.full || needsFullSync(st.changed);
  const previous = st.ledger.getBookmark(BOOKMARK);
  const owed = fullOwed(st.ledger);
  const byStore = storeOwed(st.ledger);
  // Said before the cycle: a full one reads the whole catalogue and lists the store, minutes on a large one.
  const owedNow = owedReason(owed, byStore);
  if (!askedFull && owedNow) io.err(`a full cycle is owed: ${owedNow}: running one`);
  const report = await syncProducts(
    { catalog: watched.catalog, store: storeWriter(watched.store), ledger: st.ledger },
    {
      // A file that changed a price or catalogue key: every item shows it, as the agent's first cycle is full.
      // Stored, the change owes a full cycle in the ledger too (sync/products.ts); a dry run stores nothing.
      mode: askedFull ? "full" : "incremental",
      dryRun: o.dryRun,
      mapping: mappingOptions(s, rules),
      plan: planOptions(s),
      keepRows: o.csv === undefined ? MAX_ROWS : Infinity,
      keepProblems: o.csv === undefined ? MAX_ROWS : Infinity,
      allowMassZero: o.allowMassZero,
    },
    o.signal,
  ).finally(() => watched.stop());
  const rows = report.rows.slice(0, MAX_ROWS).map((r) => [r.action, r.stockCode, r.productCode, r.why]);
  const planned = Object.values(report.actions).reduce((a, b) => a + b, 0);
  // The table may be all one action (500 adopts of a store the agent takes over): the counts show the rest.
  if (planned) out(`actions: ${actionCounts(report.actions)}`);
  out(rows.length ? renderTable(HEADERS, rows, 90, WRAPPED) : "nothing to change");
  if (planned > rows.length) {
    out(`… and ${planned - rows.length} more${o.csv === undefined ? " (--csv FILE lists them all)" : ""}`);
  }
  const problems = report.problemList.slice(0, MAX_ROWS);
  if (problems.length) {
    out(
      "\nproblems (each stays until its record is fixed: in Nebim; an unreadable one in the store's panel):",
    );
    out(
      renderTable(
        ["subject", "kind", "reason"],
        problems.map((p) => [p.subject, p.kind, p.reason]),
        110,
        WRAPPED,
      ),
    );
    if (report.problems > problems.length) out(`… and ${report.problems - problems.length} more problems`);
  }
  const refused = o.dryRun || !report.rejected ? [] : storeRefusals(st.ledger);
  // The store's refusals and failures: the same table each, under its own title.
  const listed = (title: string, noun: string, rows: readonly { subject: string; reason: string }[]) => {
    if (!rows.length) return;
    out(`\n${title}:`);
    out(
      renderTable(
        ["subject", "reason"],
        rows.slice(0, MAX_ROWS).map((p) => [p.subject, p.reason]),
        110,
        WRAPPED,
      ),
    );
    if (rows.length > MAX_ROWS) out(`… and ${rows.length - MAX_ROWS} more ${noun}`);
  };
  listed(
    "refused by the store (not sent again until the item changes in Nebim, or a full cycle)",
    "refused",
    refused,
  );
  const failed = o.dryRun || !report.failed ? [] : storeFailures(st.ledger);
  listed("failed (left to retry: sent again next cycle)", "failed", failed);
  out(
    `\n${o.dryRun ? "dry run, nothing sent: " : ""}${report.mode} cycle, ${report.itemsRead} items / ` +
      `${report.variantsRead} variants read; ${o.dryRun ? "would create" : "created"} ` +
      `${o.dryRun ? report.actions.create + report.actions.addVariant : report.created}` +
      `, ${o.dryRun ? "would update" : "updated"} ` +
      `${o.dryRun ? report.wouldUpdate ?? 0 : report.updated + report.zeroed}` +
      `, held ${report.held}, problems ${report.problems}${
        o.dryRun ? "" : `, failed ${report.failed}, rejected ${report.rejected}`
      }`,
  );
  if (report.mode === "full" && !askedFull && previous !== undefined) {
    out(`full though --full was not given: ${fullReason(previous, owed, byStore)}`);
  }
  const found = report.mode === "incremental" && !o.dryRun ? storeOwed(st.ledger) : "";
  if (found) {
    io.err(
      `a full cycle is owed: ${found}; the next \`sync products --once\` or the agent's start runs it ` +
        "(or run `sync products --once --full` now)",
    );
  }
  const unanswered = report.unanswered ?? 0;
  if (unanswered) {
    // A dry run reads the ledger beside the running agent, whose pushes record their codes before sending.
    const codes = unanswered === 1 ? "1 stock code has" : `${unanswered} stock codes have`;
    out(
      `note: ${codes} a write sent with no answer recorded yet: a running agent's, still in flight, or one a ` +
        "stopped or crashed agent left; shown as sent again in full, as the next cycle does if no answer is " +
        "recorded by then",
    );
  }
  const vanish = vanishLine(report, o.allowMassZero ?? false);
  if (vanish) out(vanish);
  if (o.csv !== undefined) {
    const all = report.rows.map((r) => [
      r.action,
      r.stockCode,
      r.productCode,
      r.why,
      String(r.quantity),
      tlField(r.price),
      tlField(r.marketplacePrice),
    ]);
    const problem = (
      p: Pick<Problem, "subject" | "reason"> & { kind: string },
    ) => [`problem: ${p.kind}`, p.subject, "", p.reason, ...NO_VALUES];
    const problemRows = [...report.problemList, ...refused, ...failed].map(problem);
    const text = toCsv(CSV_HEADERS, [...all, ...problemRows]);
    try {
      await writeOrSay(o.csv, () => Deno.writeTextFile(o.csv!, text));
    } catch (e) {
      return { report, csvError: errorMessage(e) };
    }
    const n = problemRows.length;
    out(`${all.length} rows and ${n} problem${n === 1 ? "" : "s"} written to ${o.csv}`);
  }
  return { report };
}

/** "520 create, 3 adopt, 1 held": each action that occurs, in the plan's order. */
function actionCounts(actions: Record<Action, number>): string {
  return Object.entries(actions).filter(([, n]) => n > 0).map(([a, n]) => `${n} ${a}`).join(", ");
}
