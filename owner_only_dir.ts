/**
 * The data folder and its folders, made readable by their owner only.
 * @module
 */

/**
 * Makes `path` and any missing folder above it, owner-only (0700) where the OS has modes: agent.log and the
 * feed builds need no other reader (the agent serves the feed itself), and the ledger beside them holds the
 * secrets. Windows ignores the mode (the data folder's ACL governs, docs/OPERATIONS.md). A folder already
 * there keeps its mode: the operator may have opened it to a group on purpose.
 */
export async function makeOwnerOnlyDir(path: string): Promise<void> {
  await Deno.mkdir(path, { recursive: true, mode: 0o700 });
}
