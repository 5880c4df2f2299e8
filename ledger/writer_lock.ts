/**
 * One writer per ledger: a process that syncs (the running agent, a one-shot `sync products --once`) holds
 * an exclusive OS lock on `<ledger>.lock` for as long as it writes. A second writer would plan against
 * bindings the first is changing (the running agent keeps them in memory between cycles) and push the same
 * creates twice, so it is refused with who holds the lock. Readers (`--dry-run`, `check`) take no lock. The
 * OS frees the lock when the holder exits, however it exits: no stale lock after a crash.
 * @module
 */

import { errorMessage, IntegrationError } from "../errors.ts";

export interface WriterLock {
  /** Frees the lock (the file stays, so no second process races a delete and a create). */
  release(): void;
}

export interface ClaimOptions {
  /**
   * How long to keep trying while another process holds the lock; default 0 (refuse at once). Windows may
   * free a killed process's lock a moment after it is gone, and a service manager restarts at once.
   */
  waitMs?: number;
  /** Waits between tries (tests count the tries instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  /** The start time written in the holder's note; default now. */
  now?: Date;
}

/** What the holder writes beside the lock, for a refused writer's message. */
interface Holder {
  pid: number;
  since: string;
  command: string;
}

const RETRY_MS = 250;

/**
 * Takes the ledger's writer lock.
 * @param command what the holder is doing, for a refused second writer's message (e.g. "run")
 * @throws {IntegrationError} fatal, naming the holder, when another process holds it after `waitMs`
 */
export async function claimWriter(
  ledgerPath: string,
  command: string,
  o: ClaimOptions = {},
): Promise<WriterLock> {
  const path = `${ledgerPath}.lock`;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const file = await Deno.open(path, { read: true, write: true, create: true }).catch((e) => {
    // A read-only data folder: said as the ledger's own open says it (ledger/sqlite_error.ts), not as Deno's bare
    // "Read-only file system (os error 30)".
    throw new IntegrationError(
      "fatal",
      `Ledger ${ledgerPath}: cannot open its writer lock ${path}: ${errorMessage(e)}; ` +
        "check the data folder and its permissions",
      { system: "ledger", cause: e },
    );
  });
  let locked = false;
  try {
    for (let waited = 0;; waited += RETRY_MS) {
      locked = await file.tryLock(true);
      if (locked || waited >= (o.waitMs ?? 0)) break;
      await sleep(RETRY_MS);
    }
  } finally {
    if (!locked) file.close();
  }
  if (!locked) throw refusal(ledgerPath, await holderOf(`${ledgerPath}.owner`));
  const holder: Holder = { pid: Deno.pid, since: (o.now ?? new Date()).toISOString(), command };
  const note = await vouch(`${ledgerPath}.owner`, holder);
  return {
    release() {
      try {
        note?.close();
      } finally {
        try {
          file.unlockSync();
        } finally {
          file.close();
        }
      }
    },
  };
}

/**
 * Writes the holder's note and vouches for it with a shared lock on the note's file, held with the writer
 * lock: a note nobody holds so is a previous holder's (killed, or its successor not past this step yet), which
 * a refused writer must not name. The note goes in a file of its own: on Windows the locked file's bytes are
 * closed to other processes, and a shared lock leaves them readable. Undefined when it could not be vouched.
 */
async function vouch(path: string, holder: Holder): Promise<Deno.FsFile | undefined> {
  try {
    await Deno.writeTextFile(path, JSON.stringify(holder) + "\n");
    const note = await Deno.open(path, { read: true });
    if (await note.tryLock(false)) return note;
    note.close();
  } catch {
    // The note only improves a refused writer's message; the lock is what counts.
  }
  return undefined;
}

function refusal(ledgerPath: string, h: Holder | undefined): IntegrationError {
  const who = h ? `an agent (pid ${h.pid}, \`${h.command}\` since ${h.since})` : "another agent";
  return new IntegrationError(
    "fatal",
    `${who} is already writing the ledger ${ledgerPath}; only one may at a time. Stop it first, ` +
      "or run `sync products --once --dry-run`, which sends nothing and works beside it",
    { system: "ledger", subject: ledgerPath },
  );
}

/** The holder's note, when there is a readable one its writer still vouches for (see vouch). */
async function holderOf(path: string): Promise<Holder | undefined> {
  try {
    // First: a note read before would be a dead holder's if its successor vouched for its own meanwhile.
    if (!await vouchedFor(path)) return undefined;
    const h = JSON.parse(await Deno.readTextFile(path)) as Partial<Holder>;
    return typeof h.pid === "number" && typeof h.since === "string" && typeof h.command === "string"
      ? h as Holder
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process holds the note's shared lock: an exclusive one cannot be had then. */
async function vouchedFor(path: string): Promise<boolean> {
  const note = await Deno.open(path, { read: true });
  try {
    if (!await note.tryLock(true)) return true;
    await note.unlock();
    return false;
  } finally {
    note.close();
  }
}
