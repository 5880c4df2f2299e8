/**
 * Turns every way a Qukasoft call can fail into an {@linkcode IntegrationError} of system "qukasoft":
 * 401/403 and other 4xx → fatal (a person must act; never retried, see peers C.3 on validation loops),
 * 429, 5xx, network errors, timeouts and broken bodies → retriable. Per-item errors are not failures:
 * they come back as result values.
 * @module
 */

import { type ErrorKind, IntegrationError } from "../errors.ts";
import { isAuthStatus, isRetriableStatus } from "./contract.ts";

const SYSTEM = "qukasoft";

/** What was being done, for messages: e.g. `save products (POST /product/save)`. */
export interface CallSite {
  action: string;
  method: string;
  path: string;
}

function where(site: CallSite): string {
  return `Cannot ${site.action} in Qukasoft (${site.method} ${site.path})`;
}

export function kindForStatus(status: number): ErrorKind {
  return isRetriableStatus(status) ? "retriable" : "fatal";
}

/** An HTTP error status; `message` is the store's own text (already redacted). */
export function httpFailure(
  site: CallSite,
  status: number,
  message: string,
  retryAfterSec?: number,
): IntegrationError {
  const hint = isAuthStatus(status) ? " (check the API key and secret)" : "";
  return new IntegrationError(
    kindForStatus(status),
    `${where(site)}: status ${status} ${message}${hint}`.trim(),
    {
      system: SYSTEM,
      subject: site.path,
      retryAfterSec,
      // A server error after a write may have been applied; writes here are idempotent, callers may care.
      ambiguous: site.method !== "GET" && status >= 500,
    },
  );
}

/** No answer: the connection failed, was dropped or timed out. */
export function networkFailure(site: CallSite, cause: unknown, timedOut: boolean): IntegrationError {
  const what = timedOut
    ? "timed out"
    : `network error: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new IntegrationError("retriable", `${where(site)}: ${what}`, {
    system: SYSTEM,
    subject: site.path,
    ambiguous: site.method !== "GET",
    cause,
  });
}

/** The body was not the JSON envelope of the contract (cut off, HTML error page, …). */
export function brokenBody(site: CallSite, status: number, detail: string): IntegrationError {
  return new IntegrationError(
    "retriable",
    `${where(site)}: broken response body (status ${status}): ${detail}`,
    {
      system: SYSTEM,
      subject: site.path,
      ambiguous: site.method !== "GET",
    },
  );
}

/** Well-formed JSON that breaks the contract's shape: retrying will not help, a person must look. */
export function contractBreak(site: CallSite, detail: string): IntegrationError {
  return new IntegrationError("fatal", `${where(site)}: the answer breaks the contract: ${detail}`, {
    system: SYSTEM,
    subject: site.path,
  });
}

/** The caller aborted (shutdown, actor stopped). Retriable: nothing is wrong with the store. */
export function aborted(site: CallSite, reason: unknown): IntegrationError {
  return new IntegrationError("retriable", `${where(site)}: aborted`, {
    system: SYSTEM,
    subject: site.path,
    ambiguous: site.method !== "GET",
    cause: reason,
  });
}

/** Seconds from a Retry-After header (delta-seconds or HTTP-date); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  const value = header?.trim() ?? "";
  // RFC 9110 §10.2.3: delta-seconds (digits only) or an HTTP-date; anything else ("-3", "0x10", "soon 2",
  // which Number() or a lenient Date.parse would read) is unreadable, and the client's own backoff applies.
  if (/^\d+$/.test(value)) return Number(value);
  if (!HTTP_DATE.test(value)) return undefined;
  // asctime carries no zone but means GMT; Date.parse would read it as local time.
  const date = Date.parse(value.endsWith("GMT") ? value : `${value} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), and the obsolete RFC 850 and asctime forms. */
const HTTP_DATE = new RegExp(
  "^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT" +
    "|[A-Z][a-z]+day, \\d{2}-[A-Z][a-z]{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT" +
    "|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4})$",
);

/** Removes the credentials from text a remote sent us, in case it echoes them. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("***");
  return out;
}
