/**
 * The local HTTP surface (Hono, bound to 127.0.0.1 by default): /health for monitoring and the XML
 * import feed. The operator's settings endpoints join here in a later milestone.
 * @module
 */

import { type Context, Hono } from "hono";
import type { FeedBody } from "../agent/feed_file.ts";
import type { HealthReport } from "../agent/health.ts";
import { errorMessage } from "../errors.ts";
import { getLogger } from "../log.ts";
import { parseHttpDate } from "./http_date.ts";

export interface HttpDeps {
  health(): HealthReport;
  /**
   * The feed's XML (without its body for a HEAD request); its build is not bound to the request, which may
   * go away while others wait for it.
   */
  feed(withBody: boolean, gzip: boolean): Promise<FeedBody>;
  /** The access token kept in the data folder. */
  token: string;
}

/** Compares without leaking the token's length-prefix through timing. */
function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Whether an Accept-Encoding header takes gzip: named (else as `*`), and not with q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  const q = new Map<string, number>();
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [coding = "", ...params] = part.split(";").map((t) => t.trim());
    const weight = params.find((p) => p.startsWith("q="));
    q.set(coding, weight === undefined ? 1 : Number(weight.slice(2)));
  }
  return (q.get("gzip") ?? q.get("*") ?? 0) > 0;
}

export function createApp(deps: HttpDeps): Hono {
  const app = new Hono();
  // The last failure building /health that was logged: monitoring polls every few seconds, and a ledger
  // closed or locked fails every poll alike, so each failure is logged once (again after a success).
  let healthFailure: string | undefined;
  app.get("/health", (c) => {
    let h: HealthReport;
    try {
      h = deps.health();
    } catch (e) {
      // Not onError's 502 (a gateway's word, read as the agent being down): the agent is up and says what failed.
      const error = errorMessage(e);
      if (error !== healthFailure) {
        getLogger(["e-ticaret", "http"]).error("/health could not be built: {error}", { error });
      }
      healthFailure = error;
      return c.json({ status: "failing", reasons: [`the health report could not be built: ${error}`] }, 503);
    }
    healthFailure = undefined;
    return c.json(h, h.status === "failing" ? 503 : 200);
  });
  app.get("/feed/products.xml", async (c) => {
    // An empty `?token=` (an importer's URL template with the field left blank) is no token: the header's counts.
    const given = c.req.query("token") || c.req.header("authorization")?.replace(/^Bearer\s+/i, "") || "";
    if (!sameToken(given, deps.token)) return c.json({ error: "a valid token is required (?token=…)" }, 403);
    try {
      return await sendFeed(c, deps);
    } catch (e) {
      // The feed could not be built (Nebim, the disk): 503, as an importer retries one later; /health says it.
      getLogger(["e-ticaret", "http"]).error("{path} failed: {error}", {
        path: c.req.path,
        error: errorMessage(e),
      });
      return c.json({ error: errorMessage(e) }, 503);
    }
  });
  // A known path asked with another method: 405 and what it takes, not "no such endpoint".
  for (const path of ["/health", "/feed/products.xml"]) {
    app.all(
      path,
      (c) =>
        c.json({ error: `${c.req.method} is not allowed on ${path}; use GET or HEAD` }, 405, {
          allow: "GET, HEAD",
        }),
    );
  }
  app.notFound((c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    getLogger(["e-ticaret", "http"]).error("{path} failed: {error}", {
      path: c.req.path,
      error: errorMessage(err),
    });
    return c.json({ error: errorMessage(err) }, 502);
  });
  return app;
}

/**
 * The headers every feed answer carries, 304 or not. Cache-Control: without it a cache on the way (a proxy's,
 * the importer's) may reuse a copy unasked for a tenth of its age since Last-Modified (RFC 9111 4.2.2), which
 * an unchanged feed keeps for days: a stock change then missed for hours. Every use asks (a 304 costs
 * nothing); no shared cache keeps a copy fetched with the token.
 */
function validators(builtAt: Date, etag: string): Record<string, string> {
  return {
    "last-modified": builtAt.toUTCString(),
    etag,
    vary: "accept-encoding",
    "cache-control": "private, no-cache",
  };
}

/**
 * The feed's answer: 304, the headers (HEAD), or the body, gzip-compressed when the client takes it. Its
 * Last-Modified and ETag stay while a build changes nothing (agent/feed_build.ts).
 */
async function sendFeed(c: Context, deps: HttpDeps): Promise<Response> {
  const gzip = acceptsGzip(c.req.header("accept-encoding"));
  // An importer that kept the last copy asks whether it changed: no body when its date is this build's
  // Last-Modified (HTTP dates are whole seconds, so the build time is compared in seconds; each build has a
  // second of its own: agent/feed_source.ts). Only that date, as nginx's default: a later one the clock has
  // passed may be a Last-Modified stamped before this clock was set back, and the build, made since, is one
  // the client never had; an earlier one is an older build's. That date is the build's even when it is after
  // our clock (RFC 2616 14.25 calls such a date invalid): a build stamped a second ahead to keep a second of
  // its own, or the last good one held by catalog.vanishLimit, stamped before the clock was set back.
  // An ETag in If-None-Match decides alone when given (RFC 9110 13.2.2): one of the build's copy, or "*".
  const tags = c.req.header("if-none-match");
  const since = tags === undefined ? parseHttpDate(c.req.header("if-modified-since") ?? "") : undefined;
  if (tags !== undefined || since !== undefined) {
    const { builtAt, etag } = await deps.feed(false, gzip);
    const current = tags !== undefined
      ? tags.split(",").some((t) => ["*", etag].includes(t.trim().replace(/^W\//, "")))
      : Math.floor(builtAt.getTime() / 1000) * 1000 === since;
    if (current) return c.body(null, 304, validators(builtAt, etag));
  }
  // Hono answers HEAD with this GET handler and drops the body it returns.
  const feed = await deps.feed(c.req.method !== "HEAD", gzip);
  const headers: Record<string, string> = {
    "content-type": "application/xml; charset=utf-8",
    "content-length": String(feed.bytes),
    ...validators(feed.builtAt, feed.etag),
  };
  if (feed.encoding) headers["content-encoding"] = feed.encoding;
  return feed.body ? c.body(feed.body, 200, headers) : c.body(null, 200, headers);
}
