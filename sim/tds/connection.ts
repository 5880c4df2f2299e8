/**
 * One client connection: PRELOGIN (and the in-band TLS handshake), LOGIN7, then requests one at a time.
 * ATTENTION is handled the moment it arrives, even while a request runs, since that is its purpose.
 * @module
 */

import type { Socket } from "node:net";
import type { ByteWriter } from "./bytes.ts";
import { codePageOf, TURKISH_CI_AS } from "./codepage.ts";
import { ciKey } from "../nebim/handlers/collate.ts";
import type { TdsServerOptions } from "./contract.ts";
import { decodeLogin7, decodeSqlBatch, Encrypt, preloginEncryption, preloginReply } from "./decode.ts";
import {
  DEFAULT_PACKET_SIZE,
  frameMessage,
  MAX_PACKET_SIZE,
  type Message,
  PacketReader,
  PacketType,
  Status,
} from "./packets.ts";
import { RequestRunner } from "./requests.ts";
import { Responder, SERVER_NAME } from "./respond.ts";
import { TlsFront } from "./tls.ts";
import {
  DoneStatus,
  EnvChange,
  Token,
  writeDone,
  writeEnvChange,
  writeLoginAck,
  writeMessage,
} from "./tokens.ts";
import { decodeRpc } from "./rpc.ts";

/** SQL Server 2019 (15.0.2000), as reported in PRELOGIN and LOGINACK. */
const VERSION: [number, number, number] = [15, 0, 2000];
const PROG_NAME = "Microsoft SQL Server";
/** varchar parameters without their own collation are in the server collation's code page. */
const SERVER_CODE_PAGE = codePageOf(TURKISH_CI_AS);

type State = "prelogin" | "tls" | "login" | "ready" | "closed";

export class TdsConnection {
  readonly #socket: Socket;
  readonly #options: TdsServerOptions;
  readonly #spid: number;
  readonly #reader = new PacketReader();
  readonly #queue: Message[] = [];
  readonly #requests: RequestRunner;
  #tls?: TlsFront;
  #state: State = "prelogin";
  #packetSize = DEFAULT_PACKET_SIZE;
  #busy = false;
  #destroyed = false;
  readonly closed: Promise<void>;

  constructor(socket: Socket, options: TdsServerOptions, spid: number) {
    this.#socket = socket;
    this.#options = options;
    this.#spid = spid;
    this.#requests = new RequestRunner(
      options,
      spid,
      (b) => this.#send(b),
      () => this.#packetSize,
      () => this.#drop(),
    );
    this.closed = new Promise((resolve) => socket.once("close", () => resolve()));
    socket.on("data", (chunk: Uint8Array) => this.#onRaw(chunk));
    socket.on("error", () => this.destroy());
    socket.on("close", () => this.destroy());
  }

