/**
 * The data behind the simulators: generated from a seed, or loaded from the data-set files of DESIGN §9
 * (`--nebim-data FILE`, `--store-data FILE`). Shared by `sim` and `demo`.
 * @module
 */

import { readJsonFile } from "../json_file.ts";
import { DataSetError, NebimDataSet } from "./nebim/dataset.ts";
import { generateNebim } from "./generate/nebim.ts";
import { generateStoreOrders } from "./generate/store.ts";
import { loadStoreData } from "./qukasoft/server.ts";
import type { StoreData } from "./qukasoft/types.ts";
import { errorMessage } from "./error_message.ts";

export const SIM_OPTIONS = {
  variants: { type: "string" },
  seed: { type: "string" },
  orders: { type: "string" },
  anomalies: { type: "boolean" },
  "nebim-data": { type: "string" },
  "store-data": { type: "string" },
  "write-nebim-data": { type: "string" },
  "sql-port": { type: "string" },
  "integrator-port": { type: "string" },
  "qukasoft-port": { type: "string" },
  rate: { type: "string" },
} as const;

export interface SimDataArgs {
  variants?: string;
  seed?: string;
  orders?: string;
  anomalies?: boolean;
  "nebim-data"?: string;
  "store-data"?: string;
}

export interface LoadedSimData {
  data: NebimDataSet;
  store: StoreData;
  summary: string;
}

function positiveInt(name: string, text: string | undefined, dflt: number, max: number): number {
  if (text === undefined) return dflt;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new RangeError(`--${name} must be an integer 0..${max}: got ${text}`);
  }
  return n;
}

/** Builds the data set from the arguments; throws an Error whose message names the file, table, row, column. */
export async function loadSimData(args: SimDataArgs, now?: Date): Promise<LoadedSimData> {
  const seed = positiveInt("seed", args.seed, 42, 2 ** 31);
  let data: NebimDataSet;
  let stockCodes: string[];
  if (args["nebim-data"]) {
    const json = await readJsonFile(args["nebim-data"], "--nebim-data");
    try {
      data = NebimDataSet.fromJson(json);
    } catch (e) {
      if (e instanceof DataSetError) throw new Error(`${args["nebim-data"]}: ${e.message}`);
      throw e;
    }
    stockCodes = data.rows("prItemBarcode").map((r) => String(r.Barcode));
  } else {
    const variants = positiveInt("variants", args.variants, 2_000, 200_000);
    const gen = generateNebim({ variants, seed, anomalies: args.anomalies ?? false, now });
    data = gen.data;
    stockCodes = gen.stockCodes;
  }
  let store: StoreData;
  if (args["store-data"]) {
    const json = await readJsonFile(args["store-data"], "--store-data");
    try {
      store = loadStoreData(json);
    } catch (e) {
      throw new Error(`${args["store-data"]}: ${errorMessage(e)}`);
    }
  } else {
    const orders = stockCodes.length ? positiveInt("orders", args.orders, 20, 100_000) : 0;
    store = { products: [], orders: orders ? generateStoreOrders({ seed, orders, stockCodes, now }) : [] };
  }
  const derived = data.derivedWarehouses;
  // An older export without cdWarehouse still loads: the agent's warehouse check then sees trStock's codes.
  const warehouses = derived.length
    ? ` (no cdWarehouse in the file: warehouses ${derived.join(", ")} taken from trStock)`
    : "";
  const summary = `${data.rows("prItemVariant").length} variants, ${store.products.length} store products, ` +
    `${store.orders.length} store orders${warehouses}`;
  return { data, store, summary };
}
