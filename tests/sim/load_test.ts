/**
 * The simulators' data (sim/load.ts): `--nebim-data` and `--store-data` files load, every error names the
 * file and the problem, and `--write-nebim-data` through the real `deno task sim` command line writes a
 * file that `--nebim-data` loads back.
 */
import assert from "node:assert/strict";
import { loadSimData } from "../../sim/load.ts";
import { generateNebim } from "../../sim/generate/nebim.ts";
import { FIXTURES, ROOT, runTask, startSim } from "../tryit/processes.ts";

const NEBIM_EXAMPLE = `${ROOT}examples/nebim-dataset.example.json`;
const STORE_EXAMPLE = `${ROOT}examples/store-dataset.example.json`;

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-load-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** loadSimData's rejection message. */
async function loadError(args: Parameters<typeof loadSimData>[0]): Promise<string> {
  try {
    await loadSimData(args);
  } catch (e) {
    assert.ok(e instanceof Error);
    return e.message;
  }
  assert.fail("loaded, but the input is bad");
}

Deno.test("a data set without cdWarehouse (an older export) loads; its warehouses are taken from trStock, and said", async () => {
  await withDir(async (dir) => {
    const file = `${dir}/older.json`;
    const stock = (StockID: number, WarehouseCode: string) => ({
      StockID,
      ItemTypeCode: 1,
      ItemCode: "A",
      WarehouseCode,
    });
    await Deno.writeTextFile(
      file,
      JSON.stringify({ trStock: [stock(1, "W01"), stock(2, "w01 "), stock(3, "MRK")] }),
    );
    const loaded = await loadSimData({ "nebim-data": file });
    assert.deepEqual(loaded.data.rows("cdWarehouse").map((r) => r.WarehouseCode), ["W01", "MRK"]);
    assert.match(loaded.summary, /\(no cdWarehouse in the file: warehouses W01, MRK taken from trStock\)$/);
    // A file with the table, even empty, is taken as it is.
    await Deno.writeTextFile(file, JSON.stringify({ trStock: [stock(1, "W01")], cdWarehouse: [] }));
    assert.deepEqual((await loadSimData({ "nebim-data": file })).data.rows("cdWarehouse"), []);
  });
});

Deno.test("loadSimData() loads both example files as they are", async () => {
  const loaded = await loadSimData({ "nebim-data": NEBIM_EXAMPLE, "store-data": STORE_EXAMPLE });
  assert.equal(loaded.data.rows("prItemVariant").length, 8);
  assert.equal(loaded.data.rows("cdItem").length, 2);
  assert.deepEqual(loaded.store.orders.map((o) => o.code), ["WEB-000501"]);
  assert.equal(loaded.summary, "8 variants, 0 store products, 1 store orders");
});

Deno.test("loadSimData() loads the try-it files; without --store-data, orders are made for its barcodes", async () => {
  const both = await loadSimData({
    "nebim-data": `${FIXTURES}nebim.json`,
    "store-data": `${FIXTURES}store.json`,
  });
  assert.equal(both.summary, "6 variants, 1 store products, 1 store orders");
  const nebimOnly = await loadSimData({ "nebim-data": `${FIXTURES}nebim.json`, orders: "3", seed: "9" });
  assert.equal(nebimOnly.store.orders.length, 3);
  const barcodes = new Set(nebimOnly.data.rows("prItemBarcode").map((r) => r.Barcode));
  for (const o of nebimOnly.store.orders) {
    for (const line of o.products) assert.ok(barcodes.has(line.stockCode), line.stockCode);
  }
});

Deno.test("loadSimData(): a missing or unparsable file is named with the flag and the reason", async () => {
  await withDir(async (dir) => {
    assert.match(
      await loadError({ "nebim-data": `${dir}/yok.json` }),
      new RegExp(`^Cannot read --nebim-data ${dir}/yok\\.json: .*No such file`),
    );
    assert.match(
      await loadError({ "store-data": `${dir}/yok.json`, variants: "5" }),
      new RegExp(`^Cannot read --store-data ${dir}/yok\\.json: `),
    );
    await Deno.writeTextFile(`${dir}/bozuk.json`, '{"cdItem": [\n');
    assert.match(
      await loadError({ "nebim-data": `${dir}/bozuk.json` }),
      new RegExp(`^Cannot parse --nebim-data ${dir}/bozuk\\.json as JSON: `),
    );
    assert.match(
      await loadError({ "store-data": `${dir}/bozuk.json`, variants: "5" }),
      new RegExp(`^Cannot parse --store-data ${dir}/bozuk\\.json as JSON: `),
    );
  });
});

