/**
 * docs/TRY-IT.md is exact: its commands run as written (only the fixed ports, the settings file and the data
 * folder are swapped for a test's own) and print what the page shows; its export SELECTs read only, with
 * NOLOCK, name real columns and give the loader every required column; its jq line turns bcp's files into a
 * data set that loads. Code blocks are found by the HTML comment above them (`<!-- run: check -->`).
 */
import assert from "node:assert/strict";
import { type Schema, validate, validateWithSchema } from "@polyglot-sql/sdk";
import { USED_COLUMNS } from "../../nebim/sql/used_columns.ts";
import { mergePatch, parseSettings } from "../../settings/mod.ts";
import { NebimDataSet } from "../../sim/nebim/dataset.ts";
import { NEBIM_TABLES, requiredColumns, tableDef } from "../../sim/nebim/schema.ts";
import { FIXTURES, ROOT, runTask, settingsFor, startSim, storeProducts } from "./processes.ts";

const DOC = await Deno.readTextFile(`${ROOT}docs/TRY-IT.md`);
const SNAPSHOT = JSON.parse(
  await Deno.readTextFile(`${ROOT}tests/nebim/sql/schema_snapshot.json`),
) as { tables: { name: string; schema: string; columns: { name: string; type: string }[] }[] };
const PORTS = { sql: "14330", integrator: "18011", qukasoft: "18012" };
/**
 * Codes the Integrator simulator checks a posted order against (sim/integrator/orders.ts), besides those the
 * product sync reads (cdWarehouse: catalog.warehouses is checked there too).
 */
const ORDER_TABLES = [
  "cdCurrAcc",
  "cdOffice",
  "cdDeliveryCompany",
  "cdCreditCardType",
  "cdOrderCancelReason",
];

/** The fenced block right after `<!-- marker -->`. */
function block(marker: string): string {
  const m = new RegExp(`<!-- ${marker} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  assert.ok(m, `docs/TRY-IT.md has a code block marked "${marker}"`);
  return m[1]!;
}

/** A command line split into words as a shell would (double quotes only, which the page uses). */
function words(line: string): string[] {
  return [...line.trim().matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** The words after `deno task NAME --`. */
function taskCommand(marker: string, name: "sim" | "start"): string[] {
  const w = words(block(marker));
  assert.deepEqual(w.slice(0, 4), ["deno", "task", name, "--"], block(marker));
  return w.slice(4);
}

function replaceWords(args: string[], swap: Record<string, string>): string[] {
  return args.map((a) => swap[a] ?? a);
}

/** Sim arguments with the page's fixed ports made 0 (any free port): tests run side by side. */
function anyPorts(args: string[]): string[] {
  return args.map((a, i) => (/^--(sql|integrator|qukasoft)-port$/.test(args[i - 1] ?? "") ? "0" : a));
}

async function hasCommand(name: string): Promise<boolean> {
  try {
    return (await new Deno.Command(name, { args: ["--version"], stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

Deno.test("TRY-IT part 1: each command runs as written and prints what the page shows", async (t) => {
  const simArgs = taskCommand("run: sim-sample", "sim");
  for (const [flag, port] of [["--sql-port", PORTS.sql], ["--integrator-port", PORTS.integrator]]) {
    assert.equal(simArgs[simArgs.indexOf(flag!) + 1], port);
  }
  assert.equal(
    block("file: tests/fixtures/tryit/settings.json"),
    await Deno.readTextFile(`${FIXTURES}settings.json`),
    "the settings shown are the sample file",
  );
  const sim = await startSim(anyPorts(simArgs));
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-doc-" });
  try {
    assert.match(sim.stderr(), /simulators up: 6 variants, 1 store products, 1 store orders; /);
    const s = sim.settings;
    const config = `${dir}/settings.json`;
    const config40 = `${dir}/settings-40.json`;
    await Deno.writeTextFile(config, JSON.stringify(await settingsFor(s)));
    await Deno.writeTextFile(config40, JSON.stringify(await settingsFor(s, `${FIXTURES}settings-40.json`)));
    const swap = {
      "tests/fixtures/tryit/settings.json": config,
      "tests/fixtures/tryit/settings-40.json": config40,
      "tryit-data": `${dir}/tryit-data`,
    };
    // The page shows the fixed ports; the simulators here have free ones.
    const asOnPage = (text: string) =>
      text.replaceAll(`:${s.nebimSql.port}/`, `:${PORTS.sql}/`)
        .replaceAll(s.integrator.baseUrl, `http://127.0.0.1:${PORTS.integrator}`)
        .replaceAll(s.qukasoft.baseUrl, `http://127.0.0.1:${PORTS.qukasoft}`);

    for (const step of ["check", "dry-run", "sync", "note"]) {
      await t.step(`\`${block(`run: ${step}`).trim()}\``, async () => {
        const out = await runTask("start", replaceWords(taskCommand(`run: ${step}`, "start"), swap));
        assert.equal(out.code, 0, out.stdout + out.stderr);
        assert.equal(asOnPage(out.stdout).trimEnd(), block(`output: ${step}`).trimEnd());
      });
      if (step === "sync") {
        await t.step("the curl line lists the synced products", async () => {
          const w = words(block("run: curl"));
          const url = `http://127.0.0.1:${PORTS.qukasoft}/product/lists`;
          assert.deepEqual(w.at(-1), url);
          if (!(await hasCommand("curl"))) {
            console.log("curl is not installed: the curl line is checked through fetch instead");
            assert.equal((await storeProducts(s.qukasoft)).length, 3);
            return;
          }
          const out = await new Deno.Command(w[0]!, {
            args: [
              ...w.slice(1, -1),
              url.replace(`:${PORTS.qukasoft}`, `:${new URL(s.qukasoft.baseUrl).port}`),
            ],
            stdout: "piped",
          }).output();
          assert.equal(out.code, 0);
          const body = JSON.parse(new TextDecoder().decode(out.stdout));
          const cnt = body.result.list.find((p: { productCode: string }) => p.productCode === "CNT-3005");
          assert.deepEqual([body.result.total, cnt.active, cnt.variants[0].price, cnt.variants[0].quantity], [
            3,
            true,
            1718.75,
            3,
          ]);
        });
      }
    }
  } finally {
    assert.equal(await sim.close(), 0, sim.stderr());
    await Deno.remove(dir, { recursive: true });
  }
});

