/**
 * One HTTP exchange with the Nebim Integrator, translated into IntegrationError (system "integrator").
 * The Integrator reports most errors as HTTP 200 with an ExceptionMessage (research/nebim.md §2.7), so
 * the body is always parsed; the message decides the kind: a login failure needs a person (fatal), an
 * "empty stream" means the session/token was dropped (reconnect), the rest is left to the caller.
 * @module
 */

import { type ErrorKind, IntegrationError } from "../../errors.ts";
import { causeChain, shownUrl } from "../../url_text.ts";
import { answeredPlainHttp, PLAIN_HTTP, schemeAdvice } from "../../plain_http.ts";

export const SYSTEM = "integrator";

/** What an ExceptionMessage means to the agent. */
export type NebimErrorClass = "login" | "emptyStream" | "tooLarge" | "other";

export function classifyMessage(message: string): NebimErrorClass {
  if (/empty stream|boş akışın serisini kaldırma/i.test(message)) return "emptyStream";
  if (/login failed|the login failed|şifre|kullanıcı adı|password|cannot open database/i.test(message)) {
    return "login";
  }
  if (/too large to be deserialized/i.test(message)) return "tooLarge";
  return "other";
}

/** An ExceptionMessage answer, kept apart so callers can reconnect on "empty stream". */
export class NebimException extends IntegrationError {
  constructor(
    kind: ErrorKind,
    message: string,
    readonly nebimClass: NebimErrorClass,
    readonly nebimMessage: string,
  ) {
    super(kind, message, { system: SYSTEM });
  }
}

export interface SendOptions {
  url: string;
  method: "GET" | "POST";
  command: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch: typeof fetch;
  /** Removes secrets from any text that came from outside before it goes into a message. */
  redact: (text: string) => string;
  /** The kind of an ExceptionMessage that is neither a login failure, nor "empty stream", nor too large. */
  otherKind: ErrorKind;
}

/** Sends one request and returns the parsed JSON answer, or throws IntegrationError. */
export async function send(o: SendOptions): Promise<unknown> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout.signal]) : timeout.signal;
  const where = `Nebim Integrator ${o.command} (${shownUrl(o.url).replace(/\/\(S\([^)]*\)\)/, "/(S(…))")})`;
  try {
    let res: Response | undefined;
    let text: string;
    try {
      res = await o.fetch(o.url, {
        method: o.method,
        headers: { ...(o.body === undefined ? {} : { "content-type": "application/json" }), ...o.headers },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        redirect: "manual",
        signal,
      });
      text = await res.text();
    } catch (e) {
      if (o.signal?.aborted) {
        throw new IntegrationError("retriable", `${where} was cancelled`, { system: SYSTEM, cause: e });
      }
      if (timeout.signal.aborted) {
        // The service may have acted before the answer was lost: a Post must be looked up, not repeated.
        throw new IntegrationError("retriable", `${where} did not answer within ${o.timeoutMs} ms`, {
          system: SYSTEM,
          ambiguous: true,
          cause: e,
        });
      }
      if (!res && answeredPlainHttp(o.url, e)) {
        // The scheme is wrong: no retry mends it.
        const setting = "nebim.integrator.baseUrl";
        throw new IntegrationError(
          "fatal",
          `Cannot reach ${where}: ${PLAIN_HTTP}; ${schemeAdvice(setting)}`,
          {
            system: SYSTEM,
            subject: setting,
            cause: e,
          },
        );
      }
      // Fetch's own message is only "fetch failed": its cause says why (refused, DNS, https to an http port).
      const why = o.redact(causeChain(e).join(": "));
      const what = res
        ? `The connection to ${where} dropped while reading the answer: ${why}`
        : `Cannot reach ${where}: ${why}; check nebim.integrator.baseUrl`;
      throw new IntegrationError("retriable", what, {
        system: SYSTEM,
        ambiguous: !!res,
        cause: e,
      });
    }
    return parseAnswer(o, where, res, text);
  } finally {
    clearTimeout(timer);
  }
}

function parseAnswer(o: SendOptions, where: string, res: Response, text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const exception = typeof json === "object" && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>).ExceptionMessage
    : undefined;
  if (typeof exception === "string" && exception !== "") {
    const msg = o.redact(exception);
    const cls = classifyMessage(exception);
    const kind: ErrorKind = cls === "login" || cls === "tooLarge"
      ? "fatal"
      : cls === "emptyStream" || res.status >= 500
      ? "retriable"
      : o.otherKind;
    return fail(new NebimException(kind, `${where} answered an error: ${msg}`, cls, msg));
  }
  if (res.status >= 300 || res.status < 200) return fail(statusError(where, res));
  if (json === undefined) {
    return fail(
      new IntegrationError(
        "fatal",
        `${where} answered HTTP ${res.status} with a body that is not JSON; check baseUrl`,
        {
          system: SYSTEM,
        },
      ),
    );
  }
  return json;
}

function statusError(where: string, res: Response): IntegrationError {
  if (res.status >= 500 || res.status === 408 || res.status === 429) {
    const after = Number(res.headers.get("retry-after"));
    return new IntegrationError("retriable", `${where} answered HTTP ${res.status}`, {
      system: SYSTEM,
      retryAfterSec: Number.isFinite(after) && after > 0 ? after : undefined,
    });
  }
  const hint = res.status >= 300 && res.status < 400
    ? "; check baseUrl and mode (token/session)"
    : "; check baseUrl";
  return new IntegrationError("fatal", `${where} answered HTTP ${res.status}${hint}`, { system: SYSTEM });
}

function fail(e: IntegrationError): never {
  throw e;
}
