/**
 * The data folder and its folders, made readable by their owner only.
 * @module
 */

import { join } from "node:path";
import { errorMessage, IntegrationError } from "./errors.ts";
import { narrowFile } from "./owner_only_file.ts";

/**
 * Makes `path` and any missing folder above it, owner-only (0700) where the OS has modes: agent.log and the
 * feed builds need no other reader (the agent serves the feed itself), and the ledger beside them holds the
 * secrets. Windows ignores the mode (the data folder's ACL governs, docs/OPERATIONS.md). A folder already
 * there is narrowed at start instead (narrowDataFolder).
 */
export async function makeOwnerOnlyDir(path: string): Promise<void> {
  await Deno.mkdir(path, { recursive: true, mode: 0o700 });
}

/**
 * The data folder, made as makeOwnerOnlyDir makes it; one that cannot be (no right to write there, a file in
 * its path) is a fatal error naming it and --data, not Deno's bare "Access is denied. (os error 5): mkdir".
 */
export async function makeDataFolder(dataDir: string): Promise<void> {
  await makeOwnerOnlyDir(dataDir).catch((e) => {
    const message = `Cannot make the data folder ${dataDir}: ${errorMessage(e)}; ` +
      "give --data a folder this account may write";
    throw new IntegrationError("fatal", message, { system: "ledger", subject: "--data", cause: e });
  });
}

/** The data folder itself, and the folders in it the agent writes. */
const FOLDERS = ["", "logs", "feed"];

/**
 * Narrows the data folder, its logs/ and feed/, those there, to owner-only (0700) where the OS has modes, and
 * the files in logs/ and feed/ to 0600: an older agent, or a copy, left them 0755 and 0644, readable by every
 * local user beside the ledger's secrets. Returns the line to log once, naming what was narrowed and its mode
 * before; undefined when nothing was. Nothing on Windows (no modes: the ACL governs). Best effort, as the
 * ledger's (ledger/owner_only.ts): a folder another user owns (a dry run under the operator's account) stays
 * for its owner to narrow.
 */
export function narrowDataFolder(
  dataDir: string,
  os: typeof Deno.build.os = Deno.build.os,
): string | undefined {
  if (os === "windows") return undefined;
  const narrowed: string[] = [];
  for (const folder of FOLDERS) {
    // Not there: made 0700 when first written.
    const path = folder ? join(dataDir, folder) : dataDir;
    const mode = narrowFile(path);
    if (mode !== undefined) narrowed.push(was(path, mode));
  }
  const files = FILES_IN.flatMap((folder) => narrowFiles(join(dataDir, folder)));
  const said = [
    ...(narrowed.length ? [`(0700): ${narrowed.join(", ")}`] : []),
    ...(files.length ? [`(0600): ${files.join(", ")}`] : []),
  ];
  return said.length
    ? `narrowed to owner-only ${said.join("; ")}; the ledger there holds the settings' secrets, ` +
      "and agent.log and the feed need no other reader"
    : undefined;
}

/** The folders whose files (agent.log and its rolled-over copies, the feed's builds) are owner-only too. */
const FILES_IN = ["logs", "feed"];

/** Narrows the files in `folder` an older agent left 0644 (owner_only_file.ts); says which, as above. */
function narrowFiles(folder: string): string[] {
  const narrowed: string[] = [];
  try {
    for (const entry of Deno.readDirSync(folder)) {
      if (!entry.isFile) continue;
      const path = join(folder, entry.name);
      const mode = narrowFile(path);
      if (mode !== undefined) narrowed.push(was(path, mode));
    }
  } catch {
    // Not there, or not ours to read.
  }
  return narrowed;
}

/** `path` as the line names it: with its mode before, "0755". */
function was(path: string, mode: number): string {
  return `${path} (was ${(mode & 0o777).toString(8).padStart(4, "0")})`;
}
