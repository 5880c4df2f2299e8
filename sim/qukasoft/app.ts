/**
 * The Qukasoft API simulator as a Hono app: exactly `docs/qukasoft-api.md`. Every request is logged,
 * may get an injected fault, is authenticated by the `apikey`/`apisecret` headers and counted against
 * the store's rate limit, in that order.
 * @module
 */

import { Hono } from "hono";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { FaultInjector, type FaultKind, RequestLog } from "../faults.ts";
import { createWindowLimiter } from "./rate_limit.ts";
import type { StoreState } from "./state.ts";
import { saveProducts } from "./product_save.ts";
import { updateStockPrice } from "./stock_price.ts";
import { asArray, asObject, code, FieldError } from "./fields.ts";
import { ordersAsText, productsAsText, savedAsText, type StoreQuirks } from "./numbers_as_text.ts";
import { errorMessage } from "../error_message.ts";
import { savedWithNullMessages, stockPriceWithNullMessages } from "./null_messages.ts";
import { PHP_SHUTDOWN_WARNING, PHP_WARNING } from "./php_warning.ts";

/** Request limits of the contract. */
export const MAX_SAVE_PRODUCTS = 100;
export const MAX_STOCK_PRICE_ITEMS = 500;
const RATE_WINDOW_MS = 10_000;
const FAULTS: readonly FaultKind[] = [
  "error",
  "5xx",
  "429",
  "drop",
  "gatewayTimeout",
  "errorIn200",
  "emptyBody",
  "partialAnswer",
];

export interface QukasoftAppOptions {
  apiKey: string;
  apiSecret: string;
  /** Largest pageSize served; larger requests are capped and the used size reported. @default {100} */
  maxPageSize?: number;
  /** Requests per 10 s per store before 429. @default {50} */
  ratePer10s?: number;
  /** Milliseconds, for the rate-limit window and the Date header. @default {Date.now} */
  clock?: () => number;
  faults?: FaultInjector;
  log?: RequestLog;
  /** Beyond the contract's letter, as a real store may be; none unless given. */
  quirks?: StoreQuirks;
  /**
   * The largest request body, in bytes, the web server in front of the store takes (nginx's
   * client_max_body_size, 1 MiB unless raised; IIS's maxAllowedContentLength): a larger one is answered 413
   * with the server's own HTML page, before the store sees it. @default {unlimited}
   */
  maxBodyBytes?: number;
}

type Env = { Variables: { body: unknown; partialAnswer?: boolean } };

