/**
 * `sync products --once --csv FILE` on the simulators: the screen keeps its first 500 rows, the file has
 * every row and every problem; a path that cannot be written is refused before anything is read or sent.
 */
import assert from "node:assert/strict";
import { openLedger } from "../../ledger/ledger.ts";
import { type ItemSpec, plainItems } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { syncOnce } from "../support/sync_once_cli.ts";
import { GOMLEK } from "../support/items.ts";

// 520 good items (more rows than the screen's 500) and one with no price: a problem.
const ITEMS: ItemSpec[] = [
  ...Array.from({ length: 520 }, (_, i) => ({
    code: `KZK-${1000 + i}`,
    name: `Yün Kazak ${i}`,
    cost: 100,
    variants: [{ barcode: `8690000${String(100000 + i)}`, stock: 1 }],
  })),
  { code: "KZK-NOPRICE", name: "Fiyatsız", cost: null, variants: [{ barcode: "8690000999999", stock: 1 }] },
];

Deno.test("sync products --once --dry-run --csv writes every row and problem; the screen shows 500", async () => {
  await using h = await syncHarness(ITEMS);
  const csv = `${h.dataDir}/first-sync.csv`;
  const r = await syncOnce(h, ["--dry-run", "--csv", csv]);
  assert.equal(r.code, 0, r.out);
  const screen = r.out.split("\n").filter((l) => /^create\s/.test(l));
  assert.equal(screen.length, 500);
  // Every action counted before the table, which shows only the first 500 rows.
  assert.match(r.out, /^actions: 520 create, 1 held\naction {2,}stock code/m);
  assert.match(r.out, /… and 21 more\n/); // 520 creates and the held one
  assert.match(r.out, /521 rows and 1 problem written to /);
  const text = await Deno.readTextFile(csv);
  // The first four columns as before (scripts read them by position); quantity and prices appended.
  assert.ok(
    text.startsWith("\uFEFFaction;stock code;product;why;quantity;price TL;marketplace price TL\r\n"),
  );
  const lines = text.slice(1).trimEnd().split("\r\n").slice(1);
  const creates = lines.filter((l) => l.startsWith("create;")).map((l) => l.split(";"));
  assert.equal(creates.length, 520);
  for (const [, , , why, quantity, price, marketplace] of creates) {
    // The why says "price 123.45/130.00" as on screen; the columns carry the same with a decimal comma.
    const [site, market] = /price (\d+\.\d{2})\/(\d+\.\d{2})/.exec(why!)!.slice(1);
    assert.deepEqual([quantity, price, marketplace], [
      "1",
      site!.replace(".", ","),
      market!.replace(".", ","),
    ]);
  }
  const barcode = "8690000999999"; // as it is, not as Excel would show it
  assert.deepEqual(lines.filter((l) => l.startsWith("held;")).map((l) => l.split(";")[1]), [barcode]);
  // Held for having no price: Nebim's quantity, the price columns empty.
  assert.deepEqual(lines.filter((l) => l.startsWith("held;")).map((l) => l.split(";").slice(4)), [[
    "1",
    "",
    "",
  ]]);
  assert.deepEqual(lines.filter((l) => l.startsWith("problem: ")).map((l) => l.split(";").slice(0, 2)), [
    ["problem: price", barcode],
  ]);
  assert.deepEqual(h.sims.qukasoft.log.entries("/product/save"), [], "a dry run sends nothing");
});

Deno.test("a first sync products --once --csv into the data folder it makes writes the report there", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 3));
  const csv = `${h.dataDir}/d/first-sync.csv`; // <data>/first-sync.csv, <data> not made yet
  const r = await syncOnce(h, ["--csv", csv]);
  assert.equal(r.code, 0, r.err);
  assert.match(await Deno.readTextFile(csv), /^\uFEFFaction;/);
  // A dry run makes no data folder: its report there is refused, naming the path, and nothing is made.
  await Deno.remove(`${h.dataDir}/d`, { recursive: true });
  const dry = await syncOnce(h, ["--dry-run", "--csv", csv]);
  assert.equal(dry.code, 1, dry.err);
  assert.match(dry.err, /Cannot write --csv /);
  await assert.rejects(Deno.stat(`${h.dataDir}/d`), Deno.errors.NotFound);
});

