/**
 * A SQL Server Browser simulator: the SSRP service ([MS-SQLR]) on UDP 1434 that tells clients which TCP port
 * a named instance listens on. Clients (tedious, the agent) ask with CLNT_BCAST_EX/CLNT_UCAST_EX (one byte,
 * 0x02/0x03) and get every running instance, or with CLNT_UCAST_INST (0x04, then the name and a NUL) and get
 * that instance alone. The answer is SVR_RESP: 0x05, the data's length (2 bytes, little-endian), then
 * `ServerName;S;InstanceName;I;IsClustered;No;Version;V;tcp;PORT;;` per instance.
 *
 * Quirks kept from the real service: names compare case-insensitively; a stopped instance is not listed;
 * an instance with TCP/IP disabled is listed without `tcp;PORT` (named pipes only, as SQL Express installs
 * by default); a request naming no running instance, an unknown request and a stopped browser get no answer
 * at all, so the client can only time out.
 * @module
 */

import { createSocket, type Socket } from "node:dgram";

/** The browser's port: fixed, every client asks there. */
export const SQL_BROWSER_PORT = 1434;

export interface BrowserInstance {
  /** As SQL Server Configuration Manager shows it, e.g. "NEBIM"; the default instance is "MSSQLSERVER". */
  name: string;
  /** The TCP port it listens on; null when TCP/IP is disabled for it (the listing then has no `tcp`). */
  tcpPort: number | null;
  /** Default true; a stopped instance is not listed. Tests flip it on the browser's `instances`. */
  running?: boolean;
  /** Default "15.0.2000.5" (SQL Server 2019). */
  version?: string;
}

export interface SqlBrowserOptions {
  /** Loopback address to listen on; default 127.0.0.1. Tests give each browser its own 127.0.0.x. */
  host?: string;
  /** Default 1434; clients always ask there. */
  port?: number;
  /** The machine name the listing reports; default "SIMSRV". */
  serverName?: string;
  instances: BrowserInstance[];
}

export interface SqlBrowser {
  readonly host: string;
  readonly port: number;
  /** The listing, live: change `running` or `tcpPort` and the next answer follows. */
  readonly instances: BrowserInstance[];
  /** Datagrams received, answered or not. */
  readonly requests: number;
  /**
   * True: still bound to 1434 but silent, as a stopped service looks to clients. Unlike `close`, the address
   * stays this browser's, so no other test's browser can answer in its place.
   */
  stopped: boolean;
  /** Stops answering and frees the port: a stopped service, which clients see only as silence. */
  close(): Promise<void>;
}

const CLNT_BCAST_EX = 0x02;
const CLNT_UCAST_EX = 0x03;
const CLNT_UCAST_INST = 0x04;
const SVR_RESP = 0x05;
/** [MS-SQLR]: an answer to CLNT_UCAST_INST carries at most 1024 bytes of data. */
const MAX_INSTANCE_RESPONSE = 1024;

export async function startSqlBrowser(options: SqlBrowserOptions): Promise<SqlBrowser> {
  const host = options.host ?? "127.0.0.1";
  const serverName = options.serverName ?? "SIMSRV";
  const instances = options.instances;
  let requests = 0;
  const socket: Socket = createSocket("udp4");
  const browser = { stopped: false };
  socket.on("message", (msg, from) => {
    requests++;
    const answer = browser.stopped ? undefined : respond(msg, serverName, instances);
    if (answer) socket.send(answer, from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port ?? SQL_BROWSER_PORT, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  // A client that vanished before its answer is not the browser's problem.
  socket.on("error", () => {});
  let closing: Promise<void> | undefined;
  return {
    host,
    port: socket.address().port,
    instances,
    get requests() {
      return requests;
    },
    get stopped() {
      return browser.stopped;
    },
    set stopped(value: boolean) {
      browser.stopped = value;
    },
    close() {
      closing ??= new Promise<void>((resolve) => socket.close(() => resolve()));
      return closing;
    },
  };
}

/** The SVR_RESP for one request, or undefined when the real service stays silent. */
function respond(msg: Uint8Array, serverName: string, instances: BrowserInstance[]): Uint8Array | undefined {
  const running = instances.filter((i) => i.running ?? true);
  if (msg.length === 1 && (msg[0] === CLNT_BCAST_EX || msg[0] === CLNT_UCAST_EX)) {
    return running.length ? svrResp(running.map((i) => record(serverName, i)).join("")) : undefined;
  }
  if (msg[0] === CLNT_UCAST_INST) {
    const end = msg.indexOf(0, 1);
    const name = new TextDecoder().decode(msg.subarray(1, end === -1 ? msg.length : end)).toUpperCase();
    const one = running.find((i) => i.name.toUpperCase() === name);
    const data = one ? record(serverName, one) : undefined;
    return data && data.length <= MAX_INSTANCE_RESPONSE ? svrResp(data) : undefined;
  }
  return undefined;
}

function record(serverName: string, i: BrowserInstance): string {
  const pipe = i.name.toUpperCase() === "MSSQLSERVER"
    ? `\\\\${serverName}\\pipe\\sql\\query`
    : `\\\\${serverName}\\pipe\\MSSQL$${i.name}\\sql\\query`;
  const tcp = i.tcpPort === null ? "" : `tcp;${i.tcpPort};`;
  return `ServerName;${serverName};InstanceName;${i.name};IsClustered;No;Version;${
    i.version ?? "15.0.2000.5"
  };${tcp}np;${pipe};;`;
}

function svrResp(data: string): Uint8Array {
  const bytes = new TextEncoder().encode(data);
  const out = new Uint8Array(3 + bytes.length);
  out[0] = SVR_RESP;
  new DataView(out.buffer).setUint16(1, bytes.length, true);
  out.set(bytes, 3);
  return out;
}