/** Builds the app around a store; tests may call `app.request(...)` without a socket. */
export function createQukasoftApp(state: StoreState, options: QukasoftAppOptions): Hono<Env> {
  const { apiKey, apiSecret, maxPageSize = 100, ratePer10s = 50, clock = Date.now } = options;
  const faults = options.faults ?? new FaultInjector();
  const log = options.log ?? new RequestLog();
  const quirks = options.quirks ?? { numbersAsText: false };
  const limiter = createWindowLimiter(ratePer10s, RATE_WINDOW_MS, clock);
  const app = new Hono<Env>();

  app.use(async function gate(c, next) {
    // A server's Date comes from the clock its Retry-After dates do (Deno.serve's own would be the real time).
    c.header("Date", new Date(clock()).toUTCString());
    const name = `${c.req.method} ${c.req.path}`;
    const url = new URL(c.req.url);
    let input: unknown = url.search ? Object.fromEntries(url.searchParams) : undefined;
    let text = "";
    if (c.req.method === "POST") {
      text = await c.req.text();
      try {
        input = JSON.parse(text);
      } catch {
        input = text;
      }
    }
    if (options.maxBodyBytes !== undefined && new TextEncoder().encode(text).length > options.maxBodyBytes) {
      const res = tooLargePage();
      log.add({ name, input, status: res.status });
      return res;
    }
    const fault = faults.take(name, FAULTS, text);
    await faults.delay();
    // A drop cuts the answer off mid-way, a gateway timeout is the store's proxy giving up on it, an empty body
    // the store dying before it answers: the store has done the work by then (a save is applied, only its
    // answer is lost), the case that makes a retried write meet its own first attempt.
    const lost = fault && LOST_ANSWERS[fault.kind];
    if (fault?.kind === "partialAnswer") c.set("partialAnswer", true);
    const res = !fault || fault.kind === "partialAnswer"
      ? await checkAndRun(c, text, next)
      : lost
      ? (await checkAndRun(c, text, next), c.res = lost())
      : faultResponse(c, fault.kind, fault.detail);
    log.add({ name, input, fault: fault?.kind, status: res.status });
    return res;
  });

  async function checkAndRun(c: Context<Env>, text: string, next: () => Promise<void>): Promise<Response> {
    if (c.req.header("apikey") !== apiKey || c.req.header("apisecret") !== apiSecret) {
      return fail(c, 401, "invalid apikey or apisecret");
    }
    const wait = limiter.take();
    if (wait !== undefined) {
      c.header("Retry-After", String(wait));
      return fail(c, 429, `rate limit of ${ratePer10s} requests per 10 s exceeded`);
    }
    if (c.req.method === "POST") {
      try {
        c.set("body", JSON.parse(text));
      } catch (e) {
        return fail(c, 400, `malformed JSON body: ${errorMessage(e)}`);
      }
    }
    await next();
    return c.res;
  }

  app.get("/auth", (c) => ok(c, { storeName: state.storeName }, quirks));

  app.get("/product/lists", (c) => {
    const q = listQuery(c, maxPageSize);
    if ("error" in q) return fail(c, 400, q.error);
    const page = state.listProducts(q);
    return ok(c, quirks.numbersAsText ? productsAsText(page) : page, quirks);
  });

  app.get("/order/listsV2", (c) => {
    const q = listQuery(c, maxPageSize);
    if ("error" in q) return fail(c, 400, q.error);
    const raw = c.req.query("status");
    const status = raw === undefined ? undefined : Number(raw);
    if (status !== undefined && (!Number.isInteger(status) || status < 1 || status > 6)) {
      return fail(c, 400, "status: expected an integer from 1 to 6");
    }
    const page = asListed(state.listOrders({ ...q, status }));
    return ok(c, quirks.numbersAsText ? ordersAsText(page) : page, quirks);
  });

  app.post("/product/save", (c) => {
    const list = bodyList(c.get("body"), "products", MAX_SAVE_PRODUCTS);
    if ("error" in list) return fail(c, 400, list.error);
    let saved = answered(c, saveProducts(state, list.items));
    if (quirks.nullMessages) saved = savedWithNullMessages(saved);
    return ok(c, { list: quirks.numbersAsText ? savedAsText(saved) : saved }, quirks);
  });

  app.post("/product/stockPrice", (c) => {
    const list = bodyList(c.get("body"), "items", MAX_STOCK_PRICE_ITEMS);
    if ("error" in list) return fail(c, 400, list.error);
    const updated = answered(c, updateStockPrice(state, list.items, quirks.notFoundMessage));
    return ok(c, { list: quirks.nullMessages ? stockPriceWithNullMessages(updated) : updated }, quirks);
  });

  app.post("/order/setTransferred", (c) => {
    let orderCode: string;
    let erpReference: string;
    try {
      const body = asObject(c.get("body"), "body");
      orderCode = code(body, "code", "");
      erpReference = code(body, "erpReference", "");
    } catch (e) {
      return fail(c, 400, e instanceof FieldError ? e.message : String(e));
    }
    const order = state.setTransferred(orderCode, erpReference);
    return order
      ? ok(c, { code: order.code, transferred: true }, quirks)
      : fail(c, 404, `order not found: ${orderCode}`);
  });

  /** A write's results as the store lists them: last first under the quirk, the last left out under the fault. */
  function answered<T>(c: Context<Env>, results: T[]): T[] {
    const listed = c.get("partialAnswer") ? results.slice(0, -1) : results;
    return quirks.reversedAnswers ? listed.reverse() : listed;
  }

  app.notFound((c) => fail(c, 404, `no such endpoint: ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => fail(c, 500, `internal error: ${err.message}`));
  return app;
}

/** A success answer; under the phpWarnings quirks with a PHP warning printed before it, or after it. */
function ok(c: Context, result: unknown, quirks?: StoreQuirks): Response {
  if (!quirks?.phpWarnings && !quirks?.phpShutdownWarnings) return c.json({ code: 200, result }, 200);
  const body = (quirks.phpWarnings ? PHP_WARNING : "") + JSON.stringify({ code: 200, result }) +
    (quirks.phpShutdownWarnings ? PHP_SHUTDOWN_WARNING : "");
  return c.body(body, 200, { "content-type": "text/html" });
}

function fail(c: Context, status: number, message: string): Response {
  return c.json({ code: status, message }, status as ContentfulStatusCode);
}

/** The faults whose request the store applies, and the answer that comes instead of its own. */
const LOST_ANSWERS: Partial<Record<FaultKind, () => Response>> = {
  drop: droppedResponse,
  gatewayTimeout: gatewayTimeoutPage,
  emptyBody: () => new Response("", { status: 200, headers: { "content-type": "text/html" } }),
};

function faultResponse(c: Context, kind: FaultKind, detail: string | undefined): Response {
  switch (kind) {
    case "errorIn200":
      return c.json({ code: 500, message: detail ?? "internal error" }, 200);
    case "5xx":
      return fail(c, 503, detail ?? "service unavailable");
    case "429":
      c.header("Retry-After", detail ?? "1");
      return fail(c, 429, "rate limit exceeded");
    case "drop":
      return droppedResponse();
    default:
      return fail(c, 400, detail ?? "injected error");
  }
}

/** The error a 'drop' fault's body ends with; the server stays quiet about it. */
export class DroppedConnection extends Error {
  constructor() {
    super("connection dropped (injected fault)");
    this.name = "DroppedConnection";
  }
}

/** nginx's own page when the store behind it did not answer in time: HTML, not the API's envelope. */
function gatewayTimeoutPage(): Response {
  return nginxPage(504, "Gateway Time-out");
}

/** nginx's own page for a body over client_max_body_size: the store behind it never saw the request. */
export function tooLargePage(): Response {
  return nginxPage(413, "Request Entity Too Large");
}

function nginxPage(status: number, reason: string): Response {
  const title = `${status} ${reason}`;
  return new Response(
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
      `<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    { status, headers: { "content-type": "text/html" } },
  );
}

/** A 200 whose body breaks off after a few bytes, as when the connection dies mid-answer. */
function droppedResponse(): Response {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"code":200,"res'));
      } else controller.error(new DroppedConnection());
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
}

