/**
 * The live settings: validated by the one schema, kept in the ledger, changed by merge patch, and
 * announced to subscribers with the key paths that changed (the supervisor re-prices on pricing paths).
 * @module
 */

import { diffPaths, mergePatch, parseSettings, type Settings } from "../settings/mod.ts";

export interface SettingsLedger {
  getSettings(): { doc: unknown; version: number } | undefined;
  putSettings(doc: unknown): number;
  bindingCounts(): { total: number };
  allBookmarks(): readonly unknown[];
  lastRuns(n: number): readonly { outcome: string | null }[];
  unrecordedSends(): { ids: readonly number[] };
}

/**
 * Nothing was synced under the stored settings: no binding, no bookmark, no cycle that died on its way, and
 * no create sent whose answer was never recorded (a first cycle killed, or one that failed or was stopped
 * after a product/save, may have created products it never bound; a file with another stock-code form would
 * not adopt them).
 */
function nothingSynced(ledger: SettingsLedger): boolean {
  return ledger.bindingCounts().total === 0 && ledger.allBookmarks().length === 0 &&
    !ledger.lastRuns(100).some((r) => r.outcome === null || r.outcome === "interrupted") &&
    ledger.unrecordedSends().ids.length === 0;
}

export type SettingsListener = (settings: Settings, changed: string[]) => void;

export interface OpenedSettings {
  store: SettingsStore;
  /**
   * Set when a --config file differs from the ledger's settings: not applied once something was synced;
   * applied (and said so) while nothing was.
   */
  notice?: string;
  /** The key paths where a --config file differs and the ledger's settings are kept (something was synced). */
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
   * First start: the config file (or defaults) seeds the ledger. Until a cycle has synced something
   * (nothingSynced) a later file still replaces them: a start without --config, or with a wrong
   * login, must not lock the agent to those settings. After that the ledger wins, and a config file that
   * differs is reported with the differing key paths, never silently applied.
   */
  static open(ledger: SettingsLedger, configDoc?: unknown, o: { seed?: boolean } = {}): OpenedSettings {
    const seed = o.seed ?? true;
    const stored = ledger.getSettings();
    if (!stored) {
      const settings = parseSettings(configDoc ?? {});
      // A dry run on a ledger without settings uses the file's and stores nothing.
      if (seed) ledger.putSettings(settings);
      return { store: new SettingsStore(ledger, settings), seeded: seed };
    }
    const settings = parseSettings(stored.doc);
    if (configDoc === undefined) return { store: new SettingsStore(ledger, settings), seeded: false };
    const file = parseSettings(configDoc);
    const changed = diffPaths(settings, file);
    if (!changed.length) return { store: new SettingsStore(ledger, settings), seeded: false };
    if (nothingSynced(ledger)) {
      if (seed) ledger.putSettings(file);
      return {
        store: new SettingsStore(ledger, file),
        seeded: seed,
        notice: `The config file differs from the settings kept in the ledger at ${changed.join(", ")}; ` +
          (seed
            ? "nothing has been synced under those yet, so the file's are used and kept"
            : "nothing has been synced under those yet, so this dry run uses the file's"),
      };
    }
    return {
      store: new SettingsStore(ledger, settings),
      seeded: false,
      kept: changed,
      notice: `The config file differs from the settings kept in the ledger at ${changed.join(", ")}; ` +
        `the ledger's settings are used (to use the file's, stop the agent and start it with a new data folder holding a copy of this one's token file, or the XML feed's URL stops working: products already in the store are adopted, not created again)`,
    };
  }

  current(): Settings {
    return this.#current;
  }

  /** Applies a JSON merge patch; throws SettingsError naming every bad key path, and then changes nothing. */
  update(patch: unknown): { settings: Settings; changed: string[] } {
    const next = mergePatch(this.#current, patch);
    const changed = diffPaths(this.#current, next);
    if (!changed.length) return { settings: this.#current, changed };
    this.ledger.putSettings(next);
    this.#current = next;
    for (const fn of this.#listeners) fn(next, changed);
    return { settings: next, changed };
  }

  subscribe(fn: SettingsListener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}
