/**
 * Shared setup for the TDS simulator tests: a server with a small name → answer handler, and an mssql
 * pool against it. Unknown queries answer SQL Server's "Invalid object name" (208).
 * @module
 */

// @ts-types="@types/mssql"
import sql from "mssql";
import {
  type QueryRequest,
  type QueryResult,
  SqlError,
  startTdsServer,
  type TdsServer,
  type TdsServerOptions,
} from "../../../sim/tds/server.ts";
import { queryName } from "../../../sim/tds/query.ts";

export { sql };

export const USER = "sa";
export const PASSWORD = "Şifre-123";
export const DATABASE = "NEBIMV3";

export type Answer = QueryResult | ((req: QueryRequest) => QueryResult | Promise<QueryResult>);

/** Handler answering by query name (the first comment of the SQL); records every request it sees. */
export function mapHandler(answers: Record<string, Answer>, seen: QueryRequest[] = []) {
  return (req: QueryRequest): QueryResult | Promise<QueryResult> => {
    seen.push(req);
    const answer = answers[queryName(req.sql)];
    if (!answer) throw new SqlError(`Invalid object name '${queryName(req.sql)}'.`, 208);
    return typeof answer === "function" ? answer(req) : answer;
  };
}

export function startServer(
  answers: Record<string, Answer>,
  extra: Partial<TdsServerOptions> = {},
  seen: QueryRequest[] = [],
): Promise<TdsServer> {
  return startTdsServer({
    user: USER,
    password: PASSWORD,
    database: DATABASE,
    handler: mapHandler(answers, seen),
    ...extra,
  });
}

export function poolConfig(server: TdsServer, extra: Partial<sql.config> = {}): sql.config {
  return {
    server: server.host,
    port: server.port,
    user: USER,
    password: PASSWORD,
    database: DATABASE,
    ...extra,
    options: { encrypt: false, trustServerCertificate: true, ...extra.options },
  };
}

/** Runs `body` with a connected pool and closes pool and server afterwards, whatever happens. */
export async function withPool(
  answers: Record<string, Answer>,
  body: (pool: sql.ConnectionPool, server: TdsServer) => Promise<void>,
  options: { server?: Partial<TdsServerOptions>; pool?: Partial<sql.config>; seen?: QueryRequest[] } = {},
): Promise<void> {
  const server = await startServer(answers, options.server, options.seen);
  const pool = new sql.ConnectionPool(poolConfig(server, options.pool));
  try {
    await pool.connect();
    await body(pool, server);
  } finally {
    await pool.close();
    await server.close();
  }
}

/** A one-column-per-entry result of a single row. */
export function oneRow(columns: QueryResult["resultSets"][number]["columns"], row: unknown[]): QueryResult {
  return { resultSets: [{ columns, rows: [row] }] };
}
