/**
 * The IntegratorService commands the simulator knows: Connect, GetUserInfo, Post, RunProc, Disconnect.
 * Each takes the decoded request and returns the JSON answer, or throws NebimRejection for Nebim's
 * HTTP 200 error object.
 * @module
 */

import type { NebimDataSet } from "../nebim/dataset.ts";
import { cancelOrder } from "./cancel.ts";
import { field, isObject, type Json, type JsonObject, NebimRejection, readNumber, readText } from "./json.ts";
import { postOrder } from "./orders.ts";
import { runProc, type SimProc } from "./procs.ts";
import { EMPTY_STREAM } from "./replies.ts";
import type { Connection, ConnectionStore, SimUser } from "./sessions.ts";
import { userInfo } from "./user_info.ts";

export const COMMANDS = ["Connect", "GetUserInfo", "Post", "RunProc", "Disconnect"] as const;
export type Command = (typeof COMMANDS)[number];

export interface CommandContext {
  data: NebimDataSet;
  databaseName: string;
  users: SimUser[];
  mode: "token" | "session";
  store: ConnectionStore;
  procs: Record<string, SimProc>;
}

export interface CommandRequest {
  command: Command;
  /** The session id of the URL or the token of the header/path/query, when the client sent one. */
  connectionId: string | undefined;
  /** The decoded JSON body (undefined when empty). */
  body: Json | undefined;
  query: URLSearchParams;
}

export function runCommand(ctx: CommandContext, req: CommandRequest): Json {
  if (req.command === "Connect") return connect(ctx, req);
  if (req.command === "Disconnect") {
    if (req.connectionId) ctx.store.close(req.connectionId);
    return { ModelType: 0, Status: "Connection Closed Successfully", StatusCode: 200 };
  }
  const user = loggedInUser(ctx, req.connectionId);
  if (req.command === "GetUserInfo") return userInfo(ctx.data, ctx.databaseName, user);
  const body = req.body;
  if (!isObject(body)) {
    throw new NebimRejection(`${req.command}: the request body must be a JSON object (the model).`);
  }
  if (req.command === "RunProc") return runProc(ctx.procs, body);
  const modelType = readNumber(body, "ModelType", { required: true, integer: true });
  if (modelType === 6 || modelType === 5) return postOrder(ctx.data, user, body, modelType);
  if (modelType === 34) return cancelOrder(ctx.data, user, body);
  throw new NebimRejection(
    `ModelType ${modelType} is not supported by this Integrator simulator (5, 6, 34).`,
  );
}

/**
 * The V3 user behind a connection. An unknown, expired or never-connected one is the "empty stream"
 * error (the session's stored connection object is gone); a failed login is reported on every call.
 */
function loggedInUser(ctx: CommandContext, id: string | undefined): SimUser {
  const conn: Connection | undefined = id ? ctx.store.touch(id) : undefined;
  if (!conn || (!conn.user && !conn.loginError)) throw new NebimRejection(EMPTY_STREAM, 500);
  if (!conn.user) throw new NebimRejection(conn.loginError!, 401);
  return conn.user;
}

/** Connect: always "Connection Created Successfully"; the credentials are only checked by later calls. */
function connect(ctx: CommandContext, req: CommandRequest): JsonObject {
  // Credentials in the body, or in the query string as some clients send them (research/nebim.md §2.2).
  const src: JsonObject = Object.fromEntries(req.query);
  if (isObject(req.body)) Object.assign(src, req.body);
  const modelType = readNumber(src, "ModelType", { integer: true }) ?? 1;
  if (modelType !== 0 && modelType !== 1) {
    throw new NebimRejection(`Connect: ModelType must be 1 (Login) or 0 (got ${modelType}).`);
  }
  const conn = ctx.store.open(ctx.mode === "session" ? req.connectionId : undefined);
  const login = checkLogin(ctx, src);
  if (typeof login === "string") conn.loginError = login;
  else conn.user = login;
  return {
    ModelType: 0,
    Status: "Connection Created Successfully",
    StatusCode: 200,
    [ctx.mode === "token" ? "Token" : "SessionID"]: conn.id,
  };
}

function checkLogin(ctx: CommandContext, src: JsonObject): SimUser | string {
  const db = readText(src, "DatabaseName");
  const group = readText(src, "UserGroupCode");
  const name = readText(src, "UserName");
  const password = field(src, "Password");
  if (!db || !group || !name) {
    return "Login failed: DatabaseName, UserGroupCode and UserName are required (Kullanıcı bilgileri eksik).";
  }
  if (db.toUpperCase() !== ctx.databaseName.toUpperCase()) {
    return `Cannot open database "${db}" requested by the login. The login failed.`;
  }
  const user = ctx.users.find((u) =>
    u.userGroupCode.toUpperCase() === group.toUpperCase() &&
    u.userName.toUpperCase() === name.toUpperCase() &&
    u.password === (typeof password === "number" ? String(password) : password)
  );
  return user ?? `Kullanıcı adı veya şifre hatalı. Login failed for user "${group}/${name}".`;
}
