/**
 * The ledger writes a failed cycle still makes (its run's outcome, a full cycle owed), none of which may
 * replace the cycle's own error.
 * @module
 */

import { errorMessage } from "../errors.ts";
import { getLogger } from "../log.ts";

/**
 * A ledger write after the cycle failed: should it fail too (disk full, ledger closed), it is logged and the
 * cycle still fails with its own error, which /health and the log show and the actor's retry goes by.
 */
export function afterFailure(what: string, cycleError: unknown, write: () => void): void {
  try {
    write();
  } catch (e) {
    getLogger(["e-ticaret", "products"]).error("could not {what} after the cycle failed ({cause}): {error}", {
      what,
      cause: errorMessage(cycleError),
      error: errorMessage(e),
    });
  }
}
