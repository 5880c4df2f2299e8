/**
 * `deno task sim`: the three simulators on loopback with a generated (or loaded) data set. The first line
 * of output is one JSON object with the settings to reach them; the process runs until Ctrl+C.
 *
 *   deno task sim [--variants N] [--seed S] [--orders N] [--nebim-data FILE] [--store-data FILE]
 *   deno task sim --write-nebim-data FILE --variants N --seed S     (writes the data set and exits)
 * @module
 */

import { parseArgs } from "node:util";
import { loadSimData, SIM_OPTIONS } from "./load.ts";
import { startSimulators } from "./start.ts";

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    options: SIM_OPTIONS,
    strict: true,
  });
  let loaded;
  try {
    loaded = await loadSimData(values);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  if (values["write-nebim-data"]) {
    await Deno.writeTextFile(
      values["write-nebim-data"],
      JSON.stringify(loaded.data.toJson(), null, 1) + "\n",
    );
    console.error(`wrote ${values["write-nebim-data"]}`);
    return 0;
  }
  const sims = await startSimulators({
    data: loaded.data,
    store: loaded.store,
    sqlPort: Number(values["sql-port"] ?? 0),
    integratorPort: Number(values["integrator-port"] ?? 0),
    qukasoftPort: Number(values["qukasoft-port"] ?? 0),
    qukasoftRatePer10s: values["rate"] ? Number(values["rate"]) : undefined,
  });
  console.log(JSON.stringify(sims.settings));
  console.error(
    `simulators up: ${loaded.summary}; SQL 127.0.0.1:${sims.tds.port}, Integrator ${sims.integrator.baseUrl}, ` +
      `Qukasoft ${sims.qukasoft.baseUrl} (Ctrl+C stops)`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    Deno.addSignalListener("SIGINT", stop);
    if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
  });
  await sims.close();
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