function listQuery(
  c: Context,
  maxPageSize: number,
): { pageStart: number; pageSize: number; sort: "asc" | "desc" } | { error: string } {
  const pageStart = intParam(c.req.query("pageStart"), 0);
  if (pageStart === undefined || pageStart < 0) return { error: "pageStart: expected an integer ≥ 0" };
  const pageSize = intParam(c.req.query("pageSize"), maxPageSize);
  if (pageSize === undefined || pageSize < 1) return { error: "pageSize: expected an integer ≥ 1" };
  const orderBy = c.req.query("orderBy");
  if (orderBy !== undefined && orderBy !== "id") return { error: `orderBy: only "id" is supported` };
  const sort = c.req.query("sort") ?? "desc";
  if (sort !== "asc" && sort !== "desc") return { error: `sort: expected "asc" or "desc"` };
  return { pageStart, pageSize: Math.min(pageSize, maxPageSize), sort };
}

function intParam(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

function bodyList(body: unknown, key: string, max: number): { items: unknown[] } | { error: string } {
  try {
    const items = asArray(asObject(body, "body")[key], key);
    if (items.length > max) return { error: `${key}: at most ${max} per request, got ${items.length}` };
    return { items };
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

/**
 * As the contract's own example shows an order: `transferred` appears once the order is marked (then
 * `true`); an order never marked carries no such field.
 */
function asListed<T extends { list: { transferred: boolean }[] }>(page: T): T {
  return {
    ...page,
    list: page.list.map(({ transferred, ...order }) => transferred ? { ...order, transferred } : order),
  };
}
