/**
 * Turns every way a Qukasoft call can fail into an {@linkcode IntegrationError} of system "qukasoft":
 * 401/403 and other 4xx → fatal (a person must act; never retried, see peers C.3 on validation loops),
 * 429, 5xx, network errors, timeouts and broken bodies → retriable. Per-item errors are not failures:
 * they come back as result values.
 * @module
 */

import { type ErrorKind, IntegrationError } from "../errors.ts";
import { causeChain } from "../url_text.ts";
import { answeredPlainHttp, PLAIN_HTTP, schemeAdvice } from "../plain_http.ts";
import { parseHttpDate } from "../http/http_date.ts";
import { isAuthStatus, isRetriableStatus, PATHS } from "./contract.ts";

const SYSTEM = "qukasoft";

/** What was being done, for messages: e.g. `save products (POST /product/save)`. */
export interface CallSite {
  action: string;
  method: string;
  path: string;
  /**
   * Retries of a connection that could not be opened, or of a request that timed out with no answer, when
   * fewer than the client's `maxRetries`.
   */
  connectRetries?: number;
  /**
   * A write that applied twice, even at once, leaves what applied once did (absolute values by code): sent
   * again within the call after a lost answer, as a read is. A product save is not (lostWrite).
   */
  resendable?: boolean;
}

function where(site: CallSite): string {
  return `Cannot ${site.action} in Qukasoft (${site.method} ${site.path})`;
}

export function kindForStatus(status: number): ErrorKind {
  return isRetriableStatus(status) ? "retriable" : "fatal";
}

/**
 * An HTTP error status; `message` is the store's own text (already redacted). `notApi`: the body was not the
 * API's envelope (a web server's or the shop's own page).
 */
export function httpFailure(
  site: CallSite,
  status: number,
  message: string,
  retryAfterSec?: number,
  notApi = false,
): IntegrationError {
  // A 404 page that is not the API's: nothing answers the contract's paths there, most likely the shop's
  // address set for the API's. /auth, the connection test, is on every Qukasoft API: a 404 there in any
  // form is a wrong path in the base URL too.
  const wrongUrl = status === 404 && (notApi || site.path === PATHS.auth);
  // A 403 may also come from a firewall or CDN in front of the store (its HTML page says so), not the API.
  const hint = status === 403
    ? " (check qukasoft.apiKey and qukasoft.apiSecret and the key's rights; a firewall in front of the store " +
      "may also refuse this machine's address)"
    : isAuthStatus(status)
    ? " (check qukasoft.apiKey and qukasoft.apiSecret)"
    : wrongUrl
    ? " (no Qukasoft API answers at this address: check qukasoft.baseUrl, the API's base URL, not the shop's)"
    : "";
  const error = new IntegrationError(
    kindForStatus(status),
    `${where(site)}: status ${status} ${message}${hint}`.trim(),
    {
      system: SYSTEM,
      subject: wrongUrl ? "qukasoft.baseUrl" : site.path,
      retryAfterSec,
      // A server error after a write may have been applied; writes here are idempotent, callers may care.
      ambiguous: site.method !== "GET" && status >= 500,
    },
  );
  if (site.method !== "GET" && GATEWAY_TIMEOUTS.has(status)) unanswered.add(error);
  if (status === 413) tooLarge.add(error);
  return error;
}

/**
 * A proxy's "the store did not answer in time" (504, Cloudflare's 524): unlike the store's own 5xx, the
 * store may still be running the request, as after the client's own timeout (lostWrite).
 */
const GATEWAY_TIMEOUTS = new Set([504, 524]);

/**
 * No answer: the connection failed, was dropped or timed out. One that could not even be opened (refused,
 * unknown host, a port fetch refuses) names the URL and the setting to check, `qukasoft.baseUrl`.
 */
export function networkFailure(
  site: CallSite,
  cause: unknown,
  timedOut: boolean,
  baseUrl?: string,
  secrets: readonly string[] = [],
): IntegrationError {
  const connect = timedOut || baseUrl === undefined ? undefined : connectFailure(cause, baseUrl, secrets);
  const what = timedOut
    ? "timed out"
    : connect
    ? `cannot connect to ${shown(baseUrl!)}: ${connect.why}; ${connect.advice ?? "check qukasoft.baseUrl"}`
    // Fetch quotes a header value it refuses (`Invalid header value: "…"`): the API key or secret.
    : `network error: ${redact(causeChain(cause).join(": "), secrets)}`;
  // Refused or not found may pass (the store restarting, a DNS hiccup): the sync retries. A blocked port
  // never will.
  const error = new IntegrationError(connect?.fatal ? "fatal" : "retriable", `${where(site)}: ${what}`, {
    system: SYSTEM,
    subject: connect ? "qukasoft.baseUrl" : site.path,
    // Nothing reached the store when no connection was made.
    ambiguous: connect === undefined && site.method !== "GET",
    cause,
  });
  if (connect || timedOut) unreached.add(error);
  if (!connect && site.method !== "GET") unanswered.add(error);
  return error;
}

const unreached = new WeakSet<IntegrationError>();
const unanswered = new WeakSet<IntegrationError>();
const tooLarge = new WeakSet<IntegrationError>();

/**
 * Whether the request was refused as too large (413): by the web server in front of the store (nginx's
 * client_max_body_size is 1 MiB unless raised), so nothing of it reached the store; a smaller one may pass.
 */
