/**
 * The agent's Qukasoft client: what the agent needs from the store, in kuruş, with per-item outcomes as
 * values and every failure an {@linkcode IntegrationError} of system "qukasoft".
 * @module
 */

import { errorMessage, IntegrationError } from "../errors.ts";
import { authResult, isUnknownStockCode, LIMITS, pageOf, PATHS, QUERY, wireOrder } from "./contract.ts";
import { saveResult, setTransferredResult, stockPriceResult } from "./write_contract.ts";
import { type CallSite, contractBreak, requestTooLarge } from "./classify.ts";
import { toQOrder, toWireProductInput, toWireStockPriceItem } from "./map.ts";
import {
  createRateLimiter,
  realSleep,
  type RequestHistory,
  requestHistory,
  type Sleep,
} from "./rate_limiter.ts";
import { createRequester } from "./request.ts";
import { listProducts } from "./list_products.ts";
import { matchResults } from "./match_results.ts";
import { writeInChunks, WriteLanes } from "./chunks.ts";
import {
  NO_RESULT,
  oversizedSave,
  oversizedStockPrice,
  unwrittenSave,
  unwrittenStockPrice,
} from "./write_results.ts";
import { storeCodeKey } from "./code_key.ts";
import type {
  ListOrdersOptions,
  OrderPage,
  ProductSaveResult,
  QProduct,
  QProductInput,
  StockPriceItem,
  StockPriceResult,
  UnreadableProduct,
} from "./types.ts";

/** What the agent needs from Qukasoft, nothing more. */
export interface QukasoftApi {
  /** Checks the connection and credentials. */
  auth(signal?: AbortSignal): Promise<{ storeName?: string }>;
  /**
   * Every product, one page per iteration, oldest id first; advances by the page size the store reports.
   * Lazy: a page is fetched when the loop asks for it, so a large catalogue is never held at once. A product
   * with a field that cannot be read is left out and handed to `unreadable` (list_products.ts).
   */
  listProducts(
    signal?: AbortSignal,
    unreadable?: (p: UnreadableProduct) => void,
  ): AsyncIterable<QProduct[]>;
  /**
   * Creates or updates products in batches of 100. One result per input, in input order and under its code
   * (matched as match_results.ts says; none for it is an `unclear` error); rejected items
   * (and inputs with a non-integer kuruş amount, which are not sent) have status "error". A batch that fails
   * past its retries fails the call with its error, as a PartialFailure carrying a result for every input:
   * the other batches' as answered, those of the failed batch and of any not sent after it `unclear` errors.
   */
  saveProducts(products: readonly QProductInput[], signal?: AbortSignal): Promise<ProductSaveResult[]>;
  /** Sets stock and/or prices in batches of 500; one result per input, and failures, as saveProducts. */
  updateStockPrice(items: readonly StockPriceItem[], signal?: AbortSignal): Promise<StockPriceResult[]>;
  /** One page of orders; advance `pageStart` by the returned `pageSize`. */
  listOrders(opts: ListOrdersOptions, signal?: AbortSignal): Promise<OrderPage>;
  /** Marks an order as transferred to the ERP; repeating it is harmless. An unknown code is fatal. */
  setTransferred(code: string, erpReference: string, signal?: AbortSignal): Promise<void>;
}

export { eachChunk, WRITE_CONCURRENCY } from "./chunks.ts";

export interface QukasoftClientOptions {
  /** The store's API base URL, e.g. `https://magaza.example/api`. */
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Client-side limit over a sliding 10-s window. @default {50} */
  requestsPer10s?: number;
  /** Retries of a retriable failure before it is thrown. @default {4} */
  maxRetries?: number;
  /** @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /** Waits between retries and for the rate limit; tests record instead of sleeping. */
  sleep?: Sleep;
  /** In [0, 1), for the retry backoff's jitter; tests fix it. @default {Math.random} */
  random?: () => number;
  /** Milliseconds, for the rate-limit window. @default {performance.now} */
  now?: () => number;
  /**
   * The rate limiter's count of requests, to go on from that of the client this one replaces for the same
   * store (agent/connections.ts). @default {an empty one}
   */
  history?: RequestHistory;
  /** Per request, including reading the body. @default {30000} */
  timeoutMs?: number;
  /**
   * Tests only: fewer products or items per write request than the contract's LIMITS, so a small catalogue's
   * call goes in several requests (one of which may fail). The agent never sets it.
   */
  chunkSizes?: { saveProducts: number; stockPriceItems: number };
}

