/**
 * The command line, the same from source (`deno task start -- …`) and from the exe:
 *
 *   e-ticaret run   [--config FILE] [--data DIR]
 *   e-ticaret check [--config FILE] [--data DIR]
 *   e-ticaret sync products --once [--full [--allow-mass-zero]] [--dry-run] [--csv FILE] [--config FILE]
 *                           [--data DIR]
 *   e-ticaret token [--data DIR]
 * @module
 */

import { parseArgs } from "node:util";
import type { AgentFailure, RunningAgent } from "../main.ts";
import { errorMessage } from "../errors.ts";
import { configureLogging, stopLogging } from "../log.ts";
import { parseSettings, type Settings, SettingsError } from "../settings/mod.ts";
import { VERSION } from "../version.ts";
import { ensureToken } from "../agent/token.ts";
import { STORED_HINT, StoredSettingsError } from "../agent/settings_store.ts";
import { runCheck } from "./check.ts";
import { agentFileProblem, checkWritable, intoDataFolderToBeMade } from "./csv_path.ts";
import { DONE_EXIT, FAILED_EXIT, USAGE_EXIT } from "./exit_code.ts";
import { feedRefusal } from "./feed_refusal.ts";
import { pathProblem } from "./path_args.ts";
import { loadConfig, openState, type StateOptions } from "./state.ts";
import { runAgent } from "./run_agent.ts";
import { runSyncOnce } from "./sync_once.ts";
import { osStopSignal, untilStopped } from "./stop_signal.ts";

export const USAGE = `e-ticaret agent ${VERSION}

usage:
  e-ticaret run   [--config FILE] [--data DIR]     run always: product sync, /health, XML feed
  e-ticaret check [--config FILE] [--data DIR]     verify SQL Server tables, the Integrator login and Qukasoft
  e-ticaret sync products --once [--full [--allow-mass-zero]] [--dry-run] [--csv FILE] [--config FILE]
                          [--data DIR]
                                                   one product cycle now; --dry-run changes nothing;
                                                   --csv writes every row (the screen shows 500);
                                                   --full --allow-mass-zero: zero the stock codes that
                                                   vanished even beyond catalog.vanishLimit, this once
                                                   (and serve the XML feed catalog.vanishLimit held)
  e-ticaret token [--data DIR]                     print the access token (the XML feed's ?token=)

--config FILE  settings document (docs/settings.md); seeds the ledger on first start
--data DIR     ledger, token and logs (default: %ProgramData%\\e-ticaret on Windows, ./data elsewhere)`;

/** The options each command takes; any other is a usage error, never silently ignored. */
const OPTIONS_OF: Record<string, readonly string[]> = {
  run: ["config", "data"],
  check: ["config", "data"],
  "sync products": ["once", "full", "allow-mass-zero", "dry-run", "csv", "config", "data"],
  token: ["data"],
};

export interface CliDeps {
  startAgent(
    o: {
      dataDir: string;
      configDoc?: unknown;
      port?: number;
      onWriter?: () => Promise<void>;
      onRelease?: (failure?: AgentFailure) => Promise<void>;
    },
  ): Promise<RunningAgent>;
  /** Where a command's answer goes (a report, a token, the usage asked for); default stdout. */
  out?: (line: string) => void;
  /** Where errors, log and progress lines go; default stderr. */
  err?: (line: string) => void;
  /** Milliseconds, pacing a one-shot sync's progress lines (tests pass a fake). */
  now?: () => number;
  /** Resolves when the operator asks to stop (Ctrl+C, SIGBREAK, SIGTERM); `until` aborted, it stops listening. */
  stopSignal?: (until?: AbortSignal) => Promise<void>;
}

export function defaultDataDir(): string {
  if (Deno.build.os === "windows") {
    const pd = Deno.env.get("ProgramData") ?? "C:\\ProgramData";
    return `${pd}\\e-ticaret`;
  }
  return "./data";
}

