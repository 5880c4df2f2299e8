/**
 * Writing one response message: tokens go into a byte writer, whole tokens are framed into packets in
 * ~32 KiB steps (so a 20 000-row result is a few dozen socket writes and ATTENTION is noticed between
 * them), and query results and errors become the token sequences SQL Server sends for an RPC
 * (sp_executesql) or a SQL batch.
 * @module
 */

import { ByteWriter } from "./bytes.ts";
import { type QueryResult, SqlError } from "./contract.ts";
import { frameMessage, MessageFramer, PacketType } from "./packets.ts";
import {
  CurCmd,
  DoneStatus,
  Token,
  writeColMetadata,
  writeDone,
  writeMessage,
  writeReturnStatus,
  writeRow,
} from "./tokens.ts";
import { columnEncoder } from "./types.ts";
import { errorMessage } from "../error_message.ts";

/** Writes bytes to the client in order; returns a promise only when it is worth waiting for a drain. */
export type Send = (bytes: Uint8Array) => Promise<void> | undefined;

export type RequestKind = "rpc" | "batch";

export const SERVER_NAME = "NEBIMSIM";

const FLUSH_AT = 32 * 1024;

/** Thrown out of a response when the client sent ATTENTION. */
export class AttentionError extends Error {
  constructor() {
    super("cancelled by ATTENTION");
    this.name = "AttentionError";
  }
}

export class Responder {
  readonly w = new ByteWriter(16 * 1024);
  readonly #framer: MessageFramer;
  readonly #send: Send;
  readonly #packetSize: number;
  readonly #spid: number;
  readonly #signal: AbortSignal | undefined;

  constructor(send: Send, packetSize: number, spid: number, signal?: AbortSignal) {
    this.#send = send;
    this.#packetSize = packetSize;
    this.#spid = spid;
    this.#signal = signal;
    this.#framer = new MessageFramer(PacketType.REPLY, packetSize, spid);
  }

  /** Sends the complete packets of the tokens written so far once enough piled up. */
  async flush(): Promise<void> {
    if (this.#signal?.aborted) throw new AttentionError();
    if (this.w.length < FLUSH_AT) return;
    this.#framer.write(this.w.toBytes());
    this.w.reset();
    const out = this.#framer.flush();
    if (out.length > 0) await this.#send(out);
    if (this.#signal?.aborted) throw new AttentionError();
  }

  /** Sends the rest, the last packet marked END_OF_MESSAGE. The write itself happens synchronously. */
  end(): Promise<void> | undefined {
    this.#framer.write(this.w.toBytes());
    this.w.reset();
    return this.#send(this.#framer.end());
  }

  /** The whole message as bytes, for the "drop" fault (which sends only part of it). */
  endToBytes(): Uint8Array {
    this.#framer.write(this.w.toBytes());
    this.w.reset();
    return this.#framer.end();
  }

  /**
   * After ATTENTION: drops the tokens not yet sent, closes this message with a DONE, and sends the
   * acknowledgement (DONE with the ATTN bit) as a message of its own, which tedious reads separately.
   */
  endWithAttention(): Promise<void> | undefined {
    this.w.reset();
    writeDone(this.w, Token.DONE, DoneStatus.FINAL);
    this.end();
    return sendAttentionAck(this.#send, this.#packetSize, this.#spid);
  }
}

export function sendAttentionAck(send: Send, packetSize: number, spid: number): Promise<void> | undefined {
  const ack = new ByteWriter(16);
  writeDone(ack, Token.DONE, DoneStatus.ATTN);
  return send(frameMessage(PacketType.REPLY, ack.view(), packetSize, spid));
}

/** Tokens for a handler's result: per set COLMETADATA, ROWs, DONE(INPROC); then the RPC's tail. */
export async function writeResult(r: Responder, result: QueryResult, kind: RequestKind): Promise<void> {
  // Compile every column first so a bad column definition fails before anything is sent.
  const sets = result.resultSets.map((rs) => ({
    rows: rs.rows,
    columns: rs.columns.map((c) => columnEncoder(c)),
  }));
  const w = r.w;
  for (let i = 0; i < sets.length; i++) {
    const { rows, columns } = sets[i]!;
    writeColMetadata(w, columns);
    for (const row of rows) {
      const mark = w.length;
      try {
        writeRow(w, columns, row);
      } catch (err) {
        w.truncate(mark); // never leave half a ROW token in the stream
        throw err;
      }
      if (w.length >= FLUSH_AT) await r.flush();
    }
    const last = i === sets.length - 1 && result.rowsAffected === undefined;
    if (kind === "rpc") {
      writeDone(w, Token.DONEINPROC, DoneStatus.MORE | DoneStatus.COUNT, CurCmd.SELECT, rows.length);
    } else {writeDone(
        w,
        Token.DONE,
        (last ? 0 : DoneStatus.MORE) | DoneStatus.COUNT,
        CurCmd.SELECT,
        rows.length,
      );}
  }
  if (result.rowsAffected !== undefined) {
    const token = kind === "rpc" ? Token.DONEINPROC : Token.DONE;
    const more = kind === "rpc" ? DoneStatus.MORE : 0;
    writeDone(w, token, more | DoneStatus.COUNT, CurCmd.INSERT, result.rowsAffected);
  } else if (sets.length === 0 && kind === "batch") {
    writeDone(w, Token.DONE, DoneStatus.FINAL);
  }
  if (kind === "rpc") {
    writeReturnStatus(w, 0);
    writeDone(w, Token.DONEPROC, DoneStatus.FINAL, CurCmd.EXECUTE);
  }
}

/** ERROR token + the closing DONE / DONEPROC with the error bit. */
export function writeError(w: ByteWriter, err: unknown, kind: RequestKind): void {
  const e = err instanceof SqlError ? err : new SqlError(errorMessage(err), 50000, 1, 16);
  writeMessage(w, {
    number: e.number,
    state: e.state,
    severity: e.severity,
    message: e.message,
    server: SERVER_NAME,
  });
  writeDone(w, kind === "rpc" ? Token.DONEPROC : Token.DONE, DoneStatus.ERROR);
}

/**
 * A statement that fails mid-scan, as SQL Server answers it: the first result set's columns and the half of
 * its rows read before the failure, then the ERROR token and the closing DONE with the error bit.
 */
export function writeRowsThenError(
  r: Responder,
  result: QueryResult,
  err: SqlError,
  kind: RequestKind,
): void {
  const set = result.resultSets[0];
  if (set) {
    const columns = set.columns.map((c) => columnEncoder(c));
    writeColMetadata(r.w, columns);
    for (const row of set.rows.slice(0, Math.ceil(set.rows.length / 2))) writeRow(r.w, columns, row);
  }
  writeError(r.w, err, kind);
}
