/**
 * The live settings: validated by the one schema, kept in the ledger, changed by merge patch, and
 * announced to subscribers with the key paths that changed (the supervisor re-prices on pricing paths).
 * @module
 */

import {
  applyEdit,
  diffPaths,
  editBetween,
  issuesText,
  mergePatch,
  needsFullSync,
  parseSettings,
  type Settings,
  SettingsError,
} from "../settings/mod.ts";
import {
  BROKEN_HINT,
  codePaths,
  keepCodes,
  REFUSED_HINT,
  RefusedSettingsError,
  storedCodes,
} from "./code_settings.ts";
import { OPENED_DATABASE } from "./opened_databases.ts";
import { DATABASE_CREATED } from "../sync/restore_watch.ts";

/** The database last opened and when it was made: kept before anything reaches the store. */
const NEBIM_BOOKMARKS = new Set([OPENED_DATABASE, DATABASE_CREATED]);

export interface SettingsLedger {
  getSettings(): { doc: unknown; version: number; file?: unknown } | undefined;
  /**
   * `file`: the --config file's document, applied; without it, the one recorded stays. `oweFull`: a full
   * product cycle is owed, recorded in the same commit.
   */
  putSettings(doc: unknown, file?: unknown, oweFull?: boolean): number;
  bindingCounts(): { total: number };
  allBookmarks(): readonly { name: string }[];
  lastRuns(n: number): readonly { outcome: string | null }[];
  unrecordedSends(): { ids: readonly number[] };
}

/**
 * Nothing was synced under the stored settings: no binding, no bookmark (but those of Nebim's database, which
 * say nothing of the store), no cycle that died on its way, and no create sent whose answer was never recorded
 * (a first cycle killed, or one that failed or was stopped after a product/save, may have created products it
 * never bound; a file with another stock-code form would not adopt them).
 */
function nothingSynced(ledger: SettingsLedger): boolean {
  const bookmarks = ledger.allBookmarks().filter((b) => !NEBIM_BOOKMARKS.has(b.name));
  return ledger.bindingCounts().total === 0 && bookmarks.length === 0 &&
    !ledger.lastRuns(100).some((r) => r.outcome === null || r.outcome === "interrupted") &&
    ledger.unrecordedSends().ids.length === 0;
}

/**
 * The change owes a full product cycle (a re-price, a catalogue key), kept in the ledger: whichever cycle
 * comes next, `run`'s or `sync products --once` without --full, is full, though the process that stored it
 * died first. Not while nothing was synced: the first cycle is full anyway.
 */
function owesFull(ledger: SettingsLedger, changed: readonly string[]): boolean {
  return needsFullSync(changed) && !nothingSynced(ledger);
}

/**
 * The ledger's settings, kept by an earlier version, break a rule this one added (a host written
 * `SRV01\NEBIM`, an instance beside a port): there is no settings endpoint yet, so a --config file is the
 * one way to mend them, and the message says so (and that the file is not at fault).
 */
export class StoredSettingsError extends SettingsError {
  constructor(issues: SettingsError["issues"]) {
    super(issues);
    this.name = "StoredSettingsError";
    this.message = `the settings kept in the ledger (by an earlier version) are not valid for this one: ` +
      `${issuesText(issues)}; ${STORED_HINT}`;
  }
}

export const STORED_HINT =
  "start once with --config FILE holding the corrected settings: they are used, but once something is " +
  "synced the ledger's stock-code form and grouping are kept where still valid";

export type SettingsListener = (settings: Settings, changed: string[]) => void;

export interface OpenedSettings {
  store: SettingsStore;
  /** Set when a --config file changed the ledger's settings: names the key paths (never their values). */
  notice?: string;
  /** The key paths a --config file changed (a one-shot sync runs a full cycle when they need one). */
  changed: string[];
  /** The key paths where a --config file differs and the ledger's settings are kept (they make the codes). */
  kept?: string[];
  seeded: boolean;
}

export class SettingsStore {
  #current: Settings;
  #listeners = new Set<SettingsListener>();

  private constructor(private readonly ledger: SettingsLedger, current: Settings) {
    this.#current = current;
  }

