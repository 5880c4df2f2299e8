/**
 * Server side of TDS's in-band TLS. During PRELOGIN the TLS handshake travels inside PRELOGIN packets:
 * each client message carries one handshake flight and gets exactly one message back with the server's
 * flight. After the handshake, TLS records flow raw on the socket and carry the TDS packets.
 *
 * A node:tls TLSSocket({isServer}) runs over an in-memory Duplex. Knowing when a server flight is
 * complete matters: Node emits 'secure' *before* it writes its ChangeCipherSpec + Finished, and that
 * flight must still go out wrapped. So the flight is read record by record: it is complete at
 * ServerHelloDone (first flight) or at the encrypted Finished after ChangeCipherSpec (last flight).
 * TLS is capped at 1.2, as tedious (and SQL Server before TDS 8) use it.
 * @module
 */

import { Duplex } from "node:stream";
import * as tls from "node:tls";
import { concatBytes } from "./bytes.ts";

const RECORD_CCS = 20;
const RECORD_ALERT = 21;
const RECORD_HANDSHAKE = 22;
const HS_SERVER_HELLO_DONE = 14;

export interface TlsFrontEvents {
  /** Encrypted bytes for the socket, once the handshake is over. */
  sendRaw(bytes: Uint8Array): boolean;
  /** Decrypted TDS bytes from the client. */
  cleartext(bytes: Uint8Array): void;
  error(err: Error): void;
}

export class TlsFront {
  readonly #duplex: Duplex;
  readonly #socket: tls.TLSSocket;
  readonly #events: TlsFrontEvents;
  #open = false;
  #secure = false;
  #flight: Uint8Array[] = [];
  #flightDone?: (done: boolean) => void;
  #secureWaiter?: () => void;
  #failed?: Error;

  constructor(credentials: { cert: string; key: string }, events: TlsFrontEvents) {
    this.#events = events;
    this.#duplex = new Duplex({
      read() {},
      write: (chunk: Uint8Array, _encoding, callback) => {
        this.#encryptedOut(chunk);
        callback();
      },
    });
    const secureContext = tls.createSecureContext({
      cert: credentials.cert,
      key: credentials.key,
      minVersion: "TLSv1.2",
      maxVersion: "TLSv1.2",
    });
    this.#socket = new tls.TLSSocket(this.#duplex, { isServer: true, secureContext });
    this.#socket.on("secure", () => {
      this.#secure = true;
      this.#secureWaiter?.();
    });
    this.#socket.on("data", (chunk: Uint8Array) => events.cleartext(chunk));
    this.#socket.on("error", (err: Error) => this.#fail(err));
  }

  /** True once the handshake is over and the socket carries raw TLS. */
  get open(): boolean {
    return this.#open;
  }

  /**
   * Feeds one client handshake flight; resolves with the server's flight to wrap in a PRELOGIN reply
   * and whether the handshake is now complete (then raw TLS follows at once).
   */
  async handshake(clientFlight: Uint8Array): Promise<{ flight: Uint8Array; done: boolean }> {
    if (this.#failed) throw this.#failed;
    const flightDone = new Promise<boolean>((resolve) => (this.#flightDone = resolve));
    this.#duplex.push(clientFlight);
    const done = await flightDone;
    if (done && !this.#secure) await new Promise<void>((resolve) => (this.#secureWaiter = resolve));
    if (this.#failed && !done) throw this.#failed;
    const flight = concatBytes(this.#flight);
    this.#flight = [];
    if (done) this.#open = true;
    return { flight, done };
  }

  /** Raw socket bytes after the handshake. */
  feedEncrypted(bytes: Uint8Array): void {
    this.#duplex.push(bytes);
  }

  /** Encrypts TDS bytes; resolves when the TLS socket can take more. */
  write(bytes: Uint8Array): Promise<void> | undefined {
    if (this.#socket.write(bytes)) return undefined;
    return new Promise((resolve) => this.#socket.once("drain", () => resolve()));
  }

  destroy(): void {
    this.#fail(new Error("connection closed"));
    this.#socket.destroy();
    this.#duplex.destroy();
  }

  #fail(err: Error): void {
    if (this.#failed) return;
    this.#failed = err;
    this.#flightDone?.(false);
    this.#secureWaiter?.();
    if (err.message !== "connection closed") this.#events.error(err);
  }

  #encryptedOut(chunk: Uint8Array): void {
    if (this.#open) {
      this.#events.sendRaw(chunk);
      return;
    }
    this.#flight.push(chunk);
    const state = flightState(concatBytes(this.#flight));
    if (state !== "partial") {
      const resolve = this.#flightDone;
      this.#flightDone = undefined;
      resolve?.(state === "final");
    }
  }
}

/** Whether a server flight so far is incomplete, complete (more to come), or the last one. */
function flightState(bytes: Uint8Array): "partial" | "complete" | "final" {
  let p = 0;
  let afterCcs = false;
  const handshake: Uint8Array[] = [];
  while (p + 5 <= bytes.length) {
    const type = bytes[p]!;
    const length = (bytes[p + 3]! << 8) | bytes[p + 4]!;
    if (p + 5 + length > bytes.length) return "partial";
    const body = bytes.subarray(p + 5, p + 5 + length);
    p += 5 + length;
    if (type === RECORD_ALERT) return "complete";
    if (type === RECORD_CCS) afterCcs = true;
    else if (type === RECORD_HANDSHAKE && afterCcs) return "final";
    else if (type === RECORD_HANDSHAKE) handshake.push(body);
  }
  // Plaintext handshake messages (type u8, length u24) may span records: look for ServerHelloDone.
  const hs = concatBytes(handshake);
  for (let q = 0; q + 4 <= hs.length;) {
    if (hs[q] === HS_SERVER_HELLO_DONE) return "complete";
    q += 4 + ((hs[q + 1]! << 16) | (hs[q + 2]! << 8) | hs[q + 3]!);
  }
  return "partial";
}
