/**
 * `deno task sim`: the three simulators on loopback with a generated (or loaded) data set. The first line
 * of output is one JSON object with the settings to reach them; the process runs until Ctrl+C.
 *
 *   deno task sim [--variants N] [--seed S] [--orders N] [--nebim-data FILE] [--store-data FILE]
 *                 [--sql-port P] [--integrator-port P] [--qukasoft-port P] [--rate N]
 *   deno task sim --write-nebim-data FILE --variants N --seed S     (writes the data set and exits)
 *
 * Exit codes: 0 done, 1 the simulators could not start (e.g. a port in use), 2 bad arguments or data.
 * @module
 */

import { parseArgs } from "node:util";
import { loadSimData, SIM_OPTIONS } from "./load.ts";
import { startSimulators } from "./start.ts";
import { errorMessage } from "./error_message.ts";
import { enterTaskFolder } from "../task_cwd.ts";

const USAGE = "usage: deno task sim [--variants N] [--seed S] [--orders N] [--nebim-data FILE] " +
  "[--store-data FILE] [--sql-port P] [--integrator-port P] [--qukasoft-port P] [--rate N]\n" +
  "       deno task sim --write-nebim-data FILE [--variants N] [--seed S]";

/** A port flag: 0 (any free port) to 65535; anything else is a usage error, not NaN passed to listen. */
function portArg(name: string, text: string | undefined): number {
  if (text === undefined) return 0;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65_535) {
    throw new RangeError(`--${name} must be a port 0..65535: got ${text}`);
  }
  return n;
}

/** Qukasoft's requests per 10 s: a positive integer, or undefined for the simulator's default. */
function rateArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new RangeError(`--rate must be a positive integer: got ${text}`);
  return n;
}

async function main(args: string[]): Promise<number> {
  let values;
  let net;
  try {
    ({ values } = parseArgs({
      args: args[0] === "--" ? args.slice(1) : args,
      options: SIM_OPTIONS,
      strict: true,
    }));
    net = {
      sqlPort: portArg("sql-port", values["sql-port"]),
      integratorPort: portArg("integrator-port", values["integrator-port"]),
      qukasoftPort: portArg("qukasoft-port", values["qukasoft-port"]),
      qukasoftRatePer10s: rateArg(values["rate"]),
    };
  } catch (e) {
    console.error(`${errorMessage(e)}\n${USAGE}`);
    return 2;
  }
  let loaded;
  try {
    loaded = await loadSimData(values);
  } catch (e) {
    console.error(errorMessage(e));
    return 2;
  }
  const out = values["write-nebim-data"];
  if (out) {
    try {
      await Deno.writeTextFile(out, JSON.stringify(loaded.data.toJson(), null, 1) + "\n");
    } catch (e) {
      console.error(`Cannot write --write-nebim-data ${out}: ${errorMessage(e)}`);
      return 2;
    }
    console.error(`wrote ${out}`);
    return 0;
  }
  let sims;
  try {
    sims = await startSimulators({
      data: loaded.data,
      store: loaded.store,
      ...net,
    });
  } catch (e) {
    console.error(`Cannot start the simulators: ${errorMessage(e)}`);
    return 1;
  }
  // Listen for the stop signal before printing the settings: a script may send it as soon as it reads them.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    Deno.addSignalListener("SIGINT", stop);
    if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
  });
  console.log(JSON.stringify(sims.settings));
  console.error(
    `simulators up: ${loaded.summary}; SQL 127.0.0.1:${sims.tds.port}, Integrator ${sims.integrator.baseUrl}, ` +
      `Qukasoft ${sims.qukasoft.baseUrl} (Ctrl+C stops)`,
  );
  await stopped;
  await sims.close();
  return 0;
}

if (import.meta.main) {
  enterTaskFolder(new URL("../", import.meta.url));
  Deno.exit(await main(Deno.args));
}
