/**
 * One HTTP exchange with the store, made safe: the client-side rate limit, a timeout, the credentials
 * headers, JSON envelopes checked against the contract's schemas, every failure classified
 * (classify.ts), and retries with capped, jittered exponential backoff for retriable ones, honouring
 * Retry-After.
 * @module
 */

import type { z } from "zod";
import { IntegrationError } from "../errors.ts";
import { errorEnvelope, HEADERS, isRetriableStatus, okEnvelope } from "./contract.ts";
import type { ResultSchema } from "./write_contract.ts";
import {
  aborted,
  brokenBody,
  type CallSite,
  contractBreak,
  httpFailure,
  lostWrite,
  networkFailure,
  neverAnswered,
  parseRetryAfter,
  redact,
  redirected,
  storeAskedToWait,
} from "./classify.ts";
import type { RateLimiter, RequestHistory, Sleep } from "./rate_limiter.ts";
import { parseBody } from "./body_json.ts";

/** First retry waits this long, doubling each time. */
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** A Retry-After longer than this is not waited out here: the error goes up for the scheduler to wait. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface RequesterOptions {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  maxRetries: number;
  timeoutMs: number;
  fetch: typeof fetch;
  sleep: Sleep;
  /** In [0, 1), for the backoff's jitter. */
  random: () => number;
  limiter: RateLimiter;
  /** The limiter's count, where a long Retry-After is kept for every client of this store. */
  history: RequestHistory;
  /** The limiter's clock (ms). */
  now: () => number;
}

export interface RequestInit {
  query?: Record<string, string | number>;
  body?: unknown;
}

export type Requester = <T>(
  site: CallSite,
  schema: ResultSchema<T>,
  init: RequestInit,
  signal?: AbortSignal,
) => Promise<T>;

/**
 * The delay before retry number `attempt` (0-based) when the store gave no Retry-After: doubling, capped, less
 * a random part of up to half ("equal jitter"), so the four write lanes one outage failed together do not come
 * back in the same instant, yet never sooner than half the schedule. `random` in [0, 1); 0 waits it all.
 */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_MAX_MS);
  return Math.round(ceiling - random() * (ceiling / 2));
}

const encoder = new TextEncoder();

/**
 * The body as UTF-8 bytes, not a string: fetch keeps its body's source while the request is out, and a save's
 * text (~120 KB) then outlives the young generation's collections, which copy it twice; bytes lie outside the
 * JavaScript heap, and the text dies at once.
 */
function jsonBytes(body: unknown): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify(body));
}

