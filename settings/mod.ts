/**
 * The settings document: schema and defaults, merge patch, secrets, change effects.
 * @module
 */

export * from "./schema.ts";
export { mergePatch } from "./patch.ts";
export { applyEdit, type Edit, editBetween } from "./edit.ts";
export { type ConnectionName, notSet, unsetKeys } from "./unset.ts";
export { isSecretPath, REDACTED, redactSecrets, SECRET_PATHS } from "./secrets.ts";
export {
  changedConnections,
  type Connection,
  diffPaths,
  needsFullSync,
  needsReconnect,
  needsReprice,
  needsRestart,
} from "./changes.ts";