  /** Closes the socket and aborts a running request. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#state = "closed";
    this.#requests.abort();
    this.#tls?.destroy();
    this.#socket.destroy();
  }

  /** The "drop" fault: stop answering and close after what was written (part of an answer) goes out. */
  #drop(): void {
    this.#state = "closed";
    this.#requests.abort();
    this.#socket.end();
  }

  #onRaw(chunk: Uint8Array): void {
    if (this.#tls?.open) this.#tls.feedEncrypted(chunk);
    else this.#onTds(chunk);
  }

  #onTds(chunk: Uint8Array): void {
    if (this.#state === "closed") return;
    let messages: Message[];
    try {
      messages = this.#reader.feed(chunk);
    } catch {
      return this.destroy(); // framing lost: nothing sensible can follow
    }
    for (const m of messages) {
      if (m.type === PacketType.ATTENTION && this.#requests.attention(this.#busy || this.#queue.length > 0)) {
        continue;
      }
      this.#queue.push(m);
    }
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      while (this.#queue.length > 0 && this.#state !== "closed") await this.#dispatch(this.#queue.shift()!);
    } catch {
      this.destroy();
    } finally {
      this.#busy = false;
    }
  }

  /** Writes to the client (through TLS once it is up); resolves when a full socket buffer drains. */
  #send(bytes: Uint8Array): Promise<void> | undefined {
    if (this.#state === "closed") return undefined;
    if (this.#tls?.open) return this.#tls.write(bytes);
    return this.#rawWrite(bytes);
  }

  #rawWrite(bytes: Uint8Array): Promise<void> | undefined {
    if (this.#socket.destroyed) return undefined;
    if (this.#socket.write(bytes)) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        this.#socket.off("drain", done);
        this.#socket.off("close", done);
        resolve();
      };
      this.#socket.on("drain", done);
      this.#socket.on("close", done);
    });
  }

  async #dispatch(m: Message): Promise<void> {
    if (m.type === PacketType.ATTENTION) return void this.#requests.attention(false);
    if (m.status & Status.IGNORE) return void this.#reply((w) => writeDone(w, Token.DONE, DoneStatus.FINAL));
    switch (this.#state) {
      case "prelogin":
        if (m.type === PacketType.PRELOGIN) return this.#prelogin(m.payload);
        if (m.type === PacketType.LOGIN7) return this.#login(m.payload);
        return this.destroy();
      case "tls":
        if (m.type !== PacketType.PRELOGIN) return this.destroy();
        return await this.#tlsHandshake(m.payload);
      case "login":
        if (m.type !== PacketType.LOGIN7) return this.destroy();
        return this.#login(m.payload);
      case "ready":
        return await this.#request(m);
    }
  }

  #prelogin(payload: Uint8Array): void {
    const client = preloginEncryption(payload);
    let answer: number = Encrypt.NOT_SUP;
    if (this.#options.tls) answer = client === Encrypt.NOT_SUP ? Encrypt.REQ : Encrypt.ON;
    void this.#rawWrite(
      frameMessage(PacketType.REPLY, preloginReply(answer, VERSION), this.#packetSize, this.#spid),
    );
    if (answer === Encrypt.ON) {
      this.#state = "tls";
      this.#tls = new TlsFront(this.#options.tls!, {
        sendRaw: (b) => !this.#socket.destroyed && this.#socket.write(b),
        cleartext: (b) => this.#onTds(b),
        error: () => this.destroy(),
      });
    } else if (answer === Encrypt.NOT_SUP) {
      this.#state = "login";
    }
    // Encrypt.REQ to a client that cannot encrypt: it gives up and closes.
  }

  async #tlsHandshake(payload: Uint8Array): Promise<void> {
    const { flight, done } = await this.#tls!.handshake(payload);
    // The flight goes out wrapped in PRELOGIN packets even when it completes the handshake.
    void this.#rawWrite(frameMessage(PacketType.PRELOGIN, flight, this.#packetSize, this.#spid));
    if (done) this.#state = "login";
  }

  #login(payload: Uint8Array): void {
    const login = decodeLogin7(payload);
    const o = this.#options;
    const loginFailed = {
      number: 18456,
      severity: 14,
      message: `Login failed for user '${login.userName}'.`,
    };
    const fail = (...errors: { number: number; severity: number; message: string }[]) => {
      this.#reply((w) => {
        for (const e of errors) writeMessage(w, { ...e, state: 1, server: SERVER_NAME });
        writeDone(w, Token.DONE, DoneStatus.ERROR);
      });
      // Nothing more is accepted; the client closes (closing first would race its reading of the error).
      this.#state = "closed";
    };
    if (!sameName(login.userName, o.user) || login.password !== o.password) {
      return fail(loginFailed);
    }
    if (o.scriptUpgrade) {
      const reason = "Server is in script upgrade mode. Only administrator can connect at this time.";
      return fail({
        number: 18401,
        severity: 14,
        message: `Login failed for user '${login.userName}'. Reason: ${reason}`,
      });
    }
    // Only once the password is right does SQL Server say that its policy refuses it.
    if (o.passwordPolicy) {
      const [number, reason] = o.passwordPolicy === "expired"
        ? [18487, "The password of the account has expired."]
        : [18488, "The password of the account must be changed."];
      return fail({
        number,
        severity: 14,
        message: `Login failed for user '${login.userName}'. Reason: ${reason}`,
      });
    }
    // A database the login cannot open (another one, or this one without a user for the login in it): SQL
    // Server says why, then that the login failed; tedious reports the last message, SSMS both.
    const open = (db: string) => sameName(db, o.database) && o.userInDatabase !== false && !o.restoring;
    if (!login.database) {
      const fallback = o.defaultDatabase ?? o.database;
      if (!open(fallback)) {
        return fail(
          { number: 4064, severity: 11, message: "Cannot open user default database. Login failed." },
          loginFailed,
        );
      }
    } else if (!open(login.database)) {
      const message = `Cannot open database "${login.database}" requested by the login. The login failed.`;
      return fail({ number: 4060, severity: 11, message }, loginFailed);
    }
    const asked = login.packetSize || DEFAULT_PACKET_SIZE;
    const granted = Math.max(512, Math.min(MAX_PACKET_SIZE, o.packetSize ?? asked));
    this.#reply((w) => {
      writeEnvChange(w, EnvChange.DATABASE, o.database, "master");
      writeMessage(w, info(5701, `Changed database context to '${o.database}'.`));
      writeEnvChange(w, EnvChange.COLLATION, TURKISH_CI_AS, new Uint8Array(0));
      writeEnvChange(w, EnvChange.LANGUAGE, "us_english", "");
      writeMessage(w, info(5703, "Changed language setting to us_english."));
      writeLoginAck(w, PROG_NAME, VERSION);
      writeEnvChange(w, EnvChange.PACKET_SIZE, String(granted), String(asked));
      writeDone(w, Token.DONE, DoneStatus.FINAL);
    });
    this.#packetSize = granted;
    this.#state = "ready";
  }

  async #request(m: Message): Promise<void> {
    switch (m.type) {
      case PacketType.SQL_BATCH:
        return await this.#requests.run("batch", () => ({ sql: decodeSqlBatch(m.payload), params: [] }));
      case PacketType.RPC:
        return await this.#requests.run("rpc", () => {
          const call = decodeRpc(m.payload, SERVER_CODE_PAGE);
          return { proc: call.proc, sql: "", params: call.params };
        });
      case PacketType.TRANSACTION_MANAGER:
        return this.#requests.transactionManager(m.payload);
      default:
        return void this.#reply((w) => {
          writeMessage(w, error(`Unsupported TDS message type 0x${m.type.toString(16)}.`));
          writeDone(w, Token.DONE, DoneStatus.ERROR);
        });
    }
  }

  /** A small one-message reply. */
  #reply(write: (w: ByteWriter) => void): Promise<void> | undefined {
    const r = new Responder((b) => this.#send(b), this.#packetSize, this.#spid);
    write(r.w);
    return r.end();
  }
}

function info(number: number, message: string) {
  return { number, state: 1, severity: 0, message, server: SERVER_NAME };
}

function error(message: string) {
  return { number: 50000, state: 1, severity: 16, message, server: SERVER_NAME };
}

/**
 * A login's or a database's name against the server's: SQL Server looks both up in its catalogue under the
 * server collation, Turkish_CI_AS as Nebim installs it, where case does not count but i and I are two letters
 * (İ and ı are their capital and small): "NebimV3" does not open NEBIMV3.
 */
function sameName(a: string, b: string): boolean {
  return ciKey(a) === ciKey(b);
}