export function createRequester(o: RequesterOptions): Requester {
  const secrets = [o.apiKey, o.apiSecret];

  async function once<T>(
    site: CallSite,
    schema: ResultSchema<T>,
    init: RequestInit,
    signal?: AbortSignal,
  ): Promise<T> {
    const url = new URL(o.baseUrl + site.path);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {
      [HEADERS.apiKey]: o.apiKey,
      [HEADERS.apiSecret]: o.apiSecret,
      accept: "application/json",
    };
    if (init.body !== undefined) headers["content-type"] = "application/json";

    // Nothing between here and the try below throws: the slot is always given back.
    let answered: () => void;
    try {
      answered = await o.limiter.acquire(signal);
    } catch (reason) {
      throw aborted(site, reason);
    }
    // One controller for both the caller's signal and our timeout, cleared on every path.
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, o.timeoutMs);
    const onAbort = () => ctrl.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    let status: number;
    let retryAfter: string | null;
    let date: string | null;
    let location: string | null;
    let text: string;
    try {
      if (signal?.aborted) throw signal.reason;
      const res = await o.fetch(url, {
        method: site.method,
        headers,
        body: init.body === undefined ? undefined : jsonBytes(init.body),
        signal: ctrl.signal,
        // Followed, a redirect would take the key and secret to wherever it points, and a 301 or 302 would
        // turn a write into a GET without its body: it is the wrong qukasoft.baseUrl, told as such.
        redirect: "manual",
      });
      status = res.status;
      retryAfter = res.headers.get(HEADERS.retryAfter);
      date = res.headers.get("date");
      location = res.headers.get("location");
      text = await res.text();
    } catch (e) {
      if (signal?.aborted) throw aborted(site, signal.reason);
      throw networkFailure(site, e, timedOut, o.baseUrl, secrets);
    } finally {
      answered();
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }

    const excerpt = () => bodyExcerpt(text, secrets);
    const json = parseBody(text, status >= 200 && status <= 299);
    const failed = errorEnvelope.safeParse(json);
    // A 429's Retry-After, or a 503's when the store (or its proxy) is down for maintenance; a date in it is
    // counted from the answer's own Date, not this machine's clock.
    const wait = (code: number) =>
      isRetriableStatus(code) ? parseRetryAfter(retryAfter, Date.now(), date) : undefined;
    // The status decides first: a 4xx with an HTML or empty body is still a 4xx (not retried), and a 429
    // still carries its Retry-After.
    if (status >= 300 && status <= 399) throw redirected(site, status, location, url, secrets);
    if (status < 200 || status > 299) {
      const message = failed.success ? redact(failed.data.message, secrets) : excerpt();
      throw httpFailure(site, status, message, wait(status), !failed.success);
    }
    if (json === undefined) {
      throw brokenBody(site, status, `not JSON: ${HTML.test(text) ? excerpt() : JSON.stringify(excerpt())}`);
    }
    // The envelope's code mirrors the status; a 200 carrying an error code is still an error, and a rate
    // limit told so still has its Retry-After header (the contract's only way to say how long to wait).
    if (failed.success && failed.data.code >= 300) {
      throw httpFailure(site, failed.data.code, redact(failed.data.message, secrets), wait(failed.data.code));
    }
    const envelope = okEnvelope.safeParse(json);
    if (!envelope.success) throw contractBreak(site, "expected { code, result }");
    const parsed = schema.safeParse(envelope.data.result);
    if (!parsed.success) throw contractBreak(site, describeIssue(parsed.error, "result"));
    return parsed.data;
  }

  return async function request(site, schema, init, signal) {
    for (let attempt = 0;; attempt++) {
      let error: IntegrationError;
      const held = (o.history.notBefore ?? -Infinity) - o.now();
      if (held > 0) error = storeAskedToWait(site, Math.ceil(held / 1000));
      else {
        try {
          return await once(site, schema, init, signal);
        } catch (e) {
          if (!(e instanceof IntegrationError)) throw e;
          error = e;
        }
      }
      const retries = neverAnswered(error)
        ? Math.min(o.maxRetries, site.connectRetries ?? Infinity)
        : o.maxRetries;
      if (error.kind !== "retriable" || attempt >= retries || signal?.aborted) throw error;
      // A PHP store may still be running a timed-out save a second later (select-then-insert, no unique key:
      // a second product). The cycle fails instead, and the actor's backoff sends it again well after.
      if (lostWrite(error) && !site.resendable) throw error;
      // The store's own Retry-After is waited exactly: any less would meet its 429 again. One of 0 (or a date
      // already past) asks for no wait: the client's own backoff applies, not maxRetries in one burst.
      const delay = error.retryAfterSec ? error.retryAfterSec * 1000 : backoffMs(attempt, o.random);
      if (delay > MAX_RETRY_AFTER_MS) {
        // Kept beyond this call: a cycle started sooner (a settings change rebuilds the client and may start one
        // at once) would otherwise send inside the store's quiet time.
        if (error.retryAfterSec) {
          o.history.notBefore = Math.max(o.history.notBefore ?? -Infinity, o.now() + delay);
        }
        throw error;
      }
      try {
        await o.sleep(delay, signal);
      } catch (reason) {
        throw aborted(site, reason);
      }
    }
  };
}

/**
 * A body that is not the contract's envelope, short enough for a log line: an HTML page (a proxy's or
 * CDN's error or maintenance page, easily 50 KB) by its title, anything else by its first 120 characters.
 */
export function bodyExcerpt(text: string, secrets: readonly string[]): string {
  // Secrets out before the text is cut: a secret cut in half would no longer be recognised.
  const clean = redact(text, secrets);
  if (HTML.test(clean)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(clean)?.[1]?.replace(/\s+/g, " ").trim().slice(0, 120);
    return title ? `an HTML page titled "${title}"` : "an HTML page";
  }
  return clean.replace(/\s+/g, " ").trim().slice(0, 120);
}

const HTML = /^\s*<(?:!doctype html|html|head|body)\b/i;

/** `result.list[3].variants[0].price: Invalid input: expected number, received string` (root "result"). */
export function describeIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return `invalid ${root}`;
  const path = issue.path.reduce<string>(
    (acc, k) => typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k),
    "",
  );
  const at = !path ? root : !root ? path : root + (path.startsWith("[") ? "" : ".") + path;
  return `${at}: ${issue.message}`;
}