/**
 * Returns the exit code: 0 ok, 1 a failure the output explains, 2 a usage or configuration error, 3 (a
 * one-shot sync's) the cycle ran to its end but the store did not take some items (or holds them: a product
 * it lists unreadably), or catalog.vanishLimit held its zeros (PARTIAL_EXIT), 4 (a one-shot sync's) the cycle
 * ran to its end but its --csv file was not written (CSV_EXIT). When several apply, the first in that order 1,
 * 2, 3, 4 is returned (exit_code.ts).
 */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const out = deps.out ?? ((l: string) => console.log(l));
  const err = deps.err ?? ((l: string) => console.error(l));
  // `deno task start -- run` passes a literal "--" through: drop one leading "--" (DESIGN §9).
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: "string" },
        data: { type: "string" },
        once: { type: "boolean" },
        full: { type: "boolean" },
        "dry-run": { type: "boolean" },
        "allow-mass-zero": { type: "boolean" },
        csv: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (e) {
    err(`${errorMessage(e)}\n\n${USAGE}`);
    return USAGE_EXIT;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    out(VERSION);
    return DONE_EXIT;
  }
  const command = positionals.join(" ");
  if (values.help || !command) {
    // Asked for: the answer (stdout). Not given a command: a usage error (stderr).
    (values.help ? out : err)(USAGE);
    return values.help ? DONE_EXIT : USAGE_EXIT;
  }
  const allowed = OPTIONS_OF[command];
  const stray = allowed && Object.keys(values).find((k) => !allowed.includes(k));
  if (stray) {
    err(`--${stray} is not an option of ${command}\n\n${USAGE}`);
    return USAGE_EXIT;
  }
  const badPath = pathProblem(values);
  if (badPath) {
    err(`${badPath}\n\n${USAGE}`);
    return USAGE_EXIT;
  }
  const dataDir = values.data ?? defaultDataDir();
  let configDoc: unknown;
  let fileSettings: Settings | undefined;
  try {
    configDoc = values.config ? await loadConfig(values.config) : undefined;
    // Checked before anything is created: a bad file leaves no empty data folder or ledger behind.
    if (configDoc !== undefined) fileSettings = parseSettings(configDoc);
  } catch (e) {
    err(describe(e, values.config));
    return USAGE_EXIT;
  }
  try {
    switch (command) {
      case "run":
        return await runAgent(deps, { out, err }, dataDir, configDoc);
      case "token":
        // Never makes a token where the agent keeps none: a mistyped --data (a missing folder, its parent, its
        // logs folder) would otherwise print a token the running agent does not know, and the feed says 403.
        if (!await isDataFolder(dataDir)) {
          err(
            `no agent data in ${dataDir} (no ledger.sqlite): give the agent's --data; ` +
              "its first start makes the ledger and the token",
          );
          return USAGE_EXIT; // a usage error, as check's and sync's on such a folder (hasSettings)
        }
        out(await ensureToken(dataDir));
        return DONE_EXIT;
      case "check":
        if (!await hasSettings(dataDir, configDoc, err)) return USAGE_EXIT;
        return await withState(
          dataDir,
          configDoc,
          { dryRun: true, check: true },
          { out, err },
          (st) => runCheck(st, out, err),
        );
      case "sync products": {
        if (!values.once) {
          err("sync products needs --once (the always-running sync is `run`)");
          return USAGE_EXIT;
        }
        const allowMassZero = values["allow-mass-zero"] ?? false;
        // Only a full cycle sees every vanished code: an incremental one would confirm a part of them.
        if (allowMassZero && !values.full) {
          err("--allow-mass-zero confirms a full cycle's zeros: give --full with it");
          return USAGE_EXIT;
        }
        if (!await hasSettings(dataDir, configDoc, err)) return USAGE_EXIT;
        const dryRun = values["dry-run"] ?? false;
        // A new data folder syncs under the file's settings: a refusal they decide comes before it is made.
        const refusal = fileSettings && !await isDataFolder(dataDir) &&
          feedRefusal(fileSettings, { dryRun, allowMassZero, csv: values.csv });
        if (refusal) {
          err(refusal);
          return USAGE_EXIT;
        }
        // Before the data folder and its ledger are made: a report's bad path must leave nothing behind.
        if (values.csv !== undefined) {
          const clash = await agentFileProblem(values.csv, dataDir, values.config);
          if (clash) {
            err(clash);
            return USAGE_EXIT;
          }
          if (dryRun || !await intoDataFolderToBeMade(values.csv, dataDir)) await checkWritable(values.csv);
        }
        const io = { out, err, now: deps.now };
        const o = { full: values.full ?? false, allowMassZero, dryRun, csv: values.csv };
        return await withState(
          dataDir,
          configDoc,
          { dryRun, log: true },
          io,
          (st) =>
            untilStopped(
              deps.stopSignal ?? osStopSignal,
              err,
              (signal) => runSyncOnce(st, { ...o, signal }, io),
            ),
        );
      }
      default:
        err(`unknown command "${command}"\n\n${USAGE}`);
        return USAGE_EXIT;
    }
  } catch (e) {
    err(describe(e, undefined, dataDir));
    return e instanceof SettingsError ? USAGE_EXIT : FAILED_EXIT;
  }
}

