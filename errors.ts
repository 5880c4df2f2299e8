/**
 * The one error type that crosses an adapter boundary. Adapters (nebim/, qukasoft/, ledger/) translate
 * foreign errors (mssql, fetch, HTTP statuses, Nebim's ExceptionMessage) into it; everything above them
 * branches on `kind`, never on message text.
 *
 * - `retriable`: try again later (network, timeout, 429, 5xx, dropped session).
 * - `fatal`: a person must act (bad credentials, 4xx contract error, missing table or column).
 * - `skippable`: this record is bad; report it and carry on with the others.
 * @module
 */

export type ErrorKind = "retriable" | "fatal" | "skippable";

export interface IntegrationErrorOptions {
  /** Which outside system raised it, e.g. "nebim-sql", "integrator", "qukasoft". */
  system: string;
  /** The record or field it concerns, when one is known (a stock code, an order code, a key path). */
  subject?: string;
  /** Seconds the remote asked us to wait (HTTP Retry-After), when it said. */
  retryAfterSec?: number;
  /** True when the remote may have acted before the failure (timeout after a write). */
  ambiguous?: boolean;
  /**
   * True when the system's data may come back as an older copy (a database being restored, failed over):
   * rows brought back keep their old change stamps, which no window over them after it holds.
   */
  maybeRestored?: boolean;
  /**
   * True when the work was given up for newer settings (a nebim.sql change during the SQL login): no failure of
   * the system's, and run again with them at once.
   */
  superseded?: boolean;
  cause?: unknown;
}

export class IntegrationError extends Error {
  readonly kind: ErrorKind;
  readonly system: string;
  readonly subject: string | undefined;
  readonly retryAfterSec: number | undefined;
  readonly ambiguous: boolean;
  readonly maybeRestored: boolean;
  readonly superseded: boolean;

  constructor(kind: ErrorKind, message: string, options: IntegrationErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "IntegrationError";
    this.kind = kind;
    this.system = options.system;
    this.subject = options.subject;
    this.retryAfterSec = options.retryAfterSec;
    this.ambiguous = options.ambiguous ?? false;
    this.maybeRestored = options.maybeRestored ?? false;
    this.superseded = options.superseded ?? false;
  }
}

/** The kind of any thrown value: unknown errors are treated as retriable, as a crash would be. */
export function errorKind(error: unknown): ErrorKind {
  return error instanceof IntegrationError ? error.kind : "retriable";
}

/** Whether the work was given up for newer settings (superseded): not a failure to count or back off from. */
export function superseded(error: unknown): boolean {
  return error instanceof IntegrationError && error.superseded;
}

/** Whether the failure may have come from the system's data being replaced by an older copy (maybeRestored). */
export function maybeRestored(error: unknown): boolean {
  return error instanceof IntegrationError && error.maybeRestored;
}

export function isRetriable(error: unknown): boolean {
  return errorKind(error) === "retriable";
}

/** A message safe to show and log: never includes a secret, because adapters never put one in. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A call of several requests to one system, some of which failed: the first failure (its kind, message and
 * the rest are this error's), with a result for every input, so that what the other requests got done is
 * recorded rather than lost. A caller that only looks at the kind sees the failure as it was.
 */
export class PartialFailure<R> extends IntegrationError {
  readonly results: readonly R[];
  /** How many requests the call sent, the failed one included (not those never started); else not known. */
  readonly requests?: number;

  constructor(failure: IntegrationError, results: readonly R[], requests?: number) {
    super(failure.kind, failure.message, {
      system: failure.system,
      subject: failure.subject,
      retryAfterSec: failure.retryAfterSec,
      ambiguous: failure.ambiguous,
      maybeRestored: failure.maybeRestored,
      superseded: failure.superseded,
      cause: failure.cause,
    });
    this.results = results;
    this.requests = requests ?? (failure instanceof PartialFailure ? failure.requests : undefined);
  }
}

/**
 * `fn` of a call's results, also of those a PartialFailure of it carries (thrown again, with `fn`'s): how an
 * adapter turns a client's results into its own without losing what a partly failed call got done.
 */
export async function mapResults<R, T>(
  call: Promise<readonly R[]>,
  fn: (results: readonly R[]) => T[],
): Promise<T[]> {
  let results: readonly R[];
  try {
    results = await call;
  } catch (e) {
    throw e instanceof PartialFailure ? new PartialFailure(e, fn(e.results as readonly R[])) : e;
  }
  return fn(results);
}
