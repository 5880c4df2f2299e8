/**
 * `sync products --once` tells what it does while it runs: progress lines on stderr, paced by its clock,
 * and, when it writes, the same lines in the data folder's logs/agent.log as `run` keeps them; a run the
 * last process died in is named as it is marked interrupted. A dry run leaves no log behind.
 */
import assert from "node:assert/strict";
import { runCli } from "../../cli/commands.ts";
import { openLedger } from "../../ledger/ledger.ts";
import type { ItemSpec } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

// 450 items: three batches of reads and writes.
const ITEMS: ItemSpec[] = Array.from({ length: 450 }, (_, i) => ({
  code: `GML-${1000 + i}`,
  name: `Gömlek ${i}`,
  cost: 100,
  variants: [{ barcode: `8691000${String(100000 + i)}`, stock: 2 }],
}));

/** `sync products --once <args>` in the data folder `<dataDir>/<data>`, on a clock 3 s further at each reading. */
async function syncOnce(h: SyncHarness, args: string[], doc = h.config(), data = "d") {
  const config = `${h.dataDir}/settings.json`;
  await Deno.writeTextFile(config, JSON.stringify(doc));
  const out: string[] = [];
  const err: string[] = [];
  let t = 0;
  const code = await runCli(
    ["sync", "products", "--once", ...args, "--config", config, "--data", `${h.dataDir}/${data}`],
    {
      startAgent: () => Promise.reject(new Error("not in this test")),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => (t += 3_000),
    },
  );
  return { code, out: out.join("\n"), err };
}

const agentLog = (h: SyncHarness) => Deno.readTextFile(`${h.dataDir}/d/logs/agent.log`);

Deno.test("sync products --once prints progress to stderr and logs its start, progress and outcome to agent.log", async () => {
  await using h = await syncHarness(ITEMS);
  const r = await syncOnce(h, []);
  assert.equal(r.code, 0, r.out);
  const progress = r.err.filter((l) => l.startsWith("… "));
  assert.ok(progress.length >= 2, r.err.join("\n"));
  assert.match(
    progress.at(-1)!,
    /^… \d+ items read \(\d+ variants\), \d+ stock codes written to the store; \d+ s$/,
  );
  const log = await agentLog(h);
  assert.match(log, /\[INF\] e-ticaret·cli·sync: sync products --once: started/);
  assert.ok(log.includes(progress.at(-1)!), "the progress lines are in the log too");
  assert.match(log, /sync products --once: full cycle, 450 items read, 450 created, 0 adopted/);
  assert.ok(!/\[INF\]/.test(r.err.join("\n")), "info records stay out of the screen: it has its own lines");
});

Deno.test("sync products --once says it marked a run the last process died in interrupted, on screen and in the log", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 2));
  await Deno.mkdir(`${h.dataDir}/d`);
  const before = openLedger(`${h.dataDir}/d/ledger.sqlite`);
  before.startRun("products-full"); // what a kill mid-cycle leaves
  before.close();
  const r = await syncOnce(h, []);
  assert.equal(r.code, 0, r.out);
  const line = "1 earlier run did not finish (the process was killed or crashed): marked interrupted; " +
    "this cycle redoes what it had not recorded";
  assert.ok(r.out.startsWith(`note: ${line}\n`), r.out);
  assert.match(
    await agentLog(h),
    new RegExp(`\\[WRN\\] e-ticaret·cli·sync: ${line.replace(/[()]/g, "\\$&")}`),
  );
});

Deno.test("sync products --once --dry-run prints progress too, but writes no log: it leaves nothing behind", async () => {
  await using h = await syncHarness(ITEMS);
  const r = await syncOnce(h, ["--dry-run"]);
  assert.equal(r.code, 0, r.out);
  assert.ok(r.err.some((l) => /^… \d+ items read/.test(l)), r.err.join("\n"));
  await assert.rejects(Deno.stat(`${h.dataDir}/d`), Deno.errors.NotFound);
});

Deno.test("sync products --once that fails logs why to agent.log, without the secret it was given", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 2));
  const doc = h.config() as { qukasoft: Record<string, unknown> };
  const wrong = "wrong-secret-4711";
  const r = await syncOnce(h, [], { ...doc, qukasoft: { ...doc.qukasoft, apiSecret: wrong } });
  assert.equal(r.code, 1, r.out);
  const log = await agentLog(h);
  assert.match(log, /\[INF\] e-ticaret·cli·sync: sync products --once: started/);
  assert.match(
    log,
    /\[WRN\] e-ticaret·cli·sync: sync products --once failed \(fatal\): .*check qukasoft\.apiKey/,
  );
  assert.ok(!log.includes(wrong) && !r.out.includes(wrong) && !r.err.join("\n").includes(wrong));
});

Deno.test("an SQL error quoting the password fails the sync with it masked, on screen and in agent.log", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 2));
  const password = String((h.config().nebim as { sql: { password: string } }).sql.password);
  // What a driver or a proxy may say: the password is never to be written anywhere.
  h.sims.sqlFaults.once("error", {
    match: "nebim:onHand",
    detail: `Login failed: password '${password}' refused`,
  });
  const r = await syncOnce(h, []);
  assert.notEqual(r.code, 0, r.out);
  const log = await agentLog(h);
  assert.match(log, /password '\*\*\*\*\*\*\*\*' refused/);
  for (const text of [log, r.out, r.err.join("\n")]) assert.ok(!text.includes(password), text);
});

Deno.test({
  name: "a line written before it is logged keeps its braces: a data folder named {x} is said as named",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await using h = await syncHarness(ITEMS.slice(0, 1));
    // A folder others may read is narrowed, and said so with its path (on stderr: agent.log is not open yet).
    // A text the logger took for a template had its {…} replaced by "undefined".
    const data = "d{dataDir}";
    Deno.mkdirSync(`${h.dataDir}/${data}`, { mode: 0o755 });
    Deno.chmodSync(`${h.dataDir}/${data}`, 0o755);
    const r = await syncOnce(h, [], h.config(), data);
    assert.equal(r.code, 0, r.out);
    const said = r.err.filter((l) => l.includes("narrowed to owner-only"));
    assert.equal(said.length, 1, r.err.join("\n"));
    assert.ok(said[0]!.includes(`${h.dataDir}/${data} (was 0755)`), said[0]!);
  },
});