export function requestTooLarge(error: unknown): boolean {
  return error instanceof IntegrationError && tooLarge.has(error);
}

/**
 * Whether a write was sent and its answer never came (timed out, connection dropped, a proxy's gateway
 * timeout): the store may still be applying it, so it is not sent again within the call.
 */
export function lostWrite(error: IntegrationError): boolean {
  return unanswered.has(error);
}

/**
 * Not sent: a Retry-After of the store's, longer than one request waits out (request.ts), has not ended. Its
 * kind and wait are those of the 429 it came from, so the cycle's scheduler waits out the rest.
 */
export function storeAskedToWait(site: CallSite, retryAfterSec: number): IntegrationError {
  const message = `${where(site)}: not sent: the store asked for no requests until its Retry-After ends, ` +
    `${retryAfterSec} s from now`;
  return new IntegrationError("retriable", message, { system: SYSTEM, subject: site.path, retryAfterSec });
}

/**
 * Whether the call failed before a connection was opened, or timed out with no answer (CallSite.connectRetries
 * applies): a host a firewall drops times out as surely as a closed port refuses, each try a whole timeout.
 */
export function neverAnswered(error: IntegrationError): boolean {
  return unreached.has(error);
}

/**
 * Why a connection could not be opened, from the fetch error's text (Deno gives no code): hyper's
 * "client error (Connect)" with "dns error" or the OS's refusal (Linux 111, macOS 61, Windows 10061), or
 * Deno's refusal of a port browsers block. Undefined for a failure after connecting (reset, cut off).
 */
function connectFailure(
  cause: unknown,
  baseUrl: string,
  secrets: readonly string[],
): { why: string; fatal: boolean; advice?: string } | undefined {
  const text = causeChain(cause).join(" | ");
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  const port = url?.port || (url?.protocol === "https:" ? "443" : "80");
  if (/Requests to port \d+ are blocked/i.test(text)) {
    return { why: `port ${port} is one fetch refuses to use (a browser-blocked port)`, fatal: true };
  }
  if (!/\(Connect\)/.test(text)) return undefined;
  if (/dns error/i.test(text)) {
    return { why: `the host name ${url?.hostname} was not found (DNS)`, fatal: false };
  }
  if (/connection refused|actively refused|os error (111|61|10061)\b/i.test(text)) {
    return {
      why: `connection refused: nothing accepts connections on port ${port} of ${url?.hostname}`,
      fatal: false,
    };
  }
  // The scheme is wrong: no retry mends it.
  if (answeredPlainHttp(baseUrl, cause)) {
    return { why: PLAIN_HTTP, fatal: true, advice: schemeAdvice("qukasoft.baseUrl") };
  }
  // E.g. a certificate the OS does not trust: the cause's own words, so without the key and secret.
  return { why: redact(text.split("(Connect): ").at(-1)!, secrets), fatal: false };
}

/** The URL without any user or password written into it. */
function shown(baseUrl: string): string {
  if (!URL.canParse(baseUrl)) return baseUrl;
  const url = new URL(baseUrl);
  url.username = "";
  url.password = "";
  return url.href.replace(/\/$/, "");
}

/**
 * The store's address answered with a redirect (not followed): where to, and the qukasoft.baseUrl that
 * reaches it when the new address keeps the request's path.
 */
export function redirected(
  site: CallSite,
  status: number,
  location: string | null,
  requested: URL,
  secrets: readonly string[],
): IntegrationError {
  const to = location !== null && URL.canParse(location, requested)
    ? new URL(location, requested)
    : undefined;
  let what = "redirects without saying where; check qukasoft.baseUrl";
  if (to) {
    const path = to.pathname.endsWith(site.path) ? to.pathname.slice(0, -site.path.length) : undefined;
    const base = path === undefined ? undefined : shown(`${to.origin}${path}`);
    to.search = "";
    what = `the store answers at ${redact(shown(to.href), secrets)} instead; ` +
      (base === undefined ? "check qukasoft.baseUrl" : `set qukasoft.baseUrl to ${redact(base, secrets)}`);
  }
  return new IntegrationError("fatal", `${where(site)}: status ${status}: ${what}`, {
    system: SYSTEM,
    subject: "qukasoft.baseUrl",
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

/**
 * Seconds from a Retry-After header (delta-seconds, a decimal, or HTTP-date); undefined when absent or unreadable.
 * A date is counted from the response's own `date` header when it has a readable one (RFC 9110 §10.2.3): both
 * come from the store's clock, and this machine's may be off (a Windows server a few seconds fast retried into
 * another 429; one a minute slow handed a 30 s wait to the scheduler). Without it, from this machine's `nowMs`.
 */
export function parseRetryAfter(
  header: string | null,
  nowMs: number,
  date?: string | null,
): number | undefined {
  const value = header?.trim() ?? "";
  // RFC 9110 §10.2.3: delta-seconds (digits only) or an HTTP-date; also a decimal some servers write ("2.0",
  // rounded up: any less would meet the 429 again). Anything else ("-3", "0x10", "soon 2", which Number() or a
  // lenient Date.parse would read) is unreadable, and the client's own backoff applies.
  if (/^\d+(?:\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const at = parseHttpDate(value, nowMs);
  if (at === undefined) return undefined;
  const sent = date ? parseHttpDate(date, nowMs) : undefined;
  return Math.max(0, Math.ceil((at - (sent ?? nowMs)) / 1000));
}

/** Removes the credentials from text a remote sent us, in case it echoes them. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("***");
  return out;
}
