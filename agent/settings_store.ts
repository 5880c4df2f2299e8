/**
 * The live settings: validated by the one schema, kept in the ledger, changed by merge patch, and
 * announced to subscribers with the key paths that changed (the supervisor re-prices on pricing paths).
 * @module
 */

import { diffPaths, mergePatch, parseSettings, type Settings } from "../settings/mod.ts";

export interface SettingsLedger {
  getSettings(): { doc: unknown; version: number } | undefined;
  putSettings(doc: unknown): number;
}

export type SettingsListener = (settings: Settings, changed: string[]) => void;

export interface OpenedSettings {
  store: SettingsStore;
  /** Set when a --config file was given but the ledger already holds different settings (not applied). */
  notice?: string;
  seeded: boolean;
}

export class SettingsStore {
  #current: Settings;
  #listeners = new Set<SettingsListener>();

  private constructor(private readonly ledger: SettingsLedger, current: Settings) {
    this.#current = current;
  }

  /**
   * First start: the config file (or defaults) seeds the ledger. Later starts: the ledger wins, and a config
   * file that differs is reported with the differing key paths, never silently applied.
   */
  static open(ledger: SettingsLedger, configDoc?: unknown, o: { seed?: boolean } = {}): OpenedSettings {
    const stored = ledger.getSettings();
    if (!stored) {
      const settings = parseSettings(configDoc ?? {});
      // A dry run on a ledger without settings uses the file's and stores nothing.
      if (o.seed ?? true) ledger.putSettings(settings);
      return { store: new SettingsStore(ledger, settings), seeded: o.seed ?? true };
    }
    const settings = parseSettings(stored.doc);
    const store = new SettingsStore(ledger, settings);
    if (configDoc === undefined) return { store, seeded: false };
    const changed = diffPaths(settings, parseSettings(configDoc));
    if (!changed.length) return { store, seeded: false };
    return {
      store,
      seeded: false,
      notice: `The config file differs from the settings kept in the ledger at ${changed.join(", ")}; ` +
        `the ledger's settings are used (to use the file's, stop the agent and start it with a new data folder: products already in the store are adopted, not created again)`,
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
