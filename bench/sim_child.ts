/**
 * The benchmark's simulator process: the three simulators around a generated catalogue (Qukasoft's rate
 * limit raised out of the way, zero latency), a second, empty Qukasoft store that only the I/O floor
 * writes to (so its requests meet the same store state the agent's met), and a small control endpoint:
 *
 *   POST /change?fraction=0.01   change that fraction of variants (change.ts)
 *   GET  /log                    the agent's Qukasoft requests and SQL query count since the last clear
 *   POST /clear                  forget the logs (the floor's own SQL reads land in the same log)
 *
 * First stdout line: `@bench {"settings":…,"floorStoreUrl":…,"controlUrl":…}`. Stops when stdin closes.
 * @module
 */

import { parseArgs } from "node:util";
import { generateNebim } from "../sim/generate/nebim.ts";
import { startQukasoftSim } from "../sim/qukasoft/server.ts";
import { type SimSettings, startSimulators } from "../sim/start.ts";
import { changeFraction } from "./change.ts";
import { answer, BENCH_RATE, commands } from "./protocol.ts";

export interface SimReady {
  settings: SimSettings;
  floorStoreUrl: string;
  controlUrl: string;
  generateMs: number;
  variants: number;
}

/** A Qukasoft request the agent sent, as the simulator logged it. */
export interface LoggedRequest {
  name: string;
  input?: unknown;
}

export interface SimLog {
  http: LoggedRequest[];
  sql: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: { variants: { type: "string" }, seed: { type: "string", default: "42" } },
  });
  const t0 = performance.now();
  const { data } = generateNebim({ variants: Number(values.variants), seed: Number(values.seed) });
  const generateMs = performance.now() - t0;
  const sims = await startSimulators({ data, qukasoftRatePer10s: BENCH_RATE });
  const { apiKey, apiSecret } = sims.settings.qukasoft;
  const floor = await startQukasoftSim({ apiKey, apiSecret, ratePer10s: BENCH_RATE });
  const clear = () => {
    sims.qukasoft.log.clear();
    sims.sqlLog.clear();
    floor.log.clear();
  };
  const control = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    if (req.method === "POST" && url.pathname === "/change") {
      return Response.json(changeFraction(data, Number(url.searchParams.get("fraction") ?? "0.01")));
    }
    if (req.method === "GET" && url.pathname === "/log") {
      const log: SimLog = {
        http: sims.qukasoft.log.entries().map((e) => ({ name: e.name, input: e.input })),
        sql: sims.sqlLog.entries().length,
      };
      clear();
      return Response.json(log);
    }
    if (req.method === "POST" && url.pathname === "/clear") {
      clear();
      return Response.json({ ok: true });
    }
    return new Response("not found", { status: 404 });
  });
  const ready: SimReady = {
    settings: sims.settings,
    floorStoreUrl: floor.baseUrl,
    controlUrl: `http://127.0.0.1:${control.addr.port}`,
    generateMs,
    variants: data.rows("prItemVariant").length,
  };
  answer(ready);
  for await (const _ of commands()) {
    // Nothing is sent on stdin: it stays open while the benchmark needs the simulators.
  }
  await control.shutdown();
  await floor.close();
  await sims.close();
}

if (import.meta.main) await main();
