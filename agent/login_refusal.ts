/**
 * SQL Server's refusals of the agent's login: which ones count toward a lockout, and how long the same
 * settings are not tried again after one.
 * @module
 */

import { IntegrationError } from "../errors.ts";
import { type OpenedNebimPool, sqlErrorNumber } from "../nebim/sql/pool.ts";

/**
 * How long a login SQL Server refused (a wrong password, a login locked out) is not tried again with the same
 * settings. Each refused login counts toward the login's lockout under a password policy (CHECK_POLICY):
 * retried at the sync's pace (5 s, doubling to 5 minutes) a wrong password locked the login out within
 * minutes, and the right one, once set, found it locked. New settings are tried at once.
 */
export const LOGIN_REFUSED_WAIT_MS = 15 * 60_000;

/**
 * Not an expired password (18487) or one to be changed (18488): SQL Server says so only of the right one, which
 * counts toward no lockout, and the administrator's fix (ALTER LOGIN … WITH PASSWORD = the same one) changes
 * no setting here: waited, the agent sat out the fix.
 */
const LOGIN_REFUSALS = new Set([18456, 18486]);

export function loginRefused(e: unknown): e is IntegrationError {
  return e instanceof IntegrationError && e.kind === "fatal" && LOGIN_REFUSALS.has(sqlErrorNumber(e) ?? 0);
}

export function notTriedAgain(e: IntegrationError): IntegrationError {
  return new IntegrationError(
    "fatal",
    `${e.message}; not tried again with these settings for ${LOGIN_REFUSED_WAIT_MS / 60_000} minutes, as ` +
      "each refused login counts toward a lockout: change nebim.sql, or restart the agent, to try at once",
    { system: e.system, subject: e.subject, cause: e.cause },
  );
}

/**
 * `pool`, whose queries' refused logins are told to `refused`: a query may need a new connection, which logs in
 * again, and the password may have changed on the server since the pool opened (its open sessions stay).
 */
export function refusalsOf(pool: OpenedNebimPool, refused: (e: unknown) => void): OpenedNebimPool {
  return {
    address: pool.address,
    async query(sql, params, signal) {
      try {
        return await pool.query(sql, params, signal);
      } catch (e) {
        refused(e);
        throw e;
      }
    },
    close: () => pool.close(),
  };
}
