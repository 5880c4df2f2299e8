/**
 * `deno task demo`: the three simulators with a generated Turkish catalogue, and the agent wired to them.
 * The store starts with no products and a batch of new orders; the catalogue arrives in the store, and a
 * few seconds later a stock movement in Nebim shows the incremental sync. First line of output: the
 * simulators' settings (JSON); then the agent's health URL. Ctrl+C stops everything.
 *
 *   deno task demo [--variants N] [--seed S] [--orders N] [--nebim-data FILE] [--store-data FILE]
 * @module
 */

import { parseArgs } from "node:util";
import { configureLogging, stopLogging } from "./log.ts";
import { startAgent } from "./main.ts";
import { loadSimData, SIM_OPTIONS } from "./sim/load.ts";
import { agentSettingsFor, startSimulators } from "./sim/start.ts";
import { errorMessage } from "./errors.ts";
import { enterTaskFolder } from "./task_cwd.ts";

enterTaskFolder(new URL(".", import.meta.url));
const args = Deno.args[0] === "--" ? Deno.args.slice(1) : Deno.args;
let loaded;
try {
  const { values } = parseArgs({ args, options: SIM_OPTIONS, strict: true });
  loaded = await loadSimData({ variants: "1000", ...values });
} catch (e) {
  console.error(errorMessage(e));
  Deno.exit(2);
}
const sims = await startSimulators({ data: loaded.data, store: loaded.store });
console.log(JSON.stringify(sims.settings));

await configureLogging({ console: true, level: "info" });
const dataDir = await Deno.makeTempDir({ prefix: "e-ticaret-demo-" });
const agent = await startAgent({
  dataDir,
  port: 0,
  configDoc: {
    ...agentSettingsFor(sims.settings),
    schedule: { productsEverySec: 5, fullReconcileEveryMin: 60, ordersEverySec: 30 },
  },
});
console.log(`health: ${agent.healthUrl}`);
console.log(`xml feed: ${agent.feedUrl}`);
console.error(`demo: ${loaded.summary}; agent data in ${dataDir}`);

// Show the store filling up, then move some stock in Nebim to show an incremental cycle.
const store = sims.qukasoft.state;
let shown = -1;
let moved = false;
const ticker = setInterval(() => {
  const products = store.products.size;
  if (products !== shown) {
    shown = products;
    console.error(
      `demo: store now has ${products} products (${
        [...store.products.values()].reduce((n, p) => n + p.variants.length, 0)
      } variants)`,
    );
  }
  if (!moved && products > 0) {
    moved = true;
    const v = sims.data.rows("prItemVariant")[0];
    if (v) {
      sims.data.insert("trStock", {
        StockID: 9_000_000_001,
        ItemTypeCode: 1,
        ItemCode: v.ItemCode,
        ColorCode: v.ColorCode,
        ItemDim1Code: v.ItemDim1Code,
        ItemDim2Code: v.ItemDim2Code,
        ItemDim3Code: v.ItemDim3Code,
        WarehouseCode: "W01",
        In_Qty1: 25,
        Out_Qty1: 0,
        LastUpdatedDate: sims.data.clock(),
      });
      console.error(`demo: received 25 × ${v.ItemCode}/${v.ColorCode}/${v.ItemDim1Code} into W01 in Nebim`);
    }
  }
}, 2_000);

await new Promise<void>((resolve) => {
  const stop = () => resolve();
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
});
clearInterval(ticker);
await agent.stop();
await sims.close();
await stopLogging();
await Deno.remove(dataDir, { recursive: true }).catch(() => {});
Deno.exit(0);
