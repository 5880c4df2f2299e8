/**
 * The build the XML feed serves, as catalog.vanishLimit weighs the next one against it (feed/vanish.ts): its
 * files and its codes on sale. The feed's folder is the memory across a restart: the build served last is
 * the finished one there with the highest build number (a held build is never finished: agent/feed_build.ts),
 * read back once.
 * Without one (a first start, a folder emptied by hand) there is nothing to weigh and the next build goes.
 * @module
 */

import { join } from "node:path";
import type { FeedVanishing } from "../feed/vanish.ts";
import { ROW_SPLIT, rowStock } from "../feed/xml.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { getLogger } from "../log.ts";
import { heldProblem, type VanishCheck } from "../sync/vanish_limit.ts";
import type { FeedFile } from "./feed_file.ts";

export interface ServedFeed {
  file: FeedFile;
  /** Its stock codes with quantity > 0. */
  onSale: ReadonlySet<string>;
}

/**
 * A finished build's name: `products-<builtAt ms>-<n>.xml`, `n` above every build's in the folder when it
 * began (agent/feed_source.ts; before, it started at 1 in each process, so a start within the same millisecond
 * could take the served build's name).
 */
const FINISHED = /^products-(\d+)-(\d+)\.xml$/;
/** The files of the feed's folder that are builds (finished, or left half-written by a crash). */
const BUILD = /^products-\d+-(\d+)\.xml(\.gz)?(\.part)?$/;

/** The highest `n` of the builds in `dir` (finished or not), 0 for none. */
export async function lastBuildNumber(dir: string): Promise<number> {
  let last = 0;
  for await (const e of Deno.readDir(dir)) {
    const m = e.isFile ? BUILD.exec(e.name) : null;
    if (m) last = Math.max(last, Number(m[1]));
  }
  return last;
}

/**
 * Removes every build in `dir` but `keep`: older ones, a stale one, one a crash left half-written. One still
 * being sent goes once its response ends (files are opened with delete sharing); one that cannot be removed
 * now is tried again at the next sweep.
 */
export async function sweep(dir: string, keep: readonly string[]): Promise<void> {
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isFile && BUILD.test(e.name) && !keep.includes(path)) await Deno.remove(path).catch(() => {});
  }
}

/** The last finished build in `dir` (both its files there), read back; none: undefined. */
export async function servedIn(dir: string): Promise<ServedFeed | undefined> {
  let newest: { name: string; at: number; n: number } | undefined;
  try {
    for await (const e of Deno.readDir(dir)) {
      const m = e.isFile ? FINISHED.exec(e.name) : null;
      if (!m) continue;
      const [at, n] = [Number(m[1]), Number(m[2])];
      // By build number, which only grows: a build's time is the clock's, which may have been set back
      // since an older one. The time only parts two builds of one number (named before numbers went on
      // across restarts).
      if (!newest || n > newest.n || (n === newest.n && at > newest.at)) newest = { name: e.name, at, n };
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  if (!newest) return undefined;
  const path = join(dir, newest.name);
  const gzipPath = `${path}.gz`;
  let gzipBytes;
  try {
    gzipBytes = (await Deno.stat(gzipPath)).size;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined; // not a whole build: never served as one
    throw e;
  }
  const onSale = new Set<string>();
  let rows = 0;
  for await (const row of rowsOf(path)) {
    const r = rowStock(row);
    if (!r) continue;
    rows++;
    if (r.quantity > 0) onSale.add(r.stockCode);
  }
  const bytes = (await Deno.stat(path)).size;
  return { file: { path, bytes, gzipPath, gzipBytes, builtAt: new Date(newest.at), rows }, onSale };
}

/**
 * A feed file's rows, streamed (60 MB at 100,000 variants), each the text before its {@link ROW_SPLIT} (the
 * first with the feed's head before it).
 */
export async function* rowsOf(path: string): AsyncGenerator<string> {
  const file = await Deno.open(path);
  let rest = "";
  for await (const chunk of file.readable.pipeThrough(new TextDecoderStream())) {
    const parts = (rest + chunk).split(ROW_SPLIT);
    rest = parts.pop()!;
    yield* parts;
  }
}

/** A held build: the served one stays; one problem (reworded by every held build) and a warning say why. */
export function holdBuild(
  ledger: Pick<Ledger, "replaceProblems">,
  served: ServedFeed,
  weighed: FeedVanishing,
): { file: FeedFile; check: VanishCheck } {
  const problem = heldProblem(weighed.check, weighed.sample, served.file.builtAt.toISOString());
  ledger.replaceProblems([problem.subject], [problem]);
  getLogger(["e-ticaret", "feed"]).warn("XML feed held: {reason}", { reason: problem.reason });
  return { file: served.file, check: weighed.check };
}