Deno.test("sync products --once --csv that cannot be written is refused before a ledger is made or anything sent", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 3));
  await Deno.writeTextFile(`${h.dataDir}/a-file`, "");
  // A folder that is not there, a "folder" that is a file, a folder: each refused before the ledger is
  // made, which had left a new data folder with a seeded ledger behind a one-off report.
  for (const csv of [`${h.dataDir}/no/such/folder/out.csv`, `${h.dataDir}/a-file/out.csv`, h.dataDir]) {
    const r = await syncOnce(h, ["--csv", csv]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, new RegExp(`Cannot write --csv ${csv}: `));
    await assert.rejects(Deno.stat(`${h.dataDir}/d`), Deno.errors.NotFound, "no data folder made");
  }
  assert.deepEqual(h.sims.qukasoft.log.entries("/product/save"), [], "nothing was sent");
});

Deno.test("sync products --once --csv: a cycle that fails leaves an earlier file as it was, and makes none", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 3));
  // SQL Server unreachable: the cycle fails at its first read.
  const doc = h.config() as { nebim: { sql: { port: number } } };
  doc.nebim.sql.port = 1;
  const kept = `${h.dataDir}/yesterday.csv`;
  await Deno.writeTextFile(kept, "yesterday's rows");
  const fresh = `${h.dataDir}/today.csv`;
  for (const csv of [kept, fresh]) {
    const r = await syncOnce(h, ["--dry-run", "--csv", csv], doc);
    assert.equal(r.code, 1, r.out);
  }
  assert.equal(await Deno.readTextFile(kept), "yesterday's rows");
  await assert.rejects(Deno.stat(fresh), Deno.errors.NotFound);
});

Deno.test("sync products --once with feed.insteadOfApi sends nothing and says why; --dry-run still plans", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 3));
  const doc = h.config({ feed: { insteadOfApi: true } });
  const r = await syncOnce(h, [], doc);
  assert.equal(r.code, 2, "a settings refusal, not a failed cycle: " + r.err);
  assert.match(r.err, /feed\.insteadOfApi is set: the store imports the XML feed, so API writes are off/);
  assert.equal(r.out, "", "a refusal is an error (stderr), not the command's answer");
  assert.deepEqual(h.sims.qukasoft.log.entries("/product/save"), [], "nothing was sent");
  // The --config file decides it for a new data folder: refused before the folder and its ledger are made.
  await assert.rejects(Deno.stat(`${h.dataDir}/d`), Deno.errors.NotFound, "no data folder made");
  // The feed's confirmation runs no cycle: a --csv it would not write is refused, not left out unsaid.
  const csv = `${h.dataDir}/held.csv`;
  const confirm = await syncOnce(h, ["--full", "--allow-mass-zero", "--csv", csv], doc);
  assert.equal(confirm.code, 2, confirm.err);
  assert.match(
    confirm.err,
    /^--csv: with feed\.insteadOfApi, --allow-mass-zero builds the XML feed and runs no cycle/,
  );
  await assert.rejects(Deno.stat(csv), Deno.errors.NotFound);
  await assert.rejects(Deno.stat(`${h.dataDir}/d`), Deno.errors.NotFound, "no data folder made");
  const dry = await syncOnce(h, ["--dry-run"], doc);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, /dry run, nothing sent: full cycle, 3 items/);
  // Not to be read as what the store will get: in this mode the feed is what it imports.
  assert.match(dry.out, /^note: feed\.insteadOfApi is set: below is what the API sync would do; /);
});

