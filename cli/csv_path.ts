/**
 * The --csv path of a one-shot sync: checked before the ledger is opened and before the cycle, written after
 * it, each failure naming the path.
 * @module
 */

import { basename, dirname, resolve } from "node:path";
import { errorMessage } from "../errors.ts";

/**
 * Why `csv` would overwrite one of the agent's own files, or undefined: the ledger (a CSV over it loses the
 * bindings and the record of what was sent), its journal, lock and lock holder's note, the token, a log, a file
 * in the XML feed's folder (the build the store imports), or the --config file.
 * Compared as the OS finds them (a symlink, "..", on Windows the letter case and a trailing dot or space).
 */
export async function agentFileProblem(
  csv: string,
  dataDir: string,
  configPath?: string,
  os: typeof Deno.build.os = Deno.build.os,
): Promise<string | undefined> {
  const same = (a: string, b: string) => samePath(a, b, os);
  const target = await located(csv, os);
  const data = await located(dataDir, os);
  const own = [
    "ledger.sqlite",
    "ledger.sqlite-wal",
    "ledger.sqlite-shm",
    "ledger.sqlite-journal",
    "ledger.sqlite.lock",
    "ledger.sqlite.owner",
    "token",
  ].map((name) => resolve(data, name));
  // Folders of the agent's own: the logs roll over; each feed build removes every other file in `feed`.
  const inOwnFolder = ["logs", "feed"].some((folder) => same(dirname(target), resolve(data, folder)));
  if (own.some((f) => same(f, target)) || inOwnFolder) {
    return `--csv ${csv} is one of the agent's own files in ${dataDir}: give the report a path of its own`;
  }
  if (configPath !== undefined && same(target, await located(configPath, os))) {
    return `--csv ${csv} is the --config file: give the report a path of its own`;
  }
  return undefined;
}

/** Whether two resolved paths name one file: on Windows whatever their letter case. */
function samePath(a: string, b: string, os: typeof Deno.build.os): boolean {
  return os === "windows" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * The path as the OS opens it (realPath): the file's own when it is there (a symlink to the ledger, a data
 * folder that is itself a link), else its folder's; as given when neither is. Windows drops a name's trailing
 * dots and spaces: "ledger.sqlite-wal." is the -wal the sync makes after this check.
 */
async function located(path: string, os: typeof Deno.build.os): Promise<string> {
  const abs = resolve(path);
  const opened = os === "windows" ? basename(abs).replace(/[. ]+$/, "") : basename(abs);
  for (const [real, name] of [[abs, ""], [dirname(abs), opened]]) {
    try {
      return resolve(await Deno.realPath(real!), name!);
    } catch {
      // Not there: its folder, then as given.
    }
  }
  return resolve(dirname(abs), opened);
}

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

/**
 * Whether `csv` goes straight into a data folder not made yet, which a sync that writes makes before its cycle
 * (a first `sync products --once --csv <data>/first-sync.csv`): checked then, by the sync, not refused now.
 */
export async function intoDataFolderToBeMade(
  csv: string,
  dataDir: string,
  os: typeof Deno.build.os = Deno.build.os,
): Promise<boolean> {
  if (!samePath(dirname(resolve(csv)), resolve(dataDir), os)) return false;
  try {
    await Deno.stat(dataDir);
    return false;
  } catch (e) {
    return e instanceof Deno.errors.NotFound;
  }
}

/** Runs `write`, naming the path and the --csv option if it fails. */
export async function writeOrSay(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    throw new Error(`Cannot write --csv ${path}: ${errorMessage(e)}`);
  }
}
