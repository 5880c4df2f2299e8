/**
 * The access token for the write endpoints and the XML feed: not a setting, made at first start and kept
 * in the data folder (docs/settings.md).
 * @module
 */

import { decodeText } from "../json_file.ts";

/**
 * The folder's token, made if it has none. Two processes may make it at once (the first `run` and a
 * `token` command): the token is written whole to a file of its own and linked into place, which fails if
 * a token is already there, so both end with the one the file holds, and none reads a half-written file.
 */
export async function ensureToken(
  dataDir: string,
  link: (from: string, to: string) => Promise<void> = Deno.link,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<string> {
  const path = `${dataDir}/token`;
  let emptyReads = 0;
  for (;;) {
    const kept = await readToken(path);
    if (kept) return kept;
    if (kept === "") {
      // Without hard links another process creates the file, then writes it: empty for an instant, and
      // removed then, its token would be lost (two tokens). Empty still after a second, it is a write a
      // crash cut short (an older agent's, or that fallback's): replaced.
      if (++emptyReads <= EMPTY_WAITS) {
        await pause(EMPTY_WAIT_MS);
        continue;
      }
      await Deno.remove(path).catch(ignore(Deno.errors.NotFound));
      // An empty file met after this one is another's: a process that replaced the leftover as this one
      // did, its exclusive create not yet written. Waited for as this one was, not taken for the leftover.
      emptyReads = 0;
    }
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    const draft = `${path}.${crypto.randomUUID()}.part`;
    await Deno.writeTextFile(draft, token + "\n", { mode: 0o600 });
    try {
      await link(draft, path);
      return token;
    } catch (e) {
      if (e instanceof Deno.errors.AlreadyExists) continue; // another process's token won: read it
      // A file system without hard links (FAT, some network shares): an exclusive create, which a reader
      // may find for an instant with the token half written, rather than no token at all.
      try {
        await Deno.writeTextFile(path, token + "\n", { createNew: true, mode: 0o600 });
        return token;
      } catch (e2) {
        if (!(e2 instanceof Deno.errors.AlreadyExists)) throw e2;
      }
    } finally {
      await Deno.remove(draft).catch(ignore(Deno.errors.NotFound));
    }
  }
}

const EMPTY_WAITS = 20;
const EMPTY_WAIT_MS = 50;

/**
 * The token file's text, trimmed; undefined when there is none. A copy made on Windows may be UTF-16 (Windows
 * PowerShell's `e-ticaret token > token`): read as UTF-8 it was a token of mojibake and NULs, and the feed
 * said 403 to the URL with the real one.
 */
async function readToken(path: string): Promise<string | undefined> {
  let bytes;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  try {
    return decodeText(bytes).trim();
  } catch {
    throw new Error(`Cannot read the token file ${path}: it is not text; save the token in it as UTF-8`);
  }
}

function ignore(kind: new (...args: never[]) => Error): (e: unknown) => void {
  return (e) => {
    if (!(e instanceof kind)) throw e;
  };
}
