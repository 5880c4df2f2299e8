/**
 * A Nebim reader for one cycle or feed build: its SQL pool is kept open until `fn` ends, though a nebim.sql
 * change replaces the pool meanwhile (agent/connections.ts).
 * @module
 */

import type { NebimReader } from "../nebim/sql/reader.ts";
import { untilAborted } from "../until_aborted.ts";
import type { Connections } from "./connections.ts";

export async function withReader<T>(
  connections: Pick<Connections, "heldReader">,
  signal: AbortSignal | undefined,
  fn: (reader: NebimReader) => Promise<T>,
): Promise<T> {
  const held = connections.heldReader();
  try {
    // The SQL login does not heed the signal (it may last nebim.sql.requestTimeoutMs): a stop must not wait.
    return await fn((await untilAborted(held, signal)).reader);
  } finally {
    // Let go once it is had: a login a stop did not wait for still takes the pool.
    held.then((h) => h.release(), () => {});
  }
}
