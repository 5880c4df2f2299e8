/**
 * The read-only connection to Nebim's SQL Server: an mssql ConnectionPool behind a small interface, with
 * driver errors translated into IntegrationError (system "nebim-sql") at this boundary.
 * @module
 */

// @ts-types="@types/mssql"
import sql from "mssql";
import { IntegrationError } from "../../errors.ts";
import { lookupInstancePort } from "./instance_lookup.ts";
import type { NebimParam, NebimParamType } from "./queries.ts";

export interface NebimSqlOptions {
  host: string;
  port: number;
  instanceName?: string | null;
  database: string;
  user: string;
  password: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
  requestTimeoutMs: number;
}

export type NebimRow = Record<string, unknown>;

/** What the reader needs of a connection: run one SELECT with bound parameters, get its rows. */
export interface NebimPool {
  /** Rows of the first result set; throws IntegrationError (or the signal's reason when aborted). */
  query(sql: string, params: readonly NebimParam[], signal?: AbortSignal): Promise<NebimRow[]>;
  close(): Promise<void>;
}

/** An opened pool and where it connected: `host:port`, or `host\INSTANCE (TCP port N)` for a named instance. */
export type OpenedNebimPool = NebimPool & { readonly address: string };

const SYSTEM = "nebim-sql";
/** Invalid column (207), invalid object (208), permission denied on object/column (229, 230). */
const FATAL_NUMBERS = new Set([207, 208, 229, 230]);
/** Bad credentials or database (ELOGIN), TLS demanded but not offered (EENCRYPT): a person must fix them. */
const FATAL_CODES = new Set(["ELOGIN", "EENCRYPT"]);

/**
 * Connects (so a bad login fails here, not at the first query) and returns the pool. For a named instance
 * the agent asks SQL Server Browser itself first (instance_lookup.ts), for an error that says what is wrong
 * and for the port to report; `o.port` is then not used.
 */
export async function openNebimPool(o: NebimSqlOptions): Promise<OpenedNebimPool> {
  const port = o.instanceName
    ? await lookupInstancePort(o.host, o.instanceName, { timeoutMs: o.requestTimeoutMs })
    : o.port;
  const address = o.instanceName ? `${o.host}\\${o.instanceName} (TCP port ${port})` : `${o.host}:${port}`;
  // A failed login's reason comes first (4060: the login cannot open the database), then "Login failed for
  // user"; tedious keeps only the last. The messages of each login are kept here to name the reason.
  let loginMessages: LoginMessage[] = [];
  const pool = new sql.ConnectionPool({
    server: o.host,
    port: o.port,
    database: o.database,
    user: o.user,
    password: o.password,
    connectionTimeout: o.requestTimeoutMs,
    requestTimeout: o.requestTimeoutMs,
    // Ten: the reader sends a batch's five queries at once (variants, barcodes, on-hand, reservations,
    // prices), for two batches (sync/read_ahead.ts).
    pool: { min: 0, max: 10, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: o.encrypt,
      trustServerCertificate: o.trustServerCertificate,
      // Tedious asks the browser again for every connection it opens (mssql then drops the port): an
      // instance on a dynamic port may come back from a restart on another one.
      ...(o.instanceName ? { instanceName: o.instanceName } : {}),
      appName: "e-ticaret agent",
    },
    beforeConnect(conn) {
      const seen: LoginMessage[] = [];
      loginMessages = seen;
      const onMessage = (t: LoginMessage) => seen.push({ number: t.number, message: t.message });
      conn.on("errorMessage", onMessage);
      // Only the login's: the connection's later query errors reach the request that ran them.
      conn.once("connect", () => conn.removeListener("errorMessage", onMessage));
    },
  });
  // An idle connection that dies emits 'error' on the pool; without a listener that would crash the
  // process. The next query reconnects and reports its own error.
  pool.on("error", () => {});
  try {
    await pool.connect();
  } catch (e) {
    await pool.close().catch(() => {});
    const db = o.instanceName ? `, database ${o.database}` : `/${o.database}`;
    throw translateSqlError(
      withLoginReason(e, loginMessages),
      o.password,
      `connecting to ${address}${db}`,
      o.user,
    );
  }
  return {
    address,
    async query(text, params, signal) {
      signal?.throwIfAborted();
      const request = pool.request();
      for (const p of params) request.input(p.name, sqlType(p.type), p.value);
      const cancel = () => request.cancel();
      signal?.addEventListener("abort", cancel, { once: true });
      try {
        const result = await request.query(text);
        return (result.recordset ?? []) as NebimRow[];
      } catch (e) {
        signal?.throwIfAborted();
        throw translateSqlError(e, o.password, queryLabel(text), o.user);
      } finally {
        signal?.removeEventListener("abort", cancel);
      }
    },
    close() {
      return pool.close();
    },
  };
}

interface LoginMessage {
  number: number;
  message: string;
}

/**
 * A failed login with its first message's number (tedious's error has none) and all its messages: the reason
 * (4060, 4064) comes before 18456, and 18456 alone is the user or the password.
 */
function withLoginReason(e: unknown, messages: readonly LoginMessage[]): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code !== "ELOGIN" || messages.length === 0) return e;
  return { code, number: messages[0]!.number, message: messages.map((m) => m.message).join(" ") };
}

function sqlType(t: NebimParamType) {
  switch (t) {
    case "nvarchar":
      // One declared length for every code keeps one cached plan per statement; no value is cut short.
      return sql.NVarChar(4000);
    case "int":
      return sql.Int;
    case "tinyint":
      return sql.TinyInt;
    case "datetime":
      // The audit columns are datetime: a datetime2 parameter would compare against a converted column.
      return sql.DateTime;
    case "date":
      return sql.Date;
    case "time":
      // Scale 7, SQL Server's default for `time`: the column is compared at its own precision.
      return sql.Time(7);
  }
}

function queryLabel(text: string): string {
  const m = /\/\*\s*(nebim:\w+)\s*\*\//.exec(text);
  return m ? `running ${m[1]}` : "running a query";
}

/**
 * The IntegrationError for a driver error. Never carries the password: the message is rebuilt from the
 * driver's code, number and message with any occurrence of the password masked, and the cause is a plain
 * object of those fields rather than the driver's error (which may hold connection state).
 */
export function translateSqlError(
  e: unknown,
  password: string,
  doing: string,
  login = "<login>",
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
  const message = mask(raw, password);
  const tag = [code, number !== undefined ? `#${number}` : undefined].filter(Boolean).join(" ");
  // mssql's RequestError: the connection was up and ran the query; a ConnectionError is the dial or login.
  const stage = e instanceof sql.RequestError ? "query" : "connection";
  const fatal = (code !== undefined && FATAL_CODES.has(code)) ||
    (number !== undefined && FATAL_NUMBERS.has(number));
  return new IntegrationError(
    fatal ? "fatal" : "retriable",
    `Nebim SQL error ${doing}: ${message}${tag ? ` (${tag})` : ""}${
      hintFor(code, number, message, login, stage)
    }`,
    { system: SYSTEM, cause: { code, number, message } },
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
        `FOR LOGIN ${login}; ${where})`;
    }
    // SQL Server tells the client no more than this for a wrong password, a disabled login, or a server that
    // takes Windows logins only (SQL Express's default).
    if (number === 18456) {
      return "; check nebim.sql.user and nebim.sql.password, and that SQL Server accepts SQL Server logins " +
        `(Server Properties, Security: SQL Server and Windows Authentication mode; ${where})`;
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

function mask(text: string, password: string): string {
  return password ? text.split(password).join("********") : text;
}
