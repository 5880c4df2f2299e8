/**
 * Faults on demand for the three simulators, and the log of requests each one served. A test either
 * queues a fault for the next matching request(s) (deterministic) or sets a rate (seeded, for demos and
 * soak runs). Which faults a simulator honours is its own business: the TDS server knows "error",
 * "drop" and "latency"; the HTTP ones also "5xx", "429", for the Integrator "timeoutAfterCommit" and for
 * Qukasoft "gatewayTimeout", "errorIn200", "emptyBody" and "partialAnswer".
 * @module
 */

import { Random } from "./random.ts";

export type FaultKind =
  /** The system's own error form: an SQL ERROR token, Nebim's HTTP 200 + ExceptionMessage, a 4xx. */
  | "error"
  /** HTTP 500/502/503. */
  | "5xx"
  /** HTTP 429 with Retry-After. */
  | "429"
  /** The connection is dropped in the middle of the answer. */
  | "drop"
  /** The Integrator saves the document, then the connection dies before the answer. */
  | "timeoutAfterCommit"
  /** The proxy in front of the store gives up waiting (HTTP 504) while the store goes on and applies it. */
  | "gatewayTimeout"
  /** The store's own error form inside HTTP 200 (`{"code": 500, "message": …}`); nothing is applied. */
  | "errorIn200"
  /** The store applies the request, then dies before its answer: HTTP 200 with an empty body (PHP's fatal). */
  | "emptyBody"
  /** The store applies a write but its answer's list leaves out the last item's result. */
  | "partialAnswer";

export interface QueuedFault {
  kind: FaultKind;
  /** Only requests whose name (path, command or query name) contains this text. */
  match?: string;
  /** Only requests whose body contains this text: one of several alike requests, in whatever order. */
  carrying?: string;
  /** How many matching requests get it. */
  times: number;
  /** Free detail for the simulator, e.g. an error message or a Retry-After value. */
  detail?: string;
  /** The TDS server's "error" as SQL Server raises it (sim/tds/requests.ts); default 50000, state 1, class 16. */
  sql?: SqlFault;
}

export interface SqlFault {
  number: number;
  state?: number;
  /** SQL Server's class (severity): 13 a deadlock victim, 16 most statement errors. */
  severity?: number;
  /**
   * Raised mid-scan, as a deadlock victim or a conversion error often is: the first half of the answer's
   * first result set goes out before the ERROR token.
   */
  afterRows?: boolean;
}

export interface RequestLogEntry {
  /** Milliseconds since the simulator started (its own clock). */
  at: number;
  /** Path, command or query name. */
  name: string;
  /** Parameters or body as the simulator decoded them (secrets included: this is a test double). */
  input?: unknown;
  /** The fault applied, if any. */
  fault?: FaultKind;
  /** HTTP status, or 0 for the TDS server. */
  status?: number;
}

export class FaultInjector {
  /** Added before every answer, in ms. */
  latencyMs = 0;
  /** Probability per request of each fault kind (checked in a fixed order). */
  rates: Partial<Record<FaultKind, number>> = {};
  #queue: QueuedFault[] = [];
  #random: Random;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: { seed?: number; sleep?: (ms: number) => Promise<void> } = {}) {
    this.#random = new Random(options.seed ?? 1);
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Queues `kind` for the next `times` requests whose name contains `match` (all requests if omitted). */
  once(
    kind: FaultKind,
    options: { match?: string; carrying?: string; times?: number; detail?: string; sql?: SqlFault } = {},
  ): this {
    this.#queue.push({ ...options, kind, times: options.times ?? 1 });
    return this;
  }

  /** Removes every queued fault and rate, and the latency. */
  clear(): void {
    this.#queue = [];
    this.rates = {};
    this.latencyMs = 0;
  }

  /**
   * Decides the fault for one request (consuming a queued one), or undefined for a clean answer. `body` is
   * the request's body as text, for a fault `carrying` something (none matches a simulator that gives none).
   */
  take(name: string, allowed: readonly FaultKind[], body?: string): QueuedFault | undefined {
    const i = this.#queue.findIndex((f) =>
      allowed.includes(f.kind) && (!f.match || name.includes(f.match)) &&
      (f.carrying === undefined || (body?.includes(f.carrying) ?? false))
    );
    if (i >= 0) {
      const f = this.#queue[i]!;
      if (--f.times <= 0) this.#queue.splice(i, 1);
      return { ...f, times: 1 };
    }
    for (const kind of allowed) {
      const p = this.rates[kind];
      if (p && this.#random.chance(p)) return { kind, times: 1 };
    }
    return undefined;
  }

  /** Waits the configured latency (no timer at all when it is 0). */
  async delay(): Promise<void> {
    if (this.latencyMs > 0) await this.#sleep(this.latencyMs);
  }
}

/** A bounded log of served requests, for tests to assert on. */
export class RequestLog {
  #entries: RequestLogEntry[] = [];
  readonly #start = performance.now();
  /**
   * Called with each request as it is logged: before its answer leaves (an HTTP simulator has done the
   * work by then; the TDS server is about to run the query). A test acts here at an exact moment, e.g.
   * stops the agent right after the store applied a write.
   */
  onRequest?: (entry: RequestLogEntry) => void;
  constructor(readonly limit = 10_000) {}

  add(entry: Omit<RequestLogEntry, "at">): RequestLogEntry {
    const e = { at: Math.round(performance.now() - this.#start), ...entry };
    this.#entries.push(e);
    if (this.#entries.length > this.limit) this.#entries.shift();
    this.onRequest?.(e);
    return e;
  }
  entries(filter?: string): RequestLogEntry[] {
    return filter ? this.#entries.filter((e) => e.name.includes(filter)) : [...this.#entries];
  }
  clear(): void {
    this.#entries = [];
  }
}
