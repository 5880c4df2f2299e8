/**
 * Starts the three simulators on loopback around one Nebim data set: the TDS server (Nebim's SQL Server),
 * the Integrator and the Qukasoft store. Used by `deno task sim`, the demo, tests and benchmarks.
 * @module
 */

import { FaultInjector, RequestLog } from "./faults.ts";
import { NebimDataSet } from "./nebim/dataset.ts";
import { createNebimHandler, SqlPermissions } from "./nebim/handlers/mod.ts";
import { startTdsServer, type TdsServer } from "./tds/server.ts";
import { type IntegratorSim, startIntegratorSim } from "./integrator/server.ts";
import { type QukasoftSim, startQukasoftSim } from "./qukasoft/server.ts";
import type { StoreData } from "./qukasoft/types.ts";

/** The settings line printed first by `sim` and `demo` (DESIGN §9, issue: the exact shape). */
export interface SimSettings {
  nebimSql: { host: string; port: number; user: string; password: string; database: string };
  integrator: {
    baseUrl: string;
    databaseName: string;
    userGroupCode: string;
    userName: string;
    password: string;
  };
  qukasoft: { baseUrl: string; apiKey: string; apiSecret: string };
}

export interface SimOptions {
  data: NebimDataSet;
  store?: StoreData;
  sqlPort?: number;
  integratorPort?: number;
  qukasoftPort?: number;
  integratorMode?: "token" | "session";
  /** Qukasoft's rate limit; benchmarks raise it to measure the agent, not the limiter. */
  qukasoftRatePer10s?: number;
  tls?: { cert: string; key: string };
  /** Whether V3_SIM has a user for the read-only login; default true (false: the login fails, 4060). */
  sqlUserInDatabase?: boolean;
}

export interface Simulators {
  readonly settings: SimSettings;
  readonly data: NebimDataSet;
  readonly tds: TdsServer;
  readonly integrator: IntegratorSim;
  readonly qukasoft: QukasoftSim;
  readonly sqlFaults: FaultInjector;
  readonly sqlLog: RequestLog;
  /** What the read-only login may SELECT: everything until a test revokes a grant. */
  readonly sqlPermissions: SqlPermissions;
  close(): Promise<void>;
}

const SQL = { user: "eticaret_ro", password: "Sim-Okuma-2026!", database: "V3_SIM" };
const INTEGRATOR = {
  databaseName: "V3_SIM",
  userGroupCode: "ADM",
  userName: "eticaret",
  password: "Sim-Entegrasyon-2026!",
};
const STORE = { apiKey: "sim-api-key", apiSecret: "sim-api-secret" };

export async function startSimulators(o: SimOptions): Promise<Simulators> {
  const sqlFaults = new FaultInjector({ seed: 11 });
  const sqlLog = new RequestLog();
  const sqlPermissions = new SqlPermissions();
  // What has started is closed again when a later one cannot listen: a process that goes on (a test, the
  // demo) is not left holding the ports.
  const started: { close(): Promise<unknown> }[] = [];
  const start = async <T extends { close(): Promise<unknown> }>(
    flag: string,
    port: number | undefined,
    open: () => Promise<T>,
  ): Promise<T> => {
    try {
      const sim = await open();
      started.push(sim);
      return sim;
    } catch (e) {
      await Promise.allSettled(started.map((s) => s.close()));
      throw inUse(e) ? new Error(`127.0.0.1:${port} (${flag}) is already in use by another program`) : e;
    }
  };
  const tds = await start("--sql-port", o.sqlPort, () =>
    startTdsServer({
      port: o.sqlPort ?? 0,
      ...SQL,
      userInDatabase: o.sqlUserInDatabase,
      onRestored: () => o.data.restored(),
      handler: createNebimHandler(o.data, { database: SQL.database, permissions: sqlPermissions }),
      faults: sqlFaults,
      log: sqlLog,
      tls: o.tls,
    }));
  const integrator = await start("--integrator-port", o.integratorPort, () =>
    startIntegratorSim({
      data: o.data,
      databaseName: INTEGRATOR.databaseName,
      users: [{
        userGroupCode: INTEGRATOR.userGroupCode,
        userName: INTEGRATOR.userName,
        password: INTEGRATOR.password,
      }],
      mode: o.integratorMode ?? "token",
      port: o.integratorPort ?? 0,
    }));
  const qukasoft = await start("--qukasoft-port", o.qukasoftPort, () =>
    startQukasoftSim({
      ...STORE,
      port: o.qukasoftPort ?? 0,
      data: o.store ?? { products: [], orders: [] },
      ratePer10s: o.qukasoftRatePer10s,
    }));
  const settings: SimSettings = {
    nebimSql: { host: "127.0.0.1", port: tds.port, ...SQL },
    integrator: { baseUrl: integrator.baseUrl, ...INTEGRATOR },
    qukasoft: { baseUrl: qukasoft.baseUrl, ...STORE },
  };
  return {
    settings,
    data: o.data,
    tds,
    integrator,
    qukasoft,
    sqlFaults,
    sqlLog,
    sqlPermissions,
    async close() {
      await Promise.allSettled([qukasoft.close(), integrator.close(), tds.close()]);
    },
  };
}

/** The agent's settings document (docs/settings.md shape) pointing at running simulators. */
export function agentSettingsFor(s: SimSettings): Record<string, unknown> {
  return {
    nebim: {
      sql: { ...s.nebimSql, encrypt: false, trustServerCertificate: true },
      integrator: { ...s.integrator, mode: "token" },
    },
    qukasoft: { ...s.qukasoft },
  };
}

/** A port already taken, as Deno.serve (AddrInUse, naming no address) and node:net (EADDRINUSE) say it. */
function inUse(e: unknown): boolean {
  return e instanceof Deno.errors.AddrInUse || (e as { code?: unknown } | null)?.code === "EADDRINUSE";
}
