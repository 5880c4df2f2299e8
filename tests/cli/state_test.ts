import assert from "node:assert/strict";
import { openState } from "../../cli/state.ts";

Deno.test("openState() refuses a ledger it cannot look at, naming it, rather than taking it for none", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-state-" });
  try {
    // --data naming a file: its ledger.sqlite is "not a directory", not "not found".
    const dataDir = `${dir}/not-a-folder`;
    await Deno.writeTextFile(dataDir, "");
    await assert.rejects(
      openState(dataDir, undefined, { dryRun: true }),
      (e: Error) => e.message.startsWith(`Cannot tell whether the ledger ${dataDir}/ledger.sqlite exists: `),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