export function createQukasoftClient(o: QukasoftClientOptions): QukasoftApi {
  const {
    requestsPer10s = LIMITS.requestsPerWindow,
    maxRetries = 4,
    sleep = realSleep,
    now = () => performance.now(),
    timeoutMs = 30_000,
    chunkSizes = LIMITS,
  } = o;
  for (const key of ["baseUrl", "apiKey", "apiSecret"] as const) {
    if (typeof o[key] !== "string" || o[key].trim() === "") {
      throw new IntegrationError("fatal", `Cannot create the Qukasoft client as '${key}' is empty`, {
        system: "qukasoft",
        subject: `qukasoft.${key}`,
      });
    }
  }
  const sent = { apiKey: headerValue(o.apiKey, "apiKey"), apiSecret: headerValue(o.apiSecret, "apiSecret") };
  const history = o.history ?? requestHistory();
  const request = createRequester({
    baseUrl: storeBaseUrl(o.baseUrl),
    apiKey: sent.apiKey,
    apiSecret: sent.apiSecret,
    maxRetries,
    timeoutMs,
    fetch: o.fetch ?? globalThis.fetch,
    sleep,
    random: o.random ?? Math.random,
    limiter: createRateLimiter({ limit: requestsPer10s, windowMs: LIMITS.windowMs, now, sleep, history }),
    history,
    now,
  });

  const lanes = new WriteLanes();

  const sites = {
    // Only `check` calls /auth, for a person waiting at the screen: a refused connection, an unknown host or
    // a timeout is told at once (retrying would make them wait ~15 s, or five timeouts, for the same line); a
    // 429 or 5xx is still retried. The sync's calls retry those too: there it may be the store restarting.
    auth: { action: "check the connection", method: "GET", path: PATHS.auth, connectRetries: 0 },
    products: { action: "list products", method: "GET", path: PATHS.productList },
    save: { action: "save products", method: "POST", path: PATHS.productSave },
    stockPrice: {
      action: "update stock and prices",
      method: "POST",
      path: PATHS.stockPrice,
      resendable: true,
    },
    orders: { action: "list orders", method: "GET", path: PATHS.orderList },
    transferred: {
      action: "mark an order transferred",
      method: "POST",
      path: PATHS.setTransferred,
      resendable: true, // the contract: "Idempotent: repeating it is harmless"
    },
  } satisfies Record<string, CallSite>;

  return {
    auth: (signal) => request(sites.auth, authResult, {}, signal),

    listProducts: (signal, unreadable) => listProducts(request, sites.products, signal, unreadable),

    saveProducts: (products, signal) =>
      writeInChunks({
        items: products,
        toWire: toWireProductInput,
        refused: (p, e): ProductSaveResult => ({
          productCode: p.productCode,
          id: 0,
          status: "error",
          message: errorMessage(e),
          variants: [],
        }),
        unwritten: unwrittenSave,
        size: chunkSizes.saveProducts,
        lanes,
        split: { tooLarge: requestTooLarge, oversized: oversizedSave },
        keyOf: (item) => storeCodeKey(item.productCode),
        async send(chunk) {
          const answer = await request(sites.save, saveResult, { body: { products: chunk } }, signal);
          const matched = matchResults(chunk, answer.list, (item) => item.productCode, (r) => r.productCode);
          // Under the caller's code, though the store may give it back trimmed or in another case.
          return chunk.map((item, k) => {
            const r = matched[k];
            return r ? { ...r, productCode: item.productCode } : unwrittenSave(item, NO_RESULT);
          });
        },
      }),

    updateStockPrice: (items, signal) =>
      writeInChunks({
        items,
        toWire: toWireStockPriceItem,
        refused: (i, e): StockPriceResult => ({
          stockCode: i.stockCode,
          status: "error",
          message: errorMessage(e),
        }),
        unwritten: unwrittenStockPrice,
        size: chunkSizes.stockPriceItems,
        lanes,
        split: { tooLarge: requestTooLarge, oversized: oversizedStockPrice },
        keyOf: (item) => storeCodeKey(item.stockCode),
        async send(chunk) {
          const answer = await request(
            sites.stockPrice,
            stockPriceResult,
            { body: { items: chunk } },
            signal,
          );
          const matched = matchResults(chunk, answer.list, (item) => item.stockCode, (r) => r.stockCode);
          return chunk.map((item, k) => {
            const r = matched[k];
            return !r
              ? unwrittenStockPrice(item, NO_RESULT)
              : isUnknownStockCode(r)
              ? { ...r, stockCode: item.stockCode, unknown: true }
              : { ...r, stockCode: item.stockCode };
          });
        },
      }),

    async listOrders(opts, signal) {
      if (!Number.isSafeInteger(opts.pageStart) || opts.pageStart < 0 || !(opts.pageSize >= 1)) {
        throw new IntegrationError(
          "fatal",
          `Cannot list orders as pageStart must be ≥ 0 and pageSize ≥ 1: current values are ${opts.pageStart}, ${opts.pageSize}`,
          { system: "qukasoft", subject: "listOrders" },
        );
      }
      const query: Record<string, string | number> = {
        [QUERY.pageStart]: opts.pageStart,
        [QUERY.pageSize]: opts.pageSize,
        [QUERY.orderBy]: QUERY.orderById,
        [QUERY.sort]: opts.sort,
      };
      if (opts.status !== undefined) query[QUERY.status] = opts.status;
      const page = await request(sites.orders, pageOf(wireOrder), { query }, signal);
      return {
        total: page.total,
        pageSize: page.pageSize,
        list: mapped(sites.orders, () => page.list.map(toQOrder)),
      };
    },

    async setTransferred(code, erpReference, signal) {
      const site = { ...sites.transferred, action: `mark order "${code}" transferred` };
      await request(site, setTransferredResult, { body: { code, erpReference } }, signal);
    },
  };
}

