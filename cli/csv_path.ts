/**
 * The --csv path of a one-shot sync: checked before the ledger is opened and before the cycle, written after
 * it, each failure naming the path.
 * @module
 */

import { errorMessage } from "../errors.ts";

/** Opens `path` for writing without truncating it; says whether it was created now. */
export async function probeWritable(path: string): Promise<boolean> {
  let existed = true;
  try {
    await Deno.stat(path);
  } catch {
    existed = false;
  }
  await writeOrSay(path, () => Deno.open(path, { write: true, create: true }).then((f) => f.close()));
  return !existed;
}

/**
 * Throws, naming the path, when `path` cannot be written; leaves nothing behind (a file made to find out is
 * removed). For before the ledger is opened: a one-off report's bad path left a new data folder made and seeded.
 */
export async function checkWritable(path: string): Promise<void> {
  if (await probeWritable(path)) await Deno.remove(path).catch(() => {});
}

/** Runs `write`, naming the path and the --csv option if it fails. */
export async function writeOrSay(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    throw new Error(`Cannot write --csv ${path}: ${errorMessage(e)}`);
  }
}