interface Export {
  table: string;
  sql: string;
  columns: string[];
}

/** The bcp lines: table, SQL and the names of the columns the SELECT writes. */
function exportLines(): Export[] {
  const lines = block("export: bcp").trim().split("\n");
  assert.match(lines[0]!, /^set NEBIM=-S \S+ -d \S+ -U \S+ -P \S+$/);
  return lines.slice(1).map((line) => {
    const m =
      /^bcp "(SELECT ISNULL\(\((SELECT (.+?) FROM (\w+) WITH \(NOLOCK\).*FOR JSON PATH)\), '\[\]'\))" queryout (\w+)\.json -c -C 65001 %NEBIM%$/
        .exec(line);
    assert.ok(m, `bcp line has the page's form: ${line}`);
    const [, sql, , list, table, file] = m;
    assert.equal(file, table, "each table is saved as TABLE.json");
    const columns = splitTopLevel(list!).map((c) => /(?:\bAS\s+)?(\w+)$/i.exec(c.trim())![1]!);
    return { table: table!, sql: sql!, columns };
  });
}

/** Splits a select list at the commas outside parentheses. */
function splitTopLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === "(") depth++;
    else if (list[i] === ")") depth--;
    else if (list[i] === "," && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

function schemaOf(tables: { name: string; columns: { name: string; type: string }[] }[]): Schema {
  return { tables: tables.map((t) => ({ name: t.name, schema: "dbo", columns: t.columns })), strict: true };
}

const SIM_SCHEMA = schemaOf(
  NEBIM_TABLES.map((t) => ({
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
  })),
);
const REAL_SCHEMA = schemaOf(SNAPSHOT.tables.filter((t) => t.schema === "dbo"));

Deno.test("TRY-IT part 2: the export covers every table the agent reads and the order codes", () => {
  const tables = exportLines().map((e) => e.table);
  const read = [
    ...Object.keys(USED_COLUMNS.common),
    ...Object.keys(USED_COLUMNS.basePrice),
    ...Object.keys(USED_COLUMNS.priceList),
  ];
  assert.deepEqual([...tables].sort(), [...read, ...ORDER_TABLES].sort());
});

Deno.test("TRY-IT part 2: each export SELECT is read-only T-SQL with NOLOCK on every table", () => {
  for (const e of exportLines()) {
    assert.doesNotMatch(
      e.sql,
      /\b(INSERT|UPDATE|DELETE|MERGE|EXEC|EXECUTE|DROP|ALTER|CREATE|TRUNCATE|INTO)\b/i,
    );
    for (const m of e.sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(\s+WITH \(NOLOCK\))?/gi)) {
      assert.ok(m[2], `${e.table}: ${m[1]} is read WITH (NOLOCK)`);
    }
    const errors = validate(e.sql, "tsql", { strictSyntax: true, semantic: true }).errors
      .filter((x) => x.severity === "error");
    assert.deepEqual(errors, [], e.sql);
  }
});

