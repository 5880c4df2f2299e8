/**
 * Running a connection's requests: SQL batches and sp_executesql RPCs (through faults, the request log
 * and the handler), the statements the simulator answers itself, transactions (TRANSACTION_MANAGER and
 * BEGIN TRAN/COMMIT/ROLLBACK batches) and ATTENTION.
 * @module
 */

import type { ByteWriter } from "./bytes.ts";
import { type QueryResult, SqlError, type SqlParam, type TdsServerOptions } from "./contract.ts";
import { decodeTransactionManager, TmRequest } from "./decode.ts";
import { controlStatements, isValidationQuery, queryName } from "./query.ts";
import {
  AttentionError,
  type RequestKind,
  Responder,
  type Send,
  sendAttentionAck,
  writeError,
  writeResult,
  writeRowsThenError,
} from "./respond.ts";
import { DoneStatus, EnvChange, Token, writeDone, writeEnvChange } from "./tokens.ts";

export interface DecodedRequest {
  sql: string;
  params: SqlParam[];
  /** RPC only: the procedure called. */
  proc?: string;
}

const VALIDATION_RESULT: QueryResult = {
  resultSets: [{ columns: [{ name: "", type: "int" }], rows: [[1]] }],
};

export class RequestRunner {
  readonly #options: TdsServerOptions;
  readonly #spid: number;
  readonly #send: Send;
  readonly #packetSize: () => number;
  readonly #drop: () => void;
  #active?: AbortController;
  #transaction?: Uint8Array;
  #transactions = 0;

  constructor(
    options: TdsServerOptions,
    spid: number,
    send: Send,
    packetSize: () => number,
    drop: () => void,
  ) {
    this.#options = options;
    this.#spid = spid;
    this.#send = send;
    this.#packetSize = packetSize;
    this.#drop = drop;
  }

  /** Aborts the running handler (server shutdown). */
  abort(): void {
    this.#active?.abort();
  }

