/**
 * A SQL Server (TDS 7.4) simulator that the real mssql/tedious driver, and other TDS clients, log in to.
 * Queries go to a handler; the server does the protocol: PRELOGIN with optional in-band TLS, LOGIN7,
 * SQL batches, sp_executesql RPCs with typed parameters, result sets, errors, transactions, ATTENTION,
 * and faults and a request log from sim/faults.ts.
 *
 * The simulator answers some statements itself, without the handler or the log: session `SET` batches,
 * `BEGIN TRAN`/`COMMIT`/`ROLLBACK` batches, and the pool's `SELECT 1` validation query.
 * @module
 */

import { createServer, type Server, type Socket } from "node:net";
import { TdsConnection } from "./connection.ts";
import type { TdsServer, TdsServerOptions } from "./contract.ts";

export type {
  QueryHandler,
  QueryRequest,
  QueryResult,
  ResultColumn,
  ResultSet,
  SqlParam,
  TdsServer,
  TdsServerOptions,
} from "./contract.ts";
export { SqlError } from "./contract.ts";
export { queryName } from "./query.ts";

/** First SPID handed out; SQL Server's user sessions start above 50. */
const FIRST_SPID = 51;

export async function startTdsServer(options: TdsServerOptions): Promise<TdsServer> {
  const host = options.host ?? "127.0.0.1";
  const open = new Set<TdsConnection>();
  let spid = FIRST_SPID;
  let accepted = 0;
  const server: Server = createServer((socket: Socket) => {
    accepted++;
    socket.setNoDelay(true);
    const conn = new TdsConnection(socket, options, spid++);
    open.add(conn);
    conn.closed.then(() => open.delete(conn));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  let closing: Promise<void> | undefined;
  return {
    port,
    host,
    get connections() {
      return open.size;
    },
    get accepted() {
      return accepted;
    },
    setPassword(password) {
      // Each login reads the options (a test may change them, as grants_e2e_test does).
      options.password = password;
      options.passwordPolicy = undefined;
    },
    setRestoring(restoring) {
      if (options.restoring && !restoring) options.onRestored?.();
      options.restoring = restoring;
      if (restoring) { for (const c of open) c.destroy(); }
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        const all = [...open];
        for (const c of all) c.destroy();
        await Promise.all(all.map((c) => c.closed));
        await stopped;
      })();
      return closing;
    },
  };
}