Deno.test("sync products --once turning feed.insteadOfApi on in an agent's data folder is refused, nothing sent", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 3));
  assert.equal((await syncOnce(h, [])).code, 0, "a first cycle makes the ledger");
  const sent = h.sims.qukasoft.log.entries("/product/save").length;
  // The ledger's settings with the file's edit: decided once the ledger is open, as before.
  const doc = h.config({ feed: { insteadOfApi: true } });
  for (const args of [[], ["--full", "--allow-mass-zero", "--csv", `${h.dataDir}/held.csv`]]) {
    const r = await syncOnce(h, args, doc);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^(feed\.insteadOfApi is set: |--csv: with feed\.insteadOfApi, )/);
  }
  assert.equal(h.sims.qukasoft.log.entries("/product/save").length, sent, "nothing more was sent");
});

Deno.test("sync products --once --full --allow-mass-zero zeroes what catalog.vanishLimit held, and says so", async () => {
  const items = plainItems(10, "ITM-", "86900003", 2);
  await using h = await syncHarness(items);
  const doc = h.config({ catalog: { vanishLimit: { percent: 50, atLeast: 2 } } });
  assert.equal((await syncOnce(h, ["--full"], doc)).code, 0);
  h.data.delete("cdItem", (r) => String(r.ItemCode) < "ITM-8");
  const held = await syncOnce(h, ["--full"], doc);
  // Partial: the hold waits for a person, whom a scheduled script exiting 0 would never call.
  assert.equal(held.code, 3, held.out);
  assert.match(held.out, /^held\s+8690000300000\s+ITM-0\s+vanished from Nebim, stock 0 held/m);
  assert.match(
    held.out,
    /^catalog\.vanishLimit\s+massZero\s+stock 0 held for all 8 of 10 stock codes on sale/m,
  );
  assert.match(
    held.out,
    /catalog\.vanishLimit held the zeros: 8 of 10 stock codes on sale vanished \(at most 5 go unconfirmed\)/,
  );
  assert.match(held.err, /\[WRN\] .*full cycle: stock 0 held for all 8 of 10 stock codes on sale/);
  assert.equal(h.variant("8690000300000")!.variant.quantity, 2);

  // A dry run sends nothing either way: it exits 0, its screen saying what the hold would be.
  const dry = await syncOnce(h, ["--full", "--dry-run"], doc);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, /catalog\.vanishLimit held the zeros: .*none would be set to 0/);

  const partial = await syncOnce(h, ["--allow-mass-zero"], doc);
  assert.equal(partial.code, 2);
  assert.match(partial.err, /--allow-mass-zero confirms a full cycle's zeros: give --full with it/);

  const confirmed = await syncOnce(h, ["--full", "--allow-mass-zero"], doc);
  assert.equal(confirmed.code, 0, confirmed.out);
  assert.match(
    confirmed.out,
    /--allow-mass-zero: catalog\.vanishLimit lifted for this cycle: 8 of 10 stock codes on sale vanished \(the limit allows 5\) and set to 0/,
  );
  assert.deepEqual(items.map((i) => h.variant(i.variants[0]!.barcode)!.variant.quantity), [
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    2,
    2,
  ]);
});

Deno.test("sync products --once --dry-run beside the agent: its writes in flight are said to be maybe in flight, not only failed", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 3));
  assert.equal((await syncOnce(h, [])).code, 0);
  // The running agent is sending a push: its row is written before the requests, settled by their answer.
  const agent = openLedger(`${h.dataDir}/d/ledger.sqlite`);
  try {
    agent.recordSending([], ["8690000100000"]);
  } finally {
    agent.close();
  }
  const dry = await syncOnce(h, ["--dry-run"]);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, /^price +8690000100000 .*sent again/m, "planned in doubt, as the next cycle would");
  assert.match(
    dry.out,
    /^note: 1 stock code has a write sent with no answer recorded yet: a running agent's, still in flight, /m,
  );
});

