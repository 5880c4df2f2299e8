/**
 * The TDS simulator's public contract (re-exported by server.ts): what a query handler receives and
 * returns, and the error it throws to make the server answer with an SQL error.
 * @module
 */

import type { FaultInjector, RequestLog } from "../faults.ts";
import type { SqlTypeName } from "../nebim/column_defs.ts";

export interface SqlParam {
  /** Name without '@', as the client sent it. */
  name: string;
  /** Base SQL type from the wire TYPE_INFO, e.g. "int", "nvarchar", "datetime2". */
  type: string;
  /**
   * Decoded value: string for (n)varchar/(n)char/uniqueidentifier (upper case), number for
   * tinyint/smallint/int/float/real/decimal/numeric/money, bigint for bigint, boolean for bit, Date (UTC
   * wall clock) for date/datetime/datetime2/smalldatetime/time/datetimeoffset, Uint8Array for binary, null.
   */
  value: unknown;
}

export interface ResultColumn {
  name: string;
  type: SqlTypeName;
  /** Characters for (n)varchar, -1 = MAX; default 4000 (nvarchar) / 8000 (varchar). */
  length?: number;
  /** decimal precision, default 18. */
  precision?: number;
  /** decimal scale (default 0) or datetime2 fractional digits (default 7). */
  scale?: number;
  /** Default true. */
  nullable?: boolean;
}

export interface ResultSet {
  columns: ResultColumn[];
  /** Positional values per column: see {@link SqlParam.value} for the JS types each SQL type takes. */
  rows: unknown[][];
}

export interface QueryResult {
  resultSets: ResultSet[];
  /** Rows an INSERT/UPDATE/DELETE touched (reported as a row count without a result set). */
  rowsAffected?: number;
}

export interface QueryRequest {
  sql: string;
  /** Key: name without '@', lower-cased. */
  params: Map<string, SqlParam>;
  inTransaction: boolean;
  /** Aborted when the client sends ATTENTION (query timeout or cancel) or the server closes. */
  signal: AbortSignal;
}

export type QueryHandler = (req: QueryRequest) => QueryResult | Promise<QueryResult>;

/** Thrown by a handler to answer with an SQL Server error (any other error becomes number 50000). */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly number = 50000,
    readonly state = 1,
    readonly severity = 16,
  ) {
    super(message);
    this.name = "SqlError";
  }
}

export interface TdsServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  user: string;
  password: string;
  /** The one database there is; the login opens it when it asks for none. */
  database: string;
  /**
   * The login's default database (CREATE LOGIN ... DEFAULT_DATABASE), opened when the client names none;
   * default `database`. Another name fails such a login with 4064.
   */
  defaultDatabase?: string;
  /**
   * Whether the database has a user for the login (CREATE USER ... FOR LOGIN); default true. Without one,
   * opening it fails the login with 4060, as a database that does not exist does.
   */
  userInDatabase?: boolean;
  /** The database is being restored (`setRestoring`): opening it fails the login with 4060 meanwhile. */
  restoring?: boolean;
  /** Told as a restore ends: SQL Server has made the database anew (its sys.databases.create_date). */
  onRestored?: () => void;
  /**
   * The login's password policy refusing the right password: `expired` (18487, CHECK_EXPIRATION) or
   * `mustChange` (18488, MUST_CHANGE). setPassword, the administrator's ALTER LOGIN … WITH PASSWORD, lifts it.
   */
  passwordPolicy?: "expired" | "mustChange";
  /**
   * SQL Server runs its upgrade scripts, as it does for minutes after starting from an installed update:
   * until then it refuses every login but an administrator's with 18401, the right password too.
   */
  scriptUpgrade?: boolean;
  handler: QueryHandler;
  /** PEM certificate and key; when set, encryption is offered and required. */
  tls?: { cert: string; key: string };
  faults?: FaultInjector;
  log?: RequestLog;
  /** Packet size to grant; default: what the client asks for (tedious: 4096). */
  packetSize?: number;
}

export interface TdsServer {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
  /** Number of open client connections. */
  readonly connections: number;
  /** Connections accepted since the start, open or closed (a test asks whether a client dialled at all). */
  readonly accepted: number;
  /**
   * The login's password changed (ALTER LOGIN … WITH PASSWORD): later logins need it, and it is neither expired
   * nor to be changed any more; open sessions stay.
   */
  setPassword(password: string): void;
  /**
   * A RESTORE DATABASE … WITH REPLACE begins (true) or ends (false). It needs the database to itself, so the
   * DBA's SINGLE_USER WITH ROLLBACK IMMEDIATE ends every open session first; until it ends, a login to the
   * database fails with 4060. What it restores is the test's to put in the data set meanwhile.
   */
  setRestoring(restoring: boolean): void;
}
