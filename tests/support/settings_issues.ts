import assert from "node:assert/strict";
import { parseSettings, SettingsError } from "../../settings/schema.ts";

/** The issues parseSettings throws for `doc` (fails the test when it does not throw). */
export function issuesOf(doc: unknown): { path: string; message: string }[] {
  try {
    parseSettings(doc);
  } catch (error) {
    assert.ok(error instanceof SettingsError, `not a SettingsError: ${error}`);
    return error.issues;
  }
  assert.fail(`accepted: ${JSON.stringify(doc)}`);
}
