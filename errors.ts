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
  cause?: unknown;
}

export class IntegrationError extends Error {
  readonly kind: ErrorKind;
  readonly system: string;
  readonly subject: string | undefined;
  readonly retryAfterSec: number | undefined;
  readonly ambiguous: boolean;

  constructor(kind: ErrorKind, message: string, options: IntegrationErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "IntegrationError";
    this.kind = kind;
    this.system = options.system;
    this.subject = options.subject;
    this.retryAfterSec = options.retryAfterSec;
    this.ambiguous = options.ambiguous ?? false;
  }
}

/** The kind of any thrown value: unknown errors are treated as retriable, as a crash would be. */
export function errorKind(error: unknown): ErrorKind {
  return error instanceof IntegrationError ? error.kind : "retriable";
}

export function isRetriable(error: unknown): boolean {
  return errorKind(error) === "retriable";
}

/** A message safe to show and log: never includes a secret, because adapters never put one in. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
