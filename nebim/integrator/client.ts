/**
 * The agent's Nebim Integrator client. For now it proves the configured login (`check`): Connect
 * answers "Connection Created Successfully" even to a wrong password, so only GetUserInfo on the new
 * session/token shows whether V3 accepted it (research/nebim.md §2.2). Calls go through `call`, which
 * reconnects once on a dropped session ("empty stream") for idempotent commands only, so Post can be
 * added without the risk of a blind re-post (§4.9).
 * @module
 */

import { IntegrationError } from "../../errors.ts";
import { maskSecret } from "../../mask_secret.ts";
import { NebimException, send, SYSTEM } from "./transport.ts";

export interface IntegratorClientOptions {
  baseUrl: string;
  mode: "token" | "session";
  databaseName: string;
  userGroupCode: string;
  userName: string;
  password: string;
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** Who the Integrator says we are logged in as. */
export interface IntegratorUser {
  userGroupCode: string;
  userName: string;
  databaseName: string;
  officeCode: string;
  storeCode: string;
  warehouseCode: string;
}

export interface IntegratorClient {
  /** Opens a session/token. Does not prove the credentials: see getUserInfo. */
  connect(signal?: AbortSignal): Promise<void>;
  /** The logged-in user; fails fatally when V3 refused the login. Connects first when needed. */
  getUserInfo(signal?: AbortSignal): Promise<IntegratorUser>;
  /** Disconnects (best effort) and forgets the session/token. */
  close(): Promise<void>;
}

interface CallOptions {
  method: "GET" | "POST";
  body?: unknown;
  /** Safe to send again after a reconnect (reads); a Post is not. */
  idempotent: boolean;
}

export function createIntegratorClient(o: IntegratorClientOptions): IntegratorClient {
  const base = o.baseUrl.replace(/\/+$/, "");
  const timeoutMs = o.requestTimeoutMs ?? 60_000;
  const doFetch = o.fetch ?? fetch;
  const who = `${o.userGroupCode}/${o.userName}`;
  let id: string | undefined;
  let connecting: Promise<void> | undefined;

  const redact = (text: string) => maskSecret(text, o.password);

  function urlFor(command: string): string {
    return o.mode === "session" && id
      ? `${base}/(S(${id}))/IntegratorService/${command}`
      : `${base}/IntegratorService/${command}`;
  }

  async function doConnect(signal?: AbortSignal): Promise<void> {
    id = undefined;
    const answer = await send({
      url: `${base}/IntegratorService/Connect`,
      method: "POST",
      command: "Connect",
      body: {
        ModelType: 1,
        DatabaseName: o.databaseName,
        UserGroupCode: o.userGroupCode,
        UserName: o.userName,
        Password: o.password,
      },
      timeoutMs,
      signal,
      fetch: doFetch,
      redact,
      otherKind: "retriable",
    }).catch((e) => {
      throw loginContext(e);
    });
    const a = (answer ?? {}) as Record<string, unknown>;
    const want = o.mode === "token" ? "Token" : "SessionID";
    const other = o.mode === "token" ? "SessionID" : "Token";
    const value = a[want];
    if (typeof value === "string" && value !== "") {
      id = value;
      return;
    }
    const hint = typeof a[other] === "string"
      ? `it runs in ${o.mode === "token" ? "session" : "token"} mode; set nebim.integrator.mode accordingly`
      : "check nebim.integrator.baseUrl";
    throw new IntegrationError("fatal", `Nebim Integrator Connect answered without a ${want}: ${hint}`, {
      system: SYSTEM,
    });
  }

  /** A login failure names the user and the settings to fix, never the password. */
  function loginContext(e: unknown): unknown {
    if (!(e instanceof NebimException) || e.nebimClass !== "login") return e;
    return new IntegrationError(
      "fatal",
      `Nebim V3 refused the login of user ${who} on database ${o.databaseName}: ${e.nebimMessage} ` +
        `(check nebim.integrator.databaseName, userGroupCode, userName and password)`,
      { system: SYSTEM, subject: who, cause: e },
    );
  }

  function connect(signal?: AbortSignal): Promise<void> {
    connecting ??= doConnect(signal).finally(() => connecting = undefined);
    return connecting;
  }

  async function call(command: string, c: CallOptions, signal?: AbortSignal): Promise<unknown> {
    if (!id) await connect(signal);
    const attempt = () =>
      send({
        url: urlFor(command),
        method: c.method,
        command,
        body: c.body,
        headers: o.mode === "token" && id ? { Token: id } : {},
        timeoutMs,
        signal,
        fetch: doFetch,
        redact,
        otherKind: "retriable",
      });
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof NebimException) || e.nebimClass !== "emptyStream" || !c.idempotent) {
        throw loginContext(e);
      }
    }
    // The session/token was dropped (idle timeout, app-pool recycle): connect again and retry once.
    await connect(signal);
    return await attempt().catch((e) => {
      throw loginContext(e);
    });
  }

  async function getUserInfo(signal?: AbortSignal): Promise<IntegratorUser> {
    // GET in session mode, POST with the Token header in token mode, no body (research/nebim.md §2.2).
    const answer = await call("GetUserInfo", {
      method: o.mode === "session" ? "GET" : "POST",
      idempotent: true,
    }, signal);
    const a = (typeof answer === "object" && answer !== null ? answer : {}) as Record<string, unknown>;
    const text = (k: string) => typeof a[k] === "string" ? a[k] as string : "";
    if (!text("UserName")) {
      throw new IntegrationError("fatal", "Nebim Integrator GetUserInfo answered without a UserName", {
        system: SYSTEM,
      });
    }
    return {
      userGroupCode: text("UserGroupCode"),
      userName: text("UserName"),
      databaseName: text("DatabaseName"),
      officeCode: text("OfficeCode"),
      storeCode: text("StoreCode"),
      warehouseCode: text("WarehouseCode"),
    };
  }

  async function close(): Promise<void> {
    if (!id) return;
    const headers: Record<string, string> = o.mode === "token" ? { Token: id } : {};
    const url = urlFor("Disconnect");
    id = undefined;
    try {
      await send({
        url,
        method: "GET",
        command: "Disconnect",
        headers,
        timeoutMs,
        fetch: doFetch,
        redact,
        otherKind: "retriable",
      });
    } catch {
      // Best effort: the Integrator drops an idle session by itself.
    }
  }

  return { connect, getUserInfo, close };
}
