/**
 * The settings file NEBIM_TEST_SETTINGS names, for the reader contract against a real SQL Server
 * (docs/OPERATIONS.md): read as `--config` reads it, so the file `check --config` passed runs here too. Notepad
 * saves it with a byte-order mark and Windows PowerShell's `>` in UTF-16, which JSON.parse refused.
 * @module
 */

import { loadConfig } from "../../../cli/state.ts";
import { parseSettings, type Settings } from "../../../settings/mod.ts";

export async function settingsFile(path: string): Promise<Settings> {
  return parseSettings(await loadConfig(path));
}
