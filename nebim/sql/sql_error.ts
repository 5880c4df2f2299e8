/**
 * SQL Server's failures, as mssql and tedious report them, translated into the one IntegrationError (system
 * "nebim-sql") with its kind, and a hint of what to fix for those a person fixes. Never the password.
 * @module
 */

// @ts-types="@types/mssql"
import sql from "mssql";
import { IntegrationError } from "../../errors.ts";
import { maskSecret } from "../../mask_secret.ts";
const SYSTEM = "nebim-sql";
/** Invalid column (207), invalid object (208), permission denied on object/column (229, 230). */
const FATAL_NUMBERS = new Set([207, 208, 229, 230]);
/** Bad credentials or database (ELOGIN), TLS demanded but not offered (EENCRYPT): a person must fix them. */
const FATAL_CODES = new Set(["ELOGIN", "EENCRYPT"]);
/**
 * Logins SQL Server refuses for a while whoever logs in, the right password too: script upgrade mode for
 * minutes after an update is installed (18401), single-user or administrators-only mode (18461, 18451), a
 * paused service (17142). They end without any setting changed here: tried again.
 */
const SERVER_NOT_TAKING_LOGINS = new Set([18401, 18451, 18461, 17142]);
/**
 * Node's codes for a server certificate the client refused (tedious reports the dial's ESOCKET, the TLS
 * error as its cause): SQL Server's own self-signed one above all, which it uses unless given another.
 * Fatal too: retrying trusts nothing more.
 */
const CERTIFICATE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_REVOKED",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * The IntegrationError for a driver error. Never carries the password: the message is rebuilt from the
 * driver's code, number and message with any occurrence of the password masked, and the cause is a plain
 * object of those fields rather than the driver's error (which may hold connection state).
 * @param loggedIn the pool, or an earlier process, has logged in to this database with this login before (a
 *   query's new connection, a restart during SQL Server's recovery): a database it cannot open (4060) is then
 *   retriable, not a setting to fix
 */
export function translateSqlError(
  e: unknown,
  password: string,
  doing: string,
  login = "<login>",
  database?: string,
  loggedIn = false,
): IntegrationError {
  if (e instanceof IntegrationError) return e;
  const err = (typeof e === "object" && e !== null ? e : {}) as {
    code?: unknown;
    number?: unknown;
    message?: unknown;
  };
  const code = typeof err.code === "string" ? err.code : undefined;
  const number = typeof err.number === "number" ? err.number : undefined;
  const raw = typeof err.message === "string" ? err.message : String(e);
  const message = maskSecret(raw, password);
  const tag = [code, number !== undefined ? `#${number}` : undefined].filter(Boolean).join(" ");
  // mssql's RequestError: the connection was up and ran the query; a ConnectionError is the dial or login.
  const stage = e instanceof sql.RequestError ? "query" : "connection";
  const certificate = refusedCertificate(e);
  // The pool logged in with these settings before: a database it cannot open now is being restored, recovering
  // (SQL Server just started), offline or failing over, and comes back; no setting is wrong.
  const unavailable = loggedIn && number === 4060;
  const notTaking = code === "ELOGIN" && SERVER_NOT_TAKING_LOGINS.has(number ?? 0);
  const fatal = !unavailable && !notTaking && ((code !== undefined && FATAL_CODES.has(code)) ||
    (number !== undefined && FATAL_NUMBERS.has(number)) || certificate !== undefined);
  const hint = certificate !== undefined
    ? certificateHint(certificate)
    : notTaking
    ? "; SQL Server takes no logins now (script upgrade mode after an update, single-user mode, or paused): " +
      "tried again; if this lasts, ask its administrator"
    : unavailable
    ? "; the database cannot be opened now (being restored, recovering after SQL Server started, offline, or " +
      `failing over): tried again; if this lasts, check that it still has a user for the login ${login}`
    : hintFor(code, number, message, login, stage, database);
  return new IntegrationError(
    fatal ? "fatal" : "retriable",
    `Nebim SQL error ${doing}: ${message}${tag ? ` (${tag})` : ""}${hint}`,
    // A database that cannot be opened now may be in a RESTORE: back, it holds its rows as the backup did.
    { system: SYSTEM, maybeRestored: unavailable, cause: { code, number, message } },
  );
}

/** SQL Server's error number behind an error of {@link translateSqlError}, when it gave one. */
export function sqlErrorNumber(e: unknown): number | undefined {
  if (!(e instanceof IntegrationError) || e.system !== SYSTEM) return undefined;
  const cause = e.cause as { number?: unknown } | undefined;
  return typeof cause?.number === "number" ? cause.number : undefined;
}

/**
 * What to fix, for the failures a person fixes: the settings (by the driver's code), or the login's grants
 * (by SQL Server's number; the object and column names are taken from its message).
 */