/**
 * The key or secret as fetch sends it, a header: without the whitespace around it (a line break read from a
 * file along with it), which fetch strips too, so the errors' masking matches what the store gets. Fetch
 * refuses a character beyond Latin-1 (the "…" of docs/settings.md's example left in, a zero-width space
 * copied along) or a control character but tab within it, some only as it sends, which read as a network
 * error retried for ever: told once here, naming the key and never its value.
 */
function headerValue(value: string, key: "apiKey" | "apiSecret"): string {
  const lead = /^[\t\n\r ]*/.exec(value)![0].length;
  const sent = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
  const at = [...sent].findIndex((c) => {
    const code = c.codePointAt(0)!;
    return code > 0xff || (code < 0x20 && c !== "\t") || code === 0x7f;
  });
  if (at < 0) return sent;
  const n = lead + at + 1;
  throw new IntegrationError(
    "fatal",
    `qukasoft.${key} holds a character an HTTP header cannot carry (its character ${n}): type it again, or ` +
      'paste it as plain text from the Qukasoft panel (a placeholder such as "…", or an invisible character ' +
      "copied along)",
    { system: "qukasoft", subject: `qukasoft.${key}` },
  );
}

/** The base URL as the client uses it: one store, whatever trailing slashes it was written with. */
export function storeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}

/** Runs a mapping whose money conversion may refuse an amount, as a contract break naming the call. */
function mapped<T>(site: CallSite, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw contractBreak(site, errorMessage(e));
  }
}
