/**
 * The --csv path of a one-shot sync: checked before the cycle, written after it, each failure naming the path.
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

/** Runs `write`, naming the path and the --csv option if it fails. */
export async function writeOrSay(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    throw new Error(`Cannot write --csv ${path}: ${errorMessage(e)}`);
  }
}
