/**
 * Finds a named instance's TCP port by asking SQL Server Browser (SSRP, UDP 1434 on the SQL Server's host).
 * The pool asks here before tedious does (tedious asks again for each connection it opens): tedious reports
 * a silent browser as a plain connect timeout, indistinguishable from a TCP port that does not answer, after
 * the whole connect timeout, and an unlisted instance without the names the browser did list. Here each
 * failure is its own IntegrationError saying what to change, and the caller learns the port.
 * @module
 */

import { createSocket } from "node:dgram";
import { isIPv6 } from "node:net";
import { IntegrationError } from "../../errors.ts";

export const SQL_BROWSER_PORT = 1434;

export interface ListedInstance {
  name: string;
  /** Null when the instance is listed without TCP/IP (named pipes only). */
  tcpPort: number | null;
}

export interface InstanceLookupOptions {
  /** The whole lookup's budget (the connect timeout); each of the three attempts waits a third, at most 1 s. */
  timeoutMs: number;
  /** Tests only: the browser's port (clients always use 1434). */
  browserPort?: number;
}

const SYSTEM = "nebim-sql";
const ATTEMPTS = 3;
const MAX_ATTEMPT_MS = 1000;
/** CLNT_UCAST_EX: "list every instance", so an unlisted name can be answered with the names there are. */
const CLNT_UCAST_EX = 0x03;
const SVR_RESP = 0x05;

/** The TCP port of `instance` on `host`, or an IntegrationError saying why there is none. */
export async function lookupInstancePort(
  host: string,
  instance: string,
  o: InstanceLookupOptions,
): Promise<number> {
  const listed = await listInstances(host, o);
  const found = listed.find((i) => i.name.toUpperCase() === instance.toUpperCase());
  if (!found) {
    const names = listed.map((i) => i.name).join(", ") || "none";
    // Retriable: a stopped instance is not listed, and one that is starting (after a reboot) will be.
    throw new IntegrationError(
      "retriable",
      `SQL Server Browser on ${host} does not list the instance "${instance}" (it lists: ${names}); check ` +
        "nebim.sql.instanceName, and that the instance's SQL Server service is running (a stopped " +
        "instance is not listed)",
      { system: SYSTEM, subject: "nebim.sql.instanceName" },
    );
  }
  if (found.tcpPort === null) {
    throw new IntegrationError(
      "fatal",
      `SQL Server instance "${found.name}" on ${host} does not accept TCP connections: enable TCP/IP for it ` +
        "in SQL Server Configuration Manager (SQL Server Network Configuration) and restart the instance",
      { system: SYSTEM, subject: "nebim.sql.instanceName" },
    );
  }
  return found.tcpPort;
}

/** Every instance the browser on `host` lists. */
export async function listInstances(host: string, o: InstanceLookupOptions): Promise<ListedInstance[]> {
  const attemptMs = Math.max(1, Math.min(MAX_ATTEMPT_MS, Math.floor(o.timeoutMs / ATTEMPTS)));
  for (let i = 0; i < ATTEMPTS; i++) {
    // UDP may drop a datagram: ask again before concluding the browser is not there.
    const answer = await ask(host, o.browserPort ?? SQL_BROWSER_PORT, attemptMs);
    if (answer) return parseListing(host, answer);
  }
  throw new IntegrationError(
    "retriable",
    `SQL Server Browser did not answer on UDP ${SQL_BROWSER_PORT} of ${host} (the service is stopped, or a ` +
      "firewall drops UDP 1434): start the SQL Server Browser service and let UDP 1434 through, or set " +
      "nebim.sql.port to the instance's fixed TCP port and nebim.sql.instanceName to null",
    { system: SYSTEM, subject: "nebim.sql.instanceName" },
  );
}

/** One request and its answer, or undefined when none came within `waitMs`. */
function ask(host: string, port: number, waitMs: number): Promise<Uint8Array | undefined> {
  const socket = createSocket(isIPv6(host) ? "udp6" : "udp4");
  return new Promise<Uint8Array | undefined>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fail = (e: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(
        new IntegrationError(
          "retriable",
          `Nebim SQL error asking SQL Server Browser on ${host}: ${e.message}${
            e.code ? ` (${e.code})` : ""
          }; check nebim.sql.host`,
          { system: SYSTEM, subject: "nebim.sql.host", cause: { code: e.code, message: e.message } },
        ),
      );
    };
    socket.on("message", (msg) => {
      clearTimeout(timer);
      resolve(msg);
    });
    socket.on("error", fail);
    // The wait starts once the datagram has left: on a busy machine the send may take longer than a short
    // wait, and the socket closed before it would count an attempt that never went out.
    socket.send(new Uint8Array([CLNT_UCAST_EX]), port, host, (e) => {
      if (e) return fail(e);
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
  }).finally(() => socket.close());
}

/** The instances in an SVR_RESP: records `key;value;…;;`, of which InstanceName and tcp matter. */
export function parseListing(host: string, msg: Uint8Array): ListedInstance[] {
  const size = msg.length >= 3 ? msg[1]! | (msg[2]! << 8) : -1;
  if (msg[0] !== SVR_RESP || size !== msg.length - 3) {
    throw new IntegrationError(
      "retriable",
      `SQL Server Browser on ${host} answered with something that is not an SSRP listing (UDP ${SQL_BROWSER_PORT}` +
        " may belong to another service)",
      { system: SYSTEM, subject: "nebim.sql.host" },
    );
  }
  // RESP_DATA is in the server's ANSI code page; instance names are ASCII letters, digits, _ and $.
  const text = new TextDecoder("latin1").decode(msg.subarray(3));
  const listed: ListedInstance[] = [];
  for (const rec of text.split(";;")) {
    const parts = rec.split(";");
    const fields = new Map<string, string>();
    for (let p = 0; p + 1 < parts.length; p += 2) fields.set(parts[p]!, parts[p + 1]!);
    const name = fields.get("InstanceName");
    if (!name) continue;
    const tcp = Number(fields.get("tcp"));
    listed.push({ name, tcpPort: Number.isInteger(tcp) && tcp > 0 && tcp < 65536 ? tcp : null });
  }
  return listed;
}
