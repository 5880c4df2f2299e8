/**
 * Whether a path exists, as the CLI asks of the ledger and the feed of the build it serves.
 * @module
 */

/**
 * Whether `path` exists. Only "not found" means absent: any other failure (no permission, a file where a
 * folder should be) is thrown, since taking it for "absent" would hide what an operator must fix.
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}
