/**
 * The read-only connection to Nebim's SQL Server: an mssql ConnectionPool behind a small interface, with
 * driver errors translated into IntegrationError (system "nebim-sql") at this boundary (sql_error.ts).
 * @module
 */

// @ts-types="@types/mssql"
import sql from "mssql";
import { lookupInstancePort } from "./instance_lookup.ts";
import { translateSqlError } from "./sql_error.ts";
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

export { sqlErrorNumber, translateSqlError } from "./sql_error.ts";

/**
 * Connects (so a bad login fails here, not at the first query) and returns the pool. For a named instance
 * the agent asks SQL Server Browser itself first (instance_lookup.ts), for an error that says what is wrong
 * and for the port to report; `o.port` is then not used. `signal` gives up the login (rejecting with its
 * reason): one a server never answers lasts `requestTimeoutMs` otherwise, and mssql cannot close a pool
 * that is connecting. `openedBefore`: this database was opened with this login before (by an earlier
 * process: agent/opened_databases.ts), so one it cannot open now (4060) is recovering or being restored, and
 * retriable, as for a pool's later connection (sql_error.ts), rather than a setting to fix.
 */
export async function openNebimPool(
  o: NebimSqlOptions,
  signal?: AbortSignal,
  openedBefore = false,
): Promise<OpenedNebimPool> {
  signal?.throwIfAborted();
  const port = o.instanceName
    ? await lookupInstancePort(o.host, o.instanceName, { timeoutMs: o.requestTimeoutMs })
    : o.port;
  signal?.throwIfAborted();
  let connected = false;
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
    // Fifteen: the reader sends a batch's five queries at once (variants, barcodes, on-hand, reservations,
    // prices), for three batches (sync/read_ahead.ts). Read-only, NOLOCK, closed after 30 s idle.
    pool: { min: 0, max: 15, idleTimeoutMillis: 30_000 },
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
      if (!signal || connected) return;
      // tedious's close ends a login under way; mssql then rejects the pool's connect.
      const giveUp = () => conn.close();
      signal.addEventListener("abort", giveUp, { once: true });
      conn.once("connect", () => signal.removeEventListener("abort", giveUp));
      conn.once("end", () => signal.removeEventListener("abort", giveUp));
    },
  });
  // An idle connection that dies emits 'error' on the pool; without a listener that would crash the
  // process. The next query reconnects and reports its own error.
  pool.on("error", () => {});
  try {
    await pool.connect();
    connected = true;
  } catch (e) {
    await pool.close().catch(() => {});
    signal?.throwIfAborted();
    const db = o.instanceName ? `, database ${o.database}` : `/${o.database}`;
    throw translateSqlError(
      withLoginReason(e, loginMessages),
      o.password,
      `connecting to ${address}${db}`,
      o.user,
      o.database,
      openedBefore,
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
        // A connection the pool opens now logs in too: its failure says why as the first login's does.
        throw translateSqlError(
          withLoginReason(e, loginMessages),
          o.password,
          queryLabel(text),
          o.user,
          o.database,
          true,
        );
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
