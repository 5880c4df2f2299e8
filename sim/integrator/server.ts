/**
 * An HTTP simulator of Nebim V3's Integrator service (research/nebim.md §2–§4, §7) on 127.0.0.1, over
 * an in-memory Nebim data set: orders it accepts land in the same tables the TDS simulator reads. It
 * reproduces the quirks the agent must survive: Connect succeeds with wrong credentials, session ids in
 * the URL or tokens in a header/path, "empty stream" after an idle drop, errors as HTTP 200 bodies,
 * "JSON request too large", non-idempotent Post, and injected faults (error, 5xx, drop,
 * timeoutAfterCommit).
 * @module
 */

import { Hono } from "hono";
import { FaultInjector, type FaultKind, RequestLog } from "../faults.ts";
import type { NebimDataSet } from "../nebim/dataset.ts";
import { type Command, type CommandContext, COMMANDS, runCommand } from "./commands.ts";
import { countMembers, field, isObject, type Json, NebimRejection } from "./json.ts";
import type { SimProc } from "./procs.ts";
import { droppedResponse, errorBody, iisErrorPage, jsonResponse, TOO_LARGE } from "./replies.ts";
import { ConnectionStore, type SimUser } from "./sessions.ts";

export interface IntegratorSimOptions {
  data: NebimDataSet;
  databaseName: string;
  users: SimUser[];
  mode: "token" | "session";
  port?: number;
  /** An idle session/token is dropped after this long (ASP.NET's default session timeout: 20 min). */
  sessionIdleMs?: number;
  /** aspnet:MaxJsonDeserializerMembers: a body with more members is "too large to be deserialized". */
  maxJsonMembers?: number;
  /** Milliseconds, for session expiry. */
  clock?: () => number;
  faults?: FaultInjector;
  log?: RequestLog;
  procs?: Record<string, SimProc>;
}

export interface IntegratorSim {
  readonly baseUrl: string;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  /** Forgets every session/token, as an IIS app-pool recycle does. */
  dropSessions(): void;
  close(): Promise<void>;
}

const FAULTS: readonly FaultKind[] = ["error", "5xx", "drop", "timeoutAfterCommit"];
const BY_LOWER = new Map<string, Command>(COMMANDS.map((c) => [c.toLowerCase(), c]));

interface Route {
  /** The id of a `/(S(<id>))/` segment. */
  sid?: string;
  /** The path after that segment. */
  rest: string;
  command?: string;
  /** `/IntegratorService/<Command>/<token>`. */
  pathToken?: string;
}

function parsePath(pathname: string): Route {
  const m = /^\/\(S\(([^)]*)\)\)(\/.*)?$/.exec(pathname);
  const rest = m ? (m[2] ?? "/") : pathname;
  const parts = rest.split("/").filter(Boolean);
  if (parts[0]?.toLowerCase() === "integratorservice" && parts[1]) {
    return { sid: m?.[1], rest, command: parts[1], pathToken: parts[2] };
  }
  return { sid: m?.[1], rest };
}

export function startIntegratorSim(o: IntegratorSimOptions): Promise<IntegratorSim> {
  const log = o.log ?? new RequestLog();
  const faults = o.faults ?? new FaultInjector();
  const maxMembers = o.maxJsonMembers ?? 1000;
  const ctx: CommandContext = {
    data: o.data,
    databaseName: o.databaseName,
    users: o.users,
    mode: o.mode,
    store: new ConnectionStore(o.mode, o.clock ?? Date.now, o.sessionIdleMs ?? 20 * 60_000),
    procs: o.procs ?? {},
  };

  function logged(name: string, input: unknown, res: Response, fault?: FaultKind): Response {
    log.add({ name, input, fault, status: res.status });
    return res;
  }

  /** ASP.NET cookieless sessions: a GET without an id is redirected to the same path under a new one. */
  function redirectToNewSession(url: URL, rest: string): Response {
    const conn = ctx.store.open();
    const location = `/(S(${conn.id}))${rest.startsWith("/") ? rest : `/${rest}`}${url.search}`;
    return logged(url.pathname, undefined, new Response(null, { status: 302, headers: { location } }));
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const route = parsePath(url.pathname);
    const unauthenticatedGet = o.mode === "session" && req.method === "GET" && route.sid === undefined;
    if (!route.command) {
      return unauthenticatedGet
        ? redirectToNewSession(url, route.rest)
        : logged(url.pathname, undefined, iisErrorPage(404));
    }
    const command = BY_LOWER.get(route.command.toLowerCase());
    // With session state off, a `(S(...))` URL is just a path that does not exist.
    if (!command || (o.mode === "token" && route.sid !== undefined)) {
      return logged(url.pathname, undefined, iisErrorPage(404));
    }
    if (unauthenticatedGet && command !== "Connect") return redirectToNewSession(url, route.rest);

    const text = await req.text();
    let body: Json | undefined;
    let bodyError: string | undefined;
    try {
      body = text.trim() === "" ? undefined : JSON.parse(text) as Json;
      if (body !== undefined && countMembers(body) > maxMembers) bodyError = TOO_LARGE;
    } catch {
      bodyError = `Invalid JSON primitive: ${text.trim().slice(0, 40)}.`;
    }
    const input = body ?? (text || (url.search ? Object.fromEntries(url.searchParams) : undefined));
    const modelType = isObject(body) ? Number(field(body, "ModelType") ?? 0) || 0 : 0;

    const fault = faults.take(command, FAULTS);
    await faults.delay();
    if (fault?.kind === "error") {
      const message = fault.detail ?? "Simulated Integrator error (injected fault).";
      return logged(command, input, jsonResponse(errorBody(modelType, message, command, 500)), "error");
    }
    if (fault?.kind === "5xx") {
      const status = /^5\d\d$/.test(fault.detail ?? "") ? Number(fault.detail) : 500;
      return logged(command, input, iisErrorPage(status), "5xx");
    }
    // A plain drop loses the request before the service acts on it; timeoutAfterCommit (below) after.
    if (fault?.kind === "drop") {
      return logged(command, input, droppedResponse({ ModelType: modelType }), "drop");
    }

    let answer: Json;
    try {
      if (bodyError) throw new NebimRejection(bodyError, 500);
      const connectionId = o.mode === "session"
        ? route.sid
        : req.headers.get("Token") ?? route.pathToken ?? url.searchParams.get("Token") ?? undefined;
      answer = runCommand(ctx, { command, connectionId, body, query: url.searchParams });
    } catch (e) {
      if (!(e instanceof NebimRejection)) throw e;
      answer = errorBody(modelType, e.message, command, e.statusCode);
    }
    if (fault?.kind === "timeoutAfterCommit") {
      return logged(command, input, droppedResponse(answer), fault.kind);
    }
    return logged(command, input, jsonResponse(answer));
  }

  const app = new Hono();
  app.all("*", (c) => handle(c.req.raw));
  // An unexpected exception in the simulator is an IIS 500, as an unhandled .NET exception would be.
  app.onError(() => iisErrorPage(500));
  const server = Deno.serve({ hostname: "127.0.0.1", port: o.port ?? 0, onListen() {} }, app.fetch);
  return Promise.resolve({
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    log,
    faults,
    dropSessions: () => ctx.store.clear(),
    close: () => server.shutdown(),
  });
}