function hintFor(
  code: string | undefined,
  number: number | undefined,
  message: string,
  login: string,
  stage: "query" | "connection",
  database: string | undefined,
): string {
  const where = "docs/OPERATIONS.md, The SQL Server login";
  if (number === 229 || number === 230) {
    const table = /\bobject '([^']+)'/.exec(message)?.[1] ?? "<table>";
    const column = number === 230 ? /\bcolumn '([^']+)'/.exec(message)?.[1] : undefined;
    // A GRANT replaces a DENY on the same column, and grants a table that was never granted.
    const grant = `GRANT SELECT ON dbo.${table}${column ? ` (${column})` : ""} TO ${login}`;
    return `; the login ${login} may not read ${
      column ? `column ${column} of ` : ""
    }dbo.${table}: ${grant} (${where})`;
  }
  if (code === "ELOGIN") {
    if (number === 4060) {
      return `; check nebim.sql.database, and that the database has a user for the login (CREATE USER ${login} ` +
        `FOR LOGIN ${login}; ${where})${database === undefined ? "" : turkishI(database)}`;
    }
    if (number === 18456 && login.includes("\\")) {
      // SQL Server reads a name with a backslash as a Windows account, which only Windows authentication
      // (NTLM/Kerberos, not this agent's login) can sign in as: no password makes it work.
      return `; nebim.sql.user ${login} is a Windows account (DOMAIN\\user): the agent logs in with a SQL ` +
        `Server login only, so create one for it (CREATE LOGIN …, with SQL Server and Windows Authentication ` +
        `mode; ${where})`;
    }
    // The password is right, the login's policy stops it: SSMS's New Login dialog ticks "Enforce password
    // expiration" and "User must change password at next login", and CHECK_POLICY locks a login out after
    // the Windows policy's failed attempts (the agent's own retries of a wrong one count).
    const reason = LOGIN_POLICY[number ?? 0];
    if (reason) return `; ${reason(login)} (${where})`;
    // SQL Server tells the client no more than this for a wrong password, a disabled login, or a server that
    // takes Windows logins only (SQL Express's default).
    if (number === 18456) {
      return "; check nebim.sql.user and nebim.sql.password, and that SQL Server accepts SQL Server logins " +
        `(Server Properties, Security: SQL Server and Windows Authentication mode; ${where})${
          turkishI(login)
        }`;
    }
    return "; check nebim.sql.user, nebim.sql.password and nebim.sql.database";
  }
  if (code === "EINSTLOOKUP") {
    return "; check nebim.sql.instanceName, and that SQL Server Browser runs on nebim.sql.host";
  }
  if (stage === "query") {
    // The host and port worked: a connection lost mid-query is the network's or the server's, and a
    // query's timeout (tedious sent ATTENTION) a busy server or a large read, tried again by the cycle.
    return code === "ETIMEOUT"
      ? "; the query ran longer than nebim.sql.requestTimeoutMs (SQL Server busy or blocked, or a large read); " +
        "raise it if this repeats"
      : "";
  }
  if (code === "ESOCKET" || code === "ETIMEOUT") {
    return "; check nebim.sql.host and nebim.sql.port (or nebim.sql.instanceName), and that SQL Server " +
      "accepts TCP connections there";
  }
  return "";
}

/**
 * SQL Server finds a login and a database by name under its server collation: on a Turkish one, as Nebim
 * installs it, case does not count but i and I are two letters (their pairs are İ and ı), so "NebimV3" is no
 * name for NEBIMV3. Said when the name has either, since "names ignore case" sends a person elsewhere.
 */
function turkishI(name: string): string {
  return /[iIıİ]/.test(name)
    ? `; on a Turkish server collation, as Nebim's, i and I are different letters in names whatever the case ` +
      `of the rest: write ${name} as SQL Server lists it`
    : "";
}

/** Logins refused by their password policy (18486-18488), with what an administrator runs. */
const LOGIN_POLICY: Record<number, (login: string) => string> = {
  18486: (login) =>
    `the login ${login} is locked out after too many failed logins (CHECK_POLICY); once ` +
    `nebim.sql.password is right, an administrator unlocks it: ` +
    `ALTER LOGIN ${login} WITH PASSWORD = N'<nebim.sql.password>' UNLOCK`,
  18487: (login) =>
    `the password of ${login} has expired (CHECK_EXPIRATION, "Enforce password expiration"); an ` +
    `administrator sets it again: ` +
    `ALTER LOGIN ${login} WITH PASSWORD = N'<nebim.sql.password>', CHECK_EXPIRATION = OFF`,
  18488: (login) =>
    `${login} was made to change its password at its first login (MUST_CHANGE, "User must change ` +
    `password at next login"); an administrator sets it: ` +
    `ALTER LOGIN ${login} WITH PASSWORD = N'<nebim.sql.password>', then ` +
    `ALTER LOGIN ${login} WITH CHECK_EXPIRATION = OFF`,
};

/** The certificate code behind a refused TLS handshake: mssql's error → tedious's → the TLS error. */
function refusedCertificate(e: unknown): string | undefined {
  let at: unknown = e;
  for (let depth = 0; depth < 4 && typeof at === "object" && at !== null; depth++) {
    const { code, originalError, cause } = at as { code?: unknown; originalError?: unknown; cause?: unknown };
    if (typeof code === "string" && CERTIFICATE_CODES.has(code)) return code;
    at = originalError ?? cause;
  }
  return undefined;
}

function certificateHint(code: string): string {
  return `; SQL Server's TLS certificate was refused (${code}): set nebim.sql.trustServerCertificate to true, ` +
    "or give SQL Server a certificate this machine trusts, issued for nebim.sql.host";
}
