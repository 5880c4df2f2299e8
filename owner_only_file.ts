/**
 * The data folder's files (agent.log, the feed's builds) readable by their owner only: the log may carry
 * store and ERP details, and the feed is the catalogue its token guards. Windows has no modes (the data
 * folder's ACL governs, docs/OPERATIONS.md).
 * @module
 */

/**
 * Narrows `path` to owner-only (its group and other bits cleared) and returns its mode before, or undefined
 * when it was owner-only already. Best effort, as the folders' (owner_only_dir.ts): a file not there, or
 * another user's (a dry run under the operator's account), stays as it is.
 */
export function narrowFile(path: string): number | undefined {
  try {
    const { mode } = Deno.statSync(path);
    if (mode === null || (mode & 0o077) === 0) return undefined;
    Deno.chmodSync(path, mode & 0o7700);
    return mode;
  } catch {
    return undefined;
  }
}

/**
 * Creates `path` empty with mode 0600 when missing, so that a writer opening it to append (LogTape's sink,
 * which takes no mode) keeps that mode whatever the umask. One there is left as it is (narrowed at start).
 */
export function createOwnerOnlyFile(path: string, os: typeof Deno.build.os = Deno.build.os): void {
  if (os === "windows") return;
  try {
    Deno.openSync(path, { write: true, createNew: true, mode: 0o600 }).close();
  } catch {
    // There already, or not creatable (the writer's own open says why).
  }
}