/**
 * Without --config, check and sync take the ledger's settings. A folder with none (a mistyped --data, a
 * scheduled task started elsewhere than ./data's folder) was checked or synced under the defaults, said "not
 * configured", and a sync left a ledger there: refused, saying so.
 */
async function hasSettings(dataDir: string, configDoc: unknown, err: (l: string) => void): Promise<boolean> {
  if (configDoc !== undefined || await isDataFolder(dataDir)) return true;
  err(
    `no agent data in ${dataDir} (no ledger.sqlite) and no --config: give the agent's --data, or --config FILE`,
  );
  return false;
}

async function isDataFolder(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(`${path}/ledger.sqlite`)).isFile;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) return false;
    throw e;
  }
}

/** An error for the screen; bad settings one key path per line, and the file they came from when known. */
function describe(e: unknown, file?: string, dataDir?: string): string {
  const lines = (e: SettingsError) => e.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n");
  if (e instanceof StoredSettingsError) {
    // Not the --config file's (that one passed): the ledger's, stored by an earlier version.
    return `invalid settings kept in the ledger ${dataDir}/ledger.sqlite by an earlier version:\n${
      lines(e)
    }\n` +
      STORED_HINT;
  }
  if (e instanceof SettingsError) {
    const from = file === undefined ? "" : ` in ${file}`;
    return `invalid settings${from}:\n${lines(e)}`;
  }
  return errorMessage(e);
}

async function withState(
  dataDir: string,
  configDoc: unknown,
  o: StateOptions & { log?: boolean },
  io: { out: (l: string) => void; err: (l: string) => void },
  fn: (st: Awaited<ReturnType<typeof openState>>) => Promise<number>,
): Promise<number> {
  await configureLogging({ console: true, level: "warning", write: io.err });
  try {
    const st = await openState(dataDir, configDoc, o);
    try {
      // Only while holding the writer lock: no `run` writes (and rotates) the same agent.log meanwhile.
      if (o.log && st.writer) {
        await configureLogging({ dir: `${dataDir}/logs`, console: true, level: "warning", write: io.err });
      }
      if (st.notice) io.out(`note: ${st.notice}`);
      return await fn(st);
    } finally {
      // agent.log is closed before the lock goes: a `run` starting next may rotate (rename) it at once.
      if (o.log && st.writer) await configureLogging({ console: true, level: "warning", write: io.err });
      await st.close();
    }
  } finally {
    await stopLogging();
  }
}