  /**
   * First start: the config file (or defaults) seeds the ledger. Later starts with --config apply what the
   * operator changed in the file since it was last applied (editBetween) over the ledger's settings, and keep
   * the file as applied. So a key changed meanwhile by other means (PATCH /settings, to come) survives a
   * restart with a file that did not change that key; and before anything is synced the ledger's settings are
   * the file's as last applied, so a new file replaces them whole (a corrected login takes effect).
   */
  static open(ledger: SettingsLedger, configDoc?: unknown, o: { seed?: boolean } = {}): OpenedSettings {
    const seed = o.seed ?? true;
    const stored = ledger.getSettings();
    if (!stored) {
      const settings = parseSettings(configDoc ?? {});
      // A dry run on a ledger without settings uses the file's and stores nothing.
      if (seed) ledger.putSettings(settings, configDoc);
      return { store: new SettingsStore(ledger, settings), seeded: seed, changed: [] };
    }
    let settings: Settings;
    try {
      settings = parseSettings(stored.doc);
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      if (configDoc === undefined) throw new StoredSettingsError(e.issues);
      return SettingsStore.#mend(ledger, stored.doc, e.issues, configDoc, seed);
    }
    if (configDoc === undefined) {
      return { store: new SettingsStore(ledger, settings), seeded: false, changed: [] };
    }
    const file = parseSettings(configDoc);
    // None recorded (a ledger from before migration 9, settings seeded without a file): the ledger's are the base.
    const edit = editBetween(lastApplied(stored.file) ?? settings, file);
    // Validated whole: the file's edits over keys changed meanwhile may not fit (SettingsError, as a PATCH's).
    const edited = edit ? applyEdit(settings, edit) : settings;
    const identity = codePaths(settings, edited);
    const refused = identity.length && !nothingSynced(ledger) ? identity : [];
    const next = keepCodes(settings, edited, refused);
    const changed = diffPaths(settings, next);
    // Recorded when it first is, too: a later start compares with it, not with settings changed meanwhile. Not
    // while keys of it are refused: the next start compares with the file before them, and says so again.
    const record = !refused.length &&
      (changed.length > 0 || JSON.stringify(stored.file) !== JSON.stringify(configDoc));
    if (seed && record) ledger.putSettings(next, configDoc, owesFull(ledger, changed));
    else if (seed && changed.length) ledger.putSettings(next, undefined, owesFull(ledger, changed));
    const store = new SettingsStore(ledger, next);
    if (!changed.length && !refused.length) return { store, seeded: false, changed };
    const said: string[] = [];
    if (changed.length) {
      said.push(
        `at ${changed.join(", ")}: ${
          seed ? "applied and kept" : "this dry run uses them and stores nothing"
        }`,
      );
    }
    if (refused.length) said.push(`at ${refused.join(", ")}: ${REFUSED_HINT}`);
    return {
      store,
      seeded: seed && changed.length > 0,
      changed,
      ...(refused.length ? { kept: refused } : {}),
      notice: `The config file changes the settings kept in the ledger ${said.join("; ")}`,
    };
  }

  /**
   * The ledger's settings break this version's rules and a --config file mends them: the file's are used, but
   * once something is synced the ledger's stock codes and grouping are kept where they are still valid (the
   * broken key is elsewhere), as over valid settings; one that is itself broken can only be the file's.
   */
  static #mend(
    ledger: SettingsLedger,
    doc: unknown,
    issues: SettingsError["issues"],
    configDoc: unknown,
    seed: boolean,
  ): OpenedSettings {
    const file = parseSettings(configDoc);
    const stored = nothingSynced(ledger) ? { settings: file, broken: [] } : storedCodes(doc, file);
    const refused = codePaths(stored.settings, file);
    const next = keepCodes(stored.settings, file, refused);
    const changed = diffPaths(doc, next);
    // The file is not recorded while keys of it are refused: the next start compares with the one before, and
    // says so again.
    if (seed) ledger.putSettings(next, refused.length ? undefined : configDoc, owesFull(ledger, changed));
    const said = [seed ? "the config file's are used and kept" : "this dry run uses the config file's"];
    if (refused.length) said.push(`at ${refused.join(", ")}: ${REFUSED_HINT}`);
    if (stored.broken.length) said.push(`at ${stored.broken.join(", ")}: ${BROKEN_HINT}`);
    return {
      store: new SettingsStore(ledger, next),
      seeded: seed,
      changed,
      ...(refused.length ? { kept: refused } : {}),
      notice: `The settings kept in the ledger are not valid for this version of the agent (${
        issuesText(issues)
      }); ${said.join("; ")}`,
    };
  }

  current(): Settings {
    return this.#current;
  }

  /**
   * Applies a JSON merge patch; throws SettingsError naming every bad key path, or every key that makes the
   * stock codes once something is synced (as a --config file's are kept), and then changes nothing.
   */
  update(patch: unknown): { settings: Settings; changed: string[] } {
    const next = mergePatch(this.#current, patch);
    const changed = diffPaths(this.#current, next);
    if (!changed.length) return { settings: this.#current, changed };
    const refused = codePaths(this.#current, next, changed);
    if (refused.length && !nothingSynced(this.ledger)) {
      throw new RefusedSettingsError(refused);
    }
    this.ledger.putSettings(next, undefined, owesFull(this.ledger, changed));
    this.#current = next;
    for (const fn of this.#listeners) fn(next, changed);
    return { settings: next, changed };
  }

  subscribe(fn: SettingsListener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

/**
 * The file as last applied, read by this version's rules: a default this version changed is then not taken
 * for the operator's edit. One these rules refuse is no base (the ledger's settings are).
 */
function lastApplied(file: unknown): Settings | undefined {
  if (file === undefined) return undefined;
  try {
    return parseSettings(file);
  } catch (e) {
    if (e instanceof SettingsError) return undefined;
    throw e;
  }
}
