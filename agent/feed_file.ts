/**
 * What the XML feed's builds are, as agent/feed_source.ts serves them and /health shows them.
 * @module
 */

import { basename } from "node:path";

/** One finished build: the XML, and the same gzip-compressed for clients that take it. */
export interface FeedFile {
  path: string;
  bytes: number;
  gzipPath: string;
  gzipBytes: number;
  /** When its catalogue read began: what it shows is as of then. */
  builtAt: Date;
  /** The variants it lists. */
  rows: number;
}

/** One response's worth of the feed: its bytes, or none (a HEAD request: the date and length only). */
export interface FeedBody {
  body: ReadableStream<Uint8Array> | null;
  bytes: number;
  builtAt: Date;
  /**
   * Its entity tag: the build's name (a build that changes nothing keeps the served one: agent/feed_build.ts),
   * and another for the gzip-compressed copy, whose bytes differ.
   */
  etag: string;
  /** Set when the body is the gzip-compressed copy. */
  encoding?: "gzip";
}

/** `f`'s entity tag (FeedBody.etag), quoted. */
export function etagOf(f: FeedFile, gzip: boolean): string {
  return `"${basename(f.path, ".xml")}${gzip ? "-gzip" : ""}"`;
}

/** The last build that failed, until one succeeds: /health shows it. */
export interface FeedFailure {
  at: string;
  error: string;
}

/** The last build that succeeded, as /health shows it: when it read the catalogue, what it holds. */
export interface FeedBuild {
  builtAt: string;
  rows: number;
  bytes: number;
  gzipBytes: number;
}

/** `f` as /health shows it. */
export function lastBuildOf(f: FeedFile): FeedBuild {
  return { builtAt: f.builtAt.toISOString(), rows: f.rows, bytes: f.bytes, gzipBytes: f.gzipBytes };
}

/**
 * A new build's time, which is its Last-Modified: in a later whole second than the build served before, when
 * the clock is still in that second or within a minute behind it. HTTP dates are whole
 * seconds and 304 answers a client whose date is the build's (http/app.ts): two builds in one second (a
 * small catalogue, a cycle's change just after an importer's fetch) would share it, and the importer would
 * be told its copy of the first is current. Stamped ahead, builds in quick succession stay in seconds of
 * their own, a minute ahead at most; a clock set back further keeps its own second (not the served build's),
 * so a set-back of an hour does not stamp builds an hour ahead of the corrected clock.
 */
export function lastModifiedAfter(now: number, served: Date | undefined): number {
  if (!served) return now;
  const [second, servedSecond] = [Math.floor(now / 1000) * 1000, Math.floor(served.getTime() / 1000) * 1000];
  return second <= servedSecond && servedSecond - second < 60_000 ? servedSecond + 1000 : now;
}
