/**
 * Starts the Qukasoft API simulator on 127.0.0.1 (an ephemeral port unless told otherwise).
 * @module
 */

import { FaultInjector, RequestLog } from "../faults.ts";
import { createQukasoftApp, DroppedConnection, type QukasoftAppOptions } from "./app.ts";
import { StoreState } from "./state.ts";
import type { StoreData } from "./types.ts";
import type { StoreQuirks } from "./numbers_as_text.ts";

export { createQukasoftApp } from "./app.ts";
export { StoreState } from "./state.ts";
export { loadStoreData, StoreDataError } from "./dataset.ts";
export type { StoreData, StoreOrder, StoreProduct } from "./types.ts";
export type { StoreQuirks } from "./numbers_as_text.ts";

export interface QukasoftSimOptions extends QukasoftAppOptions {
  /** Reported by GET /auth. @default {"Simülasyon Mağaza"} */
  storeName?: string;
  /** @default {0} (ephemeral) */
  port?: number;
  /** The store's initial products and orders (see {@linkcode loadStoreData}); copied, never changed. */
  data?: StoreData;
}

export interface QukasoftSim {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  readonly baseUrl: string;
  /** Products by code and orders, for tests to inspect and to add orders to. */
  readonly state: StoreState;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  /** Behaviour beyond the contract's letter (numbers as strings, …); a test may change it at any time. */
  readonly quirks: StoreQuirks;
  close(): Promise<void>;
}

export function startQukasoftSim(options: QukasoftSimOptions): Promise<QukasoftSim> {
  const state = new StoreState(options.storeName ?? "Simülasyon Mağaza", options.data);
  const faults = options.faults ?? new FaultInjector();
  const log = options.log ?? new RequestLog();
  const quirks = options.quirks ?? { numbersAsText: false };
  const app = createQukasoftApp(state, { ...options, faults, log, quirks });
  return new Promise((resolve) => {
    const server = Deno.serve({
      hostname: "127.0.0.1",
      port: options.port ?? 0,
      // Deno reports a body stream that errors; an injected drop is expected, anything else is not.
      onError: (error) => {
        if (!(error instanceof DroppedConnection)) console.error("Qukasoft simulator:", error);
        return new Response(null, { status: 500 });
      },
      onListen: ({ port }) => {
        resolve({
          baseUrl: `http://127.0.0.1:${port}`,
          state,
          log,
          faults,
          quirks,
          close: () => server.shutdown(),
        });
      },
    }, app.fetch);
  });
}
