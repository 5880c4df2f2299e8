/**
 * One writer per ledger: a process that syncs (the running agent, a one-shot `sync products --once`) holds
 * an exclusive OS lock on `<ledger>.lock` for as long as it writes. A second writer would plan against
 * bindings the first is changing (the running agent keeps them in memory between cycles) and push the same
 * creates twice, so it is refused at once with who holds the lock. Readers (`--dry-run`, `check`) take no
 * lock. The OS frees the lock when the holder exits, however it exits: no stale lock after a crash.
 * @module
 */

import { IntegrationError } from "../errors.ts";

export interface WriterLock {
  /** Frees the lock (the file stays, so no second process races a delete and a create). */
  release(): void;
}

/** What the holder writes into the lock file, for the refusal message. */
interface Holder {
  pid: number;
  since: string;
  command: string;
}

/**
 * Takes the ledger's writer lock.
 * @param command what the holder is doing, for a refused second writer's message (e.g. "run")
 * @throws {IntegrationError} fatal, naming the holder, when another process holds it
 */
export function claimWriter(ledgerPath: string, command: string, now: Date = new Date()): WriterLock {
  const path = `${ledgerPath}.lock`;
  const file = Deno.openSync(path, { read: true, write: true, create: true });
  let locked = false;
  try {
    locked = file.tryLockSync(true);
  } finally {
    if (!locked) file.close();
  }
  if (!locked) {
    const h = holderOf(path);
    const who = h ? `an agent (pid ${h.pid}, \`${h.command}\` since ${h.since})` : "another agent";
    throw new IntegrationError(
      "fatal",
      `${who} is already writing the ledger ${ledgerPath}; only one may at a time. Stop it first, ` +
        "or use --dry-run, which only reads",
      { system: "ledger", subject: ledgerPath },
    );
  }
  const holder: Holder = { pid: Deno.pid, since: now.toISOString(), command };
  try {
    file.truncateSync(0);
    const bytes = new TextEncoder().encode(JSON.stringify(holder) + "\n");
    for (let at = 0; at < bytes.length;) at += file.writeSync(bytes.subarray(at));
  } catch {
    // The note only improves a refused writer's message; the lock is what counts.
  }
  return {
    release() {
      try {
        file.unlockSync();
      } finally {
        file.close();
      }
    },
  };
}

/** The holder's note, when it can be read (Windows keeps a locked file's bytes from other processes). */
function holderOf(path: string): Holder | undefined {
  try {
    const h = JSON.parse(Deno.readTextFileSync(path)) as Partial<Holder>;
    return typeof h.pid === "number" && typeof h.since === "string" && typeof h.command === "string"
      ? h as Holder
      : undefined;
  } catch {
    return undefined;
  }
}
