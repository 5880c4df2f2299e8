import assert from "node:assert/strict";
import { loadConfig, openState } from "../../cli/state.ts";
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
    // An agent that has synced; the operator edits the file and checks it before restarting.
    const old = parseSettings({ nebim: { sql: { database: "V3", user: "ro", password: "old" } } });
    const ledger = openLedger(`${dir}/ledger.sqlite`);
    ledger.putSettings(old);
    ledger.setBookmark("products", "2026-11-01T10:00:00.000Z");
    ledger.close();
    // A rotated password: a `run` applies it, so nothing to say.
    const rotated = { nebim: { sql: { database: "V3", user: "ro", password: "new" } } };
    const mended = await openState(dir, rotated, { dryRun: true, check: true });
    await mended.close();
    assert.equal(mended.settings.current().nebim.sql.password, "new", "check tests the file");
    assert.equal(mended.notice, undefined);
    // The grouping: a `run` keeps the ledger's once something is synced. A check that passes here, then an
    // agent that does not do what the file says.
    const regrouped = { ...rotated, catalog: { groupBy: "itemColor" } };
    const st = await openState(dir, regrouped, { dryRun: true, check: true });
    await st.close();
    assert.equal(st.settings.current().catalog.groupBy, "itemColor", "check tests the file");
    assert.match(st.notice ?? "", /differs at catalog\.groupBy from the settings .* keeps the ledger's/);
    const same = await openState(dir, old, { dryRun: true, check: true });
    await same.close();
    assert.equal(same.notice, undefined, "nothing to say of a file the agent would use as it is");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a --config file giving a key twice is refused, naming it: JSON would keep the last one silently", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-state-" });
  try {
    // TRY-IT's own-data step: a pricing block pasted above the one the sample file already ends with. JSON
    // keeps the last: the old 25 % margin, and the store gets prices the merchant never set.
    const path = `${dir}/my-settings.json`;
    await Deno.writeTextFile(
      path,
      [
        "{",
        '  "pricing": { "site": { "percent": 30, "amount": 10 }, "ending": "0.90" },',
        '  "qukasoft": { "baseUrl": "http://127.0.0.1:18012", "apiKey": "k", "apiSecret": "s" },',
        '  "pricing": { "site": { "percent": 25, "amount": 0 } }',
        "}",
      ].join("\r\n"),
    );
    await assert.rejects(loadConfig(path), (e: Error) => {
      assert.match(
        e.message,
        /^Cannot read --config .*my-settings\.json: "pricing" is given twice \(lines 2 and 4\)/,
      );
      return true;
    });
    // Within one object only: the same key in two objects is no slip, nor in two entries of a list.
    await Deno.writeTextFile(
      path,
      '{"pricing": {"site": {"percent": 1}, "marketplace": {"percent": 1}, "special": [' +
        '{"from": 0, "to": 10, "percent": 1}, {"from": 10, "to": 20, "percent": 2}]}}',
    );
    assert.ok(await loadConfig(path));
    await Deno.writeTextFile(path, '{"pricing": {"special": [{"from": 0, "to": 10, "from": 5}]}}');
    await assert.rejects(loadConfig(path), /"pricing\.special\[0\]\.from" is given twice \(line 1\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