Deno.test("loadSimData(): a malformed data set is named with the file, table, row and column", async () => {
  await withDir(async (dir) => {
    const nebim = `${dir}/nebim.json`;
    await Deno.writeTextFile(nebim, JSON.stringify({ cdItem: [{ ItemTypeCode: 1 }] }));
    assert.equal(
      await loadError({ "nebim-data": nebim }),
      `${nebim}: Cannot load cdItem row 0: missing required column "ItemCode"`,
    );
    const store = `${dir}/store.json`;
    const example = JSON.parse(await Deno.readTextFile(STORE_EXAMPLE));
    example.orders[0].products[0].quantity = "bir";
    await Deno.writeTextFile(store, JSON.stringify(example));
    const message = await loadError({ "nebim-data": NEBIM_EXAMPLE, "store-data": store });
    assert.ok(message.startsWith(`${store}: `), message);
    assert.match(message, /orders\[0\]\.products\[0\]\.quantity/);
  });
});

Deno.test("loadSimData(): out-of-range numbers name the flag", async () => {
  assert.match(await loadError({ variants: "-1" }), /^--variants must be an integer 0\.\.200000: got -1$/);
  assert.match(await loadError({ variants: "5", seed: "x" }), /^--seed must be an integer/);
});

Deno.test("`deno task sim -- --write-nebim-data` writes a data set that `--nebim-data` loads back", async () => {
  await withDir(async (dir) => {
    const file = `${dir}/uretilen.json`;
    const written = await runTask("sim", ["--write-nebim-data", file, "--variants", "40", "--seed", "7"]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, new RegExp(`wrote ${file}`));
    assert.equal(written.stdout, "", "writing prints no settings line");
    const json = JSON.parse(await Deno.readTextFile(file));
    // The same seed and size give the same data set (the generator's dates are fixed, not the clock's).
    assert.deepEqual(json, generateNebim({ variants: 40, seed: 7 }).data.toJson());

    const sim = await startSim(["--nebim-data", file]);
    try {
      assert.equal(sim.settings.nebimSql.host, "127.0.0.1");
      assert.ok(sim.settings.nebimSql.port > 0);
      assert.match(sim.settings.qukasoft.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(sim.stderr(), /simulators up: 40 variants, 0 store products, 20 store orders/);
    } finally {
      assert.equal(await sim.close(), 0, sim.stderr());
    }
  });
});

Deno.test("`deno task sim` with a malformed file exits 2 naming file, table, row and column", async () => {
  await withDir(async (dir) => {
    const file = `${dir}/nebim.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        cdItem: [{ ItemTypeCode: 1, ItemCode: "A" }, { ItemTypeCode: 1, ItemCode: "A", IsBlocked: "evet" }],
      }),
    );
    const out = await runTask("sim", ["--nebim-data", file]);
    assert.equal(out.code, 2);
    assert.equal(out.stdout, "");
    assert.equal(
      out.stderr.trim(),
      `${file}: Cannot load cdItem row 1: column "IsBlocked" must be true/false or 0/1 (got "evet")`,
    );
  });
});

Deno.test("`deno task sim` usage errors exit 2 with a one-line reason, not a stack trace", async () => {
  await withDir(async (dir) => {
    const cases: [string[], RegExp][] = [
      [["--nebim-dat", "x.json"], /^Unknown option '--nebim-dat'/],
      [["--sql-port", "on dört"], /^--sql-port must be a port 0\.\.65535: got on dört/],
      [["--rate", "0"], /^--rate must be a positive integer: got 0/],
      [
        ["--write-nebim-data", `${dir}/yok/x.json`, "--variants", "5"],
        /^Cannot write --write-nebim-data .*yok\/x\.json: /,
      ],
    ];
    for (const [args, expected] of cases) {
      const out = await runTask("sim", args);
      assert.equal(out.code, 2, args.join(" "));
      assert.match(out.stderr, expected);
      assert.doesNotMatch(out.stderr, /\bat .*\.ts:\d+/, "no stack trace");
    }
  });
});

Deno.test("`deno task sim` on a port in use exits 1 saying the simulators could not start", async () => {
  using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const out = await runTask("sim", ["--variants", "5", "--sql-port", String(taken.addr.port)]);
  assert.equal(out.code, 1);
  assert.match(out.stderr, /^Cannot start the simulators: .*(in use|AddrInUse)/im);
});
