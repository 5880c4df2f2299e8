import assert from "node:assert/strict";
import { openState } from "../../cli/state.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { parseSettings } from "../../settings/mod.ts";

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

Deno.test("check of a --config file says when the data folder's agent keeps other settings than the file's", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-state-" });
  try {
    // An agent that has synced under a password since rotated: the operator mends the file and checks it.
    const old = parseSettings({ nebim: { sql: { database: "V3", user: "ro", password: "old" } } });
    const ledger = openLedger(`${dir}/ledger.sqlite`);
    ledger.putSettings(old);
    ledger.setBookmark("products", "2026-11-01T10:00:00.000Z");
    ledger.close();
    const file = { nebim: { sql: { database: "V3", user: "ro", password: "new" } } };
    const st = await openState(dir, file, { dryRun: true, check: true });
    try {
      assert.equal(st.settings.current().nebim.sql.password, "new", "check tests the file");
      // A check that passes here, then a `run` on the same folder that keeps failing on the old password.
      assert.match(
        st.notice ?? "",
        /differs at nebim\.sql\.password from the settings .* keeps the ledger's/,
      );
    } finally {
      await st.close();
    }
    const same = await openState(dir, old, { dryRun: true, check: true });
    await same.close();
    assert.equal(same.notice, undefined, "nothing to say of a file the agent would use as it is");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
