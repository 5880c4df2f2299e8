/**
 * The ledger holds the settings' secrets unencrypted (SQL and Integrator passwords, the Qukasoft key and
 * secret), so where the OS has file modes it is readable by its owner only. SQLite gives the `-wal` and
 * `-shm` it creates the main file's mode, so a main file made 0600 keeps them 0600 too.
 * @module
 */

import { createOwnerOnlyFile, narrowFile } from "../owner_only_file.ts";

const SIDE_FILES = ["", "-wal", "-shm"];

/**
 * Before SQLite opens `path`: creates it empty with mode 0600 when missing (SQLite takes an empty file for a
 * new database) and narrows an existing one to 0600 with its `-wal` and `-shm` (an agent before this one
 * made them 0644). Nothing on Windows (no modes: the data folder's ACL governs, docs/OPERATIONS.md) nor for
 * ":memory:". Best effort: a file another user owns (a dry run under the operator's account) stays as it is
 * for its owner to narrow, and a folder SQLite cannot write is reported by SQLite's own open.
 */
export function makeOwnerOnly(path: string, os: typeof Deno.build.os = Deno.build.os): void {
  if (path === ":memory:" || os === "windows") return;
  createOwnerOnlyFile(path, os); // there already: narrowed below; not creatable: SQLite says why
  for (const suffix of SIDE_FILES) narrowFile(path + suffix);
}
