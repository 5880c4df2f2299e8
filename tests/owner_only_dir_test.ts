/**
 * The data folder a start makes, its logs/ and feed/ are owner-only (0700) where the OS has modes, whatever
 * the umask (022 on most systems gives 0755): agent.log and the feed need no other reader.
 */
import assert from "node:assert/strict";
import { openState } from "../cli/state.ts";
import { configureLogging, stopLogging } from "../log.ts";
import { withTempDir } from "./support/temp_dir.ts";

const ignore = Deno.build.os === "windows";

function mode(path: string): string {
  return ((Deno.statSync(path).mode ?? 0) & 0o777).toString(8);
}

Deno.test({
  name: "`run`'s logging makes a new data folder and its logs/ owner-only (0700)",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-dir-", async (dir) => {
      try {
        await configureLogging({ dir: `${dir}/data/logs`, console: false });
      } finally {
        await stopLogging();
      }
      assert.deepEqual([mode(`${dir}/data`), mode(`${dir}/data/logs`)], ["700", "700"]);
    }),
});

Deno.test({
  name: "a one-shot sync makes a new data folder owner-only (0700); one already there keeps its mode",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-dir-", async (dir) => {
      const st = await openState(`${dir}/data`, undefined, { dryRun: false });
      await st.close();
      assert.equal(mode(`${dir}/data`), "700");
      await Deno.mkdir(`${dir}/shared`, { mode: 0o750 });
      Deno.chmodSync(`${dir}/shared`, 0o750);
      await (await openState(`${dir}/shared`, undefined, { dryRun: false })).close();
      assert.equal(mode(`${dir}/shared`), "750");
    }),
});