  /**
   * ATTENTION arrived. With a request running, it is aborted and answers the attention itself; with
   * requests still queued (`defer`), returns false so the caller queues the attention behind them;
   * otherwise the acknowledgement goes out at once.
   */
  attention(defer: boolean): boolean {
    if (this.#active) {
      this.#active.abort();
      return true;
    }
    if (defer) return false;
    void sendAttentionAck(this.#send, this.#packetSize(), this.#spid);
    return true;
  }

  async run(kind: RequestKind, decode: () => DecodedRequest): Promise<void> {
    const r = new Responder(this.#send, this.#packetSize(), this.#spid);
    let request: DecodedRequest;
    try {
      request = decode();
    } catch (err) {
      writeError(r.w, new SqlError(`Malformed request: ${(err as Error).message}`, 50000, 1, 16), kind);
      return void r.end();
    }
    if (kind === "rpc") {
      if (request.proc !== "sp_executesql") {
        writeError(
          r.w,
          new SqlError(`Could not find stored procedure '${request.proc}'.`, 2812, 62, 16),
          kind,
        );
        return void r.end();
      }
      const [stmt, , ...user] = request.params;
      if (typeof stmt?.value !== "string") {
        writeError(
          r.w,
          new SqlError("Procedure expects parameter '@statement' of type 'ntext/nchar/nvarchar'.", 214),
          kind,
        );
        return void r.end();
      }
      request = { sql: stmt.value, params: user };
    } else {
      const control = controlStatements(request.sql);
      if (control) {
        this.#control(r.w, control);
        return void r.end();
      }
    }
    if (isValidationQuery(request.sql)) {
      await writeResult(r, VALIDATION_RESULT, kind);
      return void r.end();
    }
    await this.#handle(kind, request);
  }

  async #handle(kind: RequestKind, request: DecodedRequest): Promise<void> {
    const { faults, log, handler } = this.#options;
    const name = queryName(request.sql);
    const params = new Map(request.params.map((p) => [p.name.toLowerCase(), p] as const));
    const fault = faults?.take(name, ["error", "drop"]);
    log?.add({
      name,
      input: Object.fromEntries([...params].map(([k, p]) => [k, p.value])),
      fault: fault?.kind,
      status: 0,
    });
    const abort = new AbortController();
    this.#active = abort;
    const r = new Responder(this.#send, this.#packetSize(), this.#spid, abort.signal);
    try {
      await untilAborted(faults?.delay(), abort.signal);
      const injected = fault?.kind === "error"
        ? new SqlError(
          fault.detail ?? `Simulated SQL error in ${name}`,
          fault.sql?.number,
          fault.sql?.state,
          fault.sql?.severity,
        )
        : undefined;
      if (injected && !fault?.sql?.afterRows) throw injected;
      const result = await untilAborted<QueryResult>(
        Promise.resolve().then(() =>
          handler({
            sql: request.sql,
            params,
            inTransaction: this.#transaction !== undefined,
            signal: abort.signal,
          })
        ),
        abort.signal,
      );
      if (!result || !Array.isArray(result.resultSets)) {
        throw new Error(`handler returned no QueryResult for ${name}`);
      }
      if (injected) writeRowsThenError(r, result, injected, kind);
      else await writeResult(r, result, kind);
    } catch (err) {
      if (err instanceof AttentionError || abort.signal.aborted) {
        this.#active = undefined;
        return await r.endWithAttention();
      }
      writeError(r.w, err, kind);
    }
    this.#active = undefined;
    if (fault?.kind === "drop") {
      const bytes = r.endToBytes();
      await this.#send(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
      return this.#drop();
    }
    await r.end();
  }

  /** SET options and BEGIN/COMMIT/ROLLBACK in a batch: no handler, just the transaction ENVCHANGEs. */
  #control(w: ByteWriter, statements: ReturnType<typeof controlStatements> & object): void {
    for (const s of statements) {
      if (s.kind === "begin") this.#begin(w);
      else if (s.kind !== "set" && !this.#end(w, s.kind)) return;
    }
    writeDone(w, Token.DONE, DoneStatus.FINAL);
  }

  transactionManager(payload: Uint8Array): Promise<void> | undefined {
    const r = new Responder(this.#send, this.#packetSize(), this.#spid);
    const tm = decodeTransactionManager(payload);
    if (tm.request === TmRequest.BEGIN) {
      this.#begin(r.w);
    } else if (tm.request === TmRequest.COMMIT || tm.request === TmRequest.ROLLBACK) {
      if (!this.#end(r.w, tm.request === TmRequest.COMMIT ? "commit" : "rollback")) return r.end();
      if (tm.beginAgain) this.#begin(r.w);
    } else if (tm.request !== TmRequest.SAVE) {
      writeError(r.w, new SqlError(`Unsupported transaction manager request ${tm.request}.`), "batch");
      return r.end();
    }
    writeDone(r.w, Token.DONE, DoneStatus.FINAL);
    return r.end();
  }

  #begin(w: ByteWriter): void {
    const descriptor = new Uint8Array(8);
    new DataView(descriptor.buffer).setBigUint64(
      0,
      BigInt(++this.#transactions) << 16n | BigInt(this.#spid),
      true,
    );
    writeEnvChange(w, EnvChange.BEGIN_TRAN, descriptor, new Uint8Array(0));
    this.#transaction = descriptor;
  }

  /** Writes the COMMIT/ROLLBACK ENVCHANGE, or an error + DONE when no transaction is open. */
  #end(w: ByteWriter, kind: "commit" | "rollback"): boolean {
    const old = this.#transaction;
    if (!old) {
      const verb = kind === "commit" ? "COMMIT" : "ROLLBACK";
      const message = `The ${verb} TRANSACTION request has no corresponding BEGIN TRANSACTION.`;
      writeError(w, new SqlError(message, kind === "commit" ? 3902 : 3903, 1, 16), "batch");
      return false;
    }
    this.#transaction = undefined;
    writeEnvChange(
      w,
      kind === "commit" ? EnvChange.COMMIT_TRAN : EnvChange.ROLLBACK_TRAN,
      new Uint8Array(0),
      old,
    );
    return true;
  }
}

/** Resolves like `p`, or rejects with AttentionError as soon as `signal` aborts. */
function untilAborted<T>(p: Promise<T> | undefined, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.reject(new AttentionError());
  if (!p) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => reject(new AttentionError());
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