Deno.test("TRY-IT part 2: each export SELECT names real columns and every column the loader requires", () => {
  const used: Record<string, readonly string[]> = {
    ...USED_COLUMNS.common,
    ...USED_COLUMNS.basePrice,
    ...USED_COLUMNS.priceList,
  };
  const real = new Set(SNAPSHOT.tables.filter((t) => t.schema === "dbo").map((t) => t.name));
  for (const e of exportLines()) {
    const def = tableDef(e.table)!;
    const known = new Set(def.columns.map((c) => c.name));
    assert.deepEqual(e.columns.filter((c) => !known.has(c)), [], `${e.table}: columns the simulator knows`);
    assert.deepEqual(requiredColumns(def).filter((c) => !e.columns.includes(c)), [], `${e.table}: required`);
    assert.deepEqual((used[e.table] ?? []).filter((c) => !e.columns.includes(c)), [], `${e.table}: read`);
    const errs = (schema: Schema) =>
      validateWithSchema(e.sql, schema, "tsql", { strict: true }).errors.filter((x) =>
        x.severity === "error"
      );
    assert.deepEqual(errs(SIM_SCHEMA), [], `${e.table} against sim/nebim/schema.ts`);
    if (real.has(e.table)) assert.deepEqual(errs(REAL_SCHEMA), [], `${e.table} against a real V3 schema`);
  }
});

Deno.test("TRY-IT part 2: the table of required columns matches sim/nebim/schema.ts", () => {
  const listed = new Map<string, string[]>();
  for (const row of DOC.split("\n")) {
    const cells = row.split("|").map((c) => c.trim());
    const table = /^`(\w+)`$/.exec(cells[1] ?? "")?.[1];
    if (cells.length !== 5 || !table || !tableDef(table)) continue;
    listed.set(table, cells[3]!.split(",").map((c) => c.trim()));
  }
  assert.deepEqual([...listed.keys()].sort(), exportLines().map((e) => e.table).sort());
  for (const [table, columns] of listed) assert.deepEqual(columns, requiredColumns(tableDef(table)!), table);
});

const JQ = await hasCommand("jq");
if (!JQ) console.log("skipped the jq test of TRY-IT part 2: jq is not installed");

Deno.test({
  name: "TRY-IT part 2 and 3: the jq line makes bcp's files one data set, and the sim and agent run on it",
  ignore: !JQ,
  fn: async () => {
    const w = words(block("run: jq"));
    assert.deepEqual([w[0], w[1], w.at(-2), w.at(-1)], ["jq", "-n", ">", "nebim.json"]);
    const keys = [...w[2]!.matchAll(/(\w+): input/g)].map((m) => m[1]!);
    const files = w.slice(3, -2);
    assert.deepEqual(files, keys.map((k) => `${k}.json`), "each input takes the file of its own table");
    assert.deepEqual([...keys].sort(), exportLines().map((e) => e.table).sort());

    const fixture = JSON.parse(await Deno.readTextFile(`${FIXTURES}nebim.json`)) as Record<string, unknown[]>;
    const dir = await Deno.makeTempDir({ prefix: "e-ticaret-doc-jq-" });
    try {
      // As bcp writes them: one JSON array per file, CRLF-terminated; "[]" for an empty table.
      for (const k of keys) {
        await Deno.writeTextFile(`${dir}/${k}.json`, JSON.stringify(fixture[k] ?? []) + "\r\n");
      }
      const out = await new Deno.Command("jq", { args: w.slice(1, -2), cwd: dir, stdout: "piped" }).output();
      assert.equal(out.code, 0);
      await Deno.writeFile(`${dir}/nebim.json`, out.stdout);
      const clock = () => new Date("2026-11-10T12:00:00Z");
      const made = NebimDataSet.fromJson(JSON.parse(new TextDecoder().decode(out.stdout)), { clock });
      assert.deepEqual(made.toJson(), NebimDataSet.fromJson(fixture, { clock }).toJson());

      const simArgs = replaceWords(anyPorts(taskCommand("run: sim-own", "sim")), {
        "nebim.json": `${dir}/nebim.json`,
      });
      const sim = await startSim(simArgs);
      try {
        assert.match(sim.stderr(), /simulators up: 6 variants, 0 store products, 20 store orders; /);
        const base = await settingsFor(sim.settings);
        const own = JSON.parse(block("settings: own"));
        const merged = mergePatch(parseSettings(base), own);
        assert.deepEqual(merged.catalog.warehouses, own.catalog.warehouses);
        await Deno.writeTextFile(`${dir}/my-settings.json`, JSON.stringify({ ...base, ...own }));
        const run = await runTask(
          "start",
          replaceWords(taskCommand("run: own-dry-run", "start"), {
            "my-settings.json": `${dir}/my-settings.json`,
            "my-data": `${dir}/my-data`,
          }),
        );
        assert.equal(run.code, 0, run.stdout + run.stderr);
        // Marketplace 30 % + 10 TL on 400 TL, VAT 20 %, ending .90: 636.00 → 636.90; site 600.00 → 600.90.
        assert.match(
          run.stdout,
          /create\s+8680000200011\s+GML-2001\s+new product: quantity 10, price 600\.90\/636\.90/,
        );
        assert.match(
          run.stdout,
          /dry run, nothing sent: full cycle, 3 items \/ 6 variants read; would create 6/,
        );
      } finally {
        assert.equal(await sim.close(), 0, sim.stderr());
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