Deno.test("sync products --once --csv naming the ledger, its companions, the token, a log, the feed or the --config file is refused", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 3));
  const data = `${h.dataDir}/d`;
  assert.equal((await syncOnce(h, [])).code, 0, "a first cycle makes the data folder and its ledger");
  const ledger = await Deno.readFile(`${data}/ledger.sqlite`);
  const config = await Deno.readTextFile(`${h.dataDir}/settings.json`);
  // The XML feed's build the store imports (each build removes every other file in that folder).
  await Deno.mkdir(`${data}/feed`);
  await Deno.writeTextFile(`${data}/feed/products-1-1.xml`, "<products/>");
  // The same files spelled another way (".."): compared as the OS finds them, not as typed.
  for (
    const csv of [
      `${data}/ledger.sqlite`,
      `${data}/../d/ledger.sqlite`,
      `${data}/ledger.sqlite-wal`,
      `${data}/ledger.sqlite-shm`,
      `${data}/ledger.sqlite-journal`,
      `${data}/ledger.sqlite.lock`,
      `${data}/ledger.sqlite.owner`,
      `${data}/token`,
      `${data}/feed/products-1-1.xml`,
      `${data}/feed/report.csv`,
      `${data}/logs/agent.log`,
      `${h.dataDir}/settings.json`,
    ]
  ) {
    const r = await syncOnce(h, ["--dry-run", "--csv", csv]);
    assert.equal(r.code, 2, `${csv}: ${r.err}`);
    assert.match(r.err, /give the report a path of its own/, csv);
  }
  assert.deepEqual(await Deno.readFile(`${data}/ledger.sqlite`), ledger, "the ledger is as it was");
  assert.equal(await Deno.readTextFile(`${h.dataDir}/settings.json`), config);
  assert.equal(await Deno.readTextFile(`${data}/feed/products-1-1.xml`), "<products/>");
  // A report of its own in the data folder is fine.
  const own = await syncOnce(h, ["--dry-run", "--csv", `${data}/report.csv`]);
  assert.equal(own.code, 0, own.err);
});

Deno.test("sync products --once --csv reaching the ledger through a symlinked data folder or a symlink is refused", async () => {
  await using h = await syncHarness(ITEMS.slice(0, 3));
  // The data folder a link to where it really is (another disk, a junction on Windows).
  const real = `${h.dataDir}/real`;
  await Deno.mkdir(real);
  await Deno.symlink(real, `${h.dataDir}/d`);
  assert.equal((await syncOnce(h, [])).code, 0, "a first cycle makes the ledger");
  const ledger = await Deno.readFile(`${real}/ledger.sqlite`);
  await Deno.symlink(`${real}/ledger.sqlite`, `${h.dataDir}/report.csv`);
  for (const csv of [`${real}/ledger.sqlite`, `${real}/token`, `${h.dataDir}/report.csv`]) {
    const r = await syncOnce(h, ["--dry-run", "--csv", csv]);
    assert.equal(r.code, 2, `${csv}: ${r.err}`);
    assert.match(r.err, /give the report a path of its own/, csv);
  }
  assert.deepEqual(await Deno.readFile(`${real}/ledger.sqlite`), ledger, "the ledger is as it was");
});

Deno.test("sync products --once --dry-run's summary counts the stock codes a real run then says it updated", async () => {
  await using h = await syncHarness([GOMLEK]);
  assert.equal((await syncOnce(h, [])).code, 0);
  // A new VAT rate: the product's rate (one product/save) and both variants' VAT-inclusive prices change.
  h.clock.advance(60_000);
  h.data.update("cdItem", (r) => r.ItemCode === GOMLEK.code, { ItemTaxGrCode: "%20" });
  const dry = await syncOnce(h, ["--dry-run"]);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, /^actions: 1 vat, 2 price$/m);
  const real = await syncOnce(h, []);
  assert.equal(real.code, 0, real.out);
  const counted = (out: string, verb: string) => new RegExp(`${verb} (\\d+)`).exec(out)?.[1];
  assert.equal(counted(real.out, "updated"), "2", real.out);
  assert.equal(counted(dry.out, "would update"), counted(real.out, "updated"), dry.out);
});
