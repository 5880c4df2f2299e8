/**
 * Commits whose flush to disk is awaited rather than waited for. The ledger's connection commits with
 * `synchronous=FULL`: each COMMIT returns once the write-ahead log is on disk, blocking the one thread the
 * agent runs on while the disk syncs (~5 ms a commit on a slow disk, two commits per push of the product
 * sync). A lazy commit is written under `synchronous=NORMAL` (in the log, which a crash of the process keeps
 * and a power loss may cut back to an earlier commit, never half of one), and `durable()` then flushes the log
 * on a runtime thread while the agent goes on: whatever must be on disk before something leaves the agent (a
 * push's send row before its request) is awaited there.
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { Transaction } from "./connection.ts";

/** Flushing one file's data to disk (fdatasync; FlushFileBuffers on Windows). */
export interface FileFlush {
  /** Off the JavaScript thread (the runtime's blocking pool). */
  flush(path: string): Promise<void>;
  /** Blocking: on close. */
  flushSync(path: string): void;
}

// FlushFileBuffers needs a handle open for writing; nothing is written through it and nothing truncated.
export const diskFlush: FileFlush = {
  async flush(path) {
    using file = await Deno.open(path, { write: true });
    await file.syncData();
  },
  flushSync(path) {
    using file = Deno.openSync(path, { write: true });
    file.syncDataSync();
  },
};

export interface Durability {
  /** `transaction`, committed without waiting for the disk: on disk once a later `durable()` resolves. */
  lazy<T>(fn: () => T): T;
  /** Resolves once every commit so far is on disk (at once when nothing lazy is unflushed). */
  durable(): Promise<void>;
  /** Flushes what `durable()` would, blocking: before the file is closed. */
  flushSync(): void;
}

/**
 * Lazy commits on `db` and their flush. `path` is the database file's (":memory:" has nothing to flush).
 * A flush that fails rejects `durable()` and every later one asks the disk again: what it had not written
 * may be lost, and nothing that waited for it goes out.
 */
export function createDurability(
  db: DatabaseSync,
  transaction: Transaction,
  path: string,
  files: FileFlush = diskFlush,
): Durability {
  const inMemory = path === ":memory:" || path === "";
  const wal = `${path}-wal`;
  let written = 0; // lazy commits so far
  let flushed = 0; // of those, the ones known on disk
  let running: Promise<void> | undefined;

  // The log, or once it is gone (checkpointed into the database file and removed: no other connection left)
  // the file itself.
  const flushLog = async () => {
    try {
      await files.flush(wal);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      await files.flush(path);
    }
  };

  return {
    lazy<T>(fn: () => T): T {
      // Inside a transaction already: its outer commit decides how it syncs.
      if (db.isTransaction) return transaction(fn);
      db.exec("PRAGMA synchronous = NORMAL");
      try {
        const result = transaction(fn);
        written++;
        return result;
      } finally {
        db.exec("PRAGMA synchronous = FULL");
      }
    },

    async durable(): Promise<void> {
      if (inMemory) return;
      const target = written;
      while (flushed < target) {
        if (!running) {
          // Covers every commit made before it starts; one started earlier may not cover `target`.
          const covers = written;
          running = flushLog().then(
            () => {
              flushed = Math.max(flushed, covers);
            },
          ).finally(() => {
            running = undefined;
          });
        }
        await running;
      }
    },

    flushSync(): void {
      if (inMemory || flushed >= written) return;
      try { // as flushLog, blocking
        files.flushSync(wal);
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
        files.flushSync(path);
      }
      flushed = written;
    },
  };
}
