/**
 * `sync products --once <args>` through the command line, on a harness's simulators: `doc` written as the
 * --config file, in the data folder `<dataDir>/d`.
 * @module
 */

import { runCli } from "../../cli/commands.ts";
import type { SyncHarness } from "./sync_harness.ts";

export async function syncOnce(
  h: SyncHarness,
  args: string[],
  doc: unknown = h.config(),
): Promise<{ code: number; out: string; err: string }> {
  const config = `${h.dataDir}/settings.json`;
  await Deno.writeTextFile(config, JSON.stringify(doc));
  const lines: string[] = [];
  const errs: string[] = [];
  const code = await runCli(
    ["sync", "products", "--once", ...args, "--config", config, "--data", `${h.dataDir}/d`],
    {
      startAgent: () => Promise.reject(new Error("not in this test")),
      out: (l) => lines.push(l),
      err: (l) => errs.push(l),
    },
  );
  return { code, out: lines.join("\n"), err: errs.join("\n") };
}
