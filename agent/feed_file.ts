/**
 * What the XML feed's builds are, as agent/feed_source.ts serves them and /health shows them.
 * @module
 */

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
  /** Set when the body is the gzip-compressed copy. */
  encoding?: "gzip";
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
