/**
 * What a one-shot command needs: the ledger, the settings kept in it and the connections. A dry run on a
 * data folder that has no ledger yet uses a ledger in memory, so it leaves nothing behind; `check` tests a
 * --config file without storing it.
 * @module
 */

import { Connections } from "../agent/connections.ts";
import { SettingsStore } from "../agent/settings_store.ts";
import { type Ledger, openLedger } from "../ledger/ledger.ts";
import { claimWriter } from "../ledger/writer_lock.ts";
import { errorMessage } from "../errors.ts";
import { exists } from "../exists.ts";
import { readJsonFile } from "../json_file.ts";
import { makeDataFolder, narrowDataFolder } from "../owner_only_dir.ts";
import { getLogger } from "../log.ts";
import { openedDatabases } from "../agent/opened_databases.ts";

export interface CommandState {
  ledger: Ledger;
  settings: SettingsStore;
  connections: Connections;
  /** The data folder (`--data`): the XML feed's builds are in its `feed` folder. */
  dataDir: string;
  notice?: string;
  /** The key paths a --config file changed in the ledger's settings (sync_once.ts runs a full cycle for some). */
  changed: string[];
  /** Holds the writer lock: no `run` writes this data folder (nor its agent.log) meanwhile. */
  writer: boolean;
  /** How many runs a killed or crashed process left unfinished, marked interrupted now. */
  interrupted: number;
  close(): Promise<void>;
}

/** Reads a --config file; the error names the file and what is wrong with it (a key given twice too). */
export function loadConfig(path: string): Promise<unknown> {
  return readJsonFile(path, "--config", { uniqueKeys: true });
}

export interface StateOptions {
  /** Changes nothing: a data folder without a ledger gets one in memory; settings are not stored. */
  dryRun: boolean;
  /**
   * `check` (always with `dryRun`): tests the --config file as given (in memory, nothing stored, so a corrected file is tested
   * next time), or without one the ledger's settings; never creates the data folder.
   */
  check?: boolean;
}

export async function openState(dataDir: string, configDoc: unknown, o: StateOptions): Promise<CommandState> {
  const file = `${dataDir}/ledger.sqlite`;
  // Only "not found" is no ledger: a dry run taking an unreadable one for none would report on an empty one.
  let present;
  try {
    present = await exists(file);
  } catch (e) {
    throw new Error(`Cannot tell whether the ledger ${file} exists: ${errorMessage(e)}`, { cause: e });
  }
  let ledgerPath = file;
  // `check` is a dry run too: in memory without a ledger, and also when it has a file to test.
  if ((o.dryRun && !present) || (o.check && configDoc !== undefined)) ledgerPath = ":memory:";
  else if (!o.check) {
    await makeDataFolder(dataDir);
    const narrowed = narrowDataFolder(dataDir);
    // A text, not a template: a path's braces stay.
    if (narrowed) getLogger(["e-ticaret"]).warn("{narrowed}", { narrowed });
  }
  // A sync that writes takes the writer lock, so it never runs beside the agent's own sync; reading doesn't.
  const lock = o.dryRun ? undefined : await claimWriter(ledgerPath, "sync products --once");
  let ledger: Ledger | undefined;
  let opened;
  let interrupted = 0;
  try {
    // Only a writer upgrades a ledger file: an older agent may be running beside a dry run or `check`.
    ledger = openLedger(ledgerPath, { upgrade: lock !== undefined || ledgerPath === ":memory:" });
    opened = SettingsStore.open(ledger, configDoc, { seed: !o.dryRun || ledgerPath === ":memory:" });
    // Holding the writer lock: an unfinished run is one a killed process left.
    if (lock) interrupted = ledger.closeInterruptedRuns();
  } catch (e) {
    ledger?.close();
    lock?.release();
    throw e;
  }
  const { store, changed } = opened;
  const notice = o.check && configDoc !== undefined && present ? keptOver(file, configDoc) : opened.notice;
  // Only a writer remembers the database it opened (a dry run or `check` beside a running agent writes nothing).
  const connections = new Connections(() => store.current(), {}, lock ? openedDatabases(ledger) : undefined);
  return {
    ledger,
    settings: store,
    connections,
    dataDir,
    notice,
    changed,
    writer: lock !== undefined,
    interrupted,
    async close() {
      // The ledger closed and the lock freed even when the pool's close fails.
      try {
        await connections.close();
      } finally {
        try {
          ledger.close();
        } finally {
          lock?.release();
        }
      }
    },
  };
}

/**
 * `check` tests the file, but an agent started on this data folder keeps the settings its ledger synced under
 * (a rotated password mended in the file, a check that passes, then a `run` that still fails on the old one):
 * which keys, said. Read only, as a dry run reads; a ledger it cannot read leaves the check to say nothing.
 */
function keptOver(file: string, configDoc: unknown): string | undefined {
  let ledger: Ledger | undefined;
  try {
    ledger = openLedger(file, { upgrade: false });
    const kept = SettingsStore.open(ledger, configDoc, { seed: false }).kept;
    return kept &&
      `this file differs at ${kept.join(", ")} from the settings the ledger ${file} has synced under; ` +
        "an agent started on that data folder keeps the ledger's, not the file's (docs/settings.md, notes)";
  } catch {
    return undefined;
  } finally {
    ledger?.close();
  }
}
