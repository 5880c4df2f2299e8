import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { runCli, USAGE } from "../../cli/commands.ts";
import { VERSION } from "../../version.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { openAtVersion } from "../ledger/temp.ts";
import type { RunningAgent } from "../../main.ts";
import { withTempDir } from "../support/temp_dir.ts";

/** A command's answer (stdout) and its errors (stderr), apart. */
function cli(argv: string[]) {
  const lines: string[] = [];
  const errs: string[] = [];
  const deps = {
    startAgent: () => Promise.reject(new Error("no agent is started in this test")),
    out: (l: string) => lines.push(l),
    err: (l: string) => errs.push(l),
  };
  return runCli(argv, deps).then((code) => ({ code, out: lines.join("\n"), err: errs.join("\n") }));
}

Deno.test("an option that is not the command's own is a usage error (exit 2), never silently ignored", async () => {
  for (
    const [argv, says] of [
      [["run", "--dry-run"], "--dry-run is not an option of run"],
      [["check", "--once"], "--once is not an option of check"],
      [["token", "--config", "x.json"], "--config is not an option of token"],
    ] as const
  ) {
    const r = await cli([...argv]);
    assert.equal(r.code, 2, argv.join(" "));
    assert.match(r.err, new RegExp(says));
    assert.equal(r.out, "", "a usage error is not the command's answer (stdout)");
  }
});

Deno.test("an empty --data, --config or --csv is a usage error (exit 2), not the default or the drive's root", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-empty-" });
  try {
    for (
      const [argv, says] of [
        [
          ["sync", "products", "--once", "--dry-run", "--data", ""],
          "--data was given an empty value: name a folder",
        ],
        [["token", "--data="], "--data was given an empty value"],
        // Blank (a batch file's `set DATA= `): a folder named " " in the working directory, or none on Windows.
        [
          ["sync", "products", "--once", "--dry-run", "--data", " "],
          "--data was given an empty value: name a folder",
        ],
        [["check", "--config", "\t", "--data", dir], "--config was given an empty value"],
        [["check", "--config", "", "--data", dir], "--config was given an empty value: name a file"],
        [
          ["sync", "products", "--once", "--dry-run", "--csv=", "--data", dir],
          "--csv was given an empty value",
        ],
      ] as const
    ) {
      const r = await cli([...argv]);
      assert.equal(r.code, 2, argv.join(" "));
      assert.match(r.err, new RegExp(says));
      assert.equal(r.out, "", argv.join(" "));
    }
    assert.deepEqual([...Deno.readDirSync(dir)], [], "nothing made in the data folder");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the usage asked for (--help, -h) and the version are the answer (stdout); no command is an error", async () => {
  for (const argv of [["--help"], ["-h"], ["sync", "products", "--help"]]) {
    assert.deepEqual(await cli(argv), { code: 0, out: USAGE, err: "" }, argv.join(" "));
  }
  assert.deepEqual(await cli(["--version"]), { code: 0, out: VERSION, err: "" });
  assert.deepEqual(await cli([]), { code: 2, out: "", err: USAGE });
});

Deno.test("token prints the data folder's access token, the same each time", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-token-" });
  try {
    openLedger(`${dir}/ledger.sqlite`).close(); // what the agent's first start leaves
    const first = await cli(["token", "--data", dir]);
    assert.equal(first.code, 0);
    assert.match(first.out, /^[0-9a-f]{48}$/);
    assert.equal((await cli(["token", "--data", dir])).out, first.out);
    assert.equal((await Deno.readTextFile(`${dir}/token`)).trim(), first.out);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("token on a folder that is not the agent's data folder says so and makes nothing (exit 2)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-token-" });
  try {
    await Deno.mkdir(`${dir}/data/logs`, { recursive: true });
    openLedger(`${dir}/data/ledger.sqlite`).close();
    // A missing folder, the data folder's parent, its logs folder.
    for (const wrong of [`${dir}/e-ticret`, dir, `${dir}/data/logs`]) {
      const r = await cli(["token", "--data", wrong]);
      // A usage error, as check's and sync's on such a folder: a script tells it from a failure to read the token.
      assert.equal(r.code, 2, wrong);
      assert.equal(r.out, "", "nothing a script could take for a token");
      assert.equal(
        r.err,
        `no agent data in ${wrong} (no ledger.sqlite): give the agent's --data; its first start makes the ledger and the token`,
      );
      await assert.rejects(Deno.stat(`${wrong}/token`), Deno.errors.NotFound);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("check or a sync with no --config on a folder with no ledger is refused, naming the folder (exit 2)", () =>
  withTempDir("e-ticaret-nodata-", async (dir) => {
    // A mistyped --data, or a scheduled task started in another folder than ./data's: no settings at all.
    const wrong = `${dir}/data`;
    for (
      const argv of [["check"], ["sync", "products", "--once", "--dry-run"], ["sync", "products", "--once"]]
    ) {
      const r = await cli([...argv, "--data", wrong]);
      assert.equal(r.code, 2, `${argv.join(" ")}: ${r.out}${r.err}`);
      assert.equal(r.out, "");
      assert.equal(
        r.err,
        `no agent data in ${wrong} (no ledger.sqlite) and no --config: give the agent's --data, or --config FILE`,
      );
      await assert.rejects(Deno.stat(wrong), Deno.errors.NotFound, "nothing made in the wrong folder");
    }
  }));

Deno.test("a dry run or check beside an older agent does not upgrade its ledger", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-old-" });
  try {
    const path = `${dir}/ledger.sqlite`;
    openAtVersion(path, 3).close();
    for (const argv of [["sync", "products", "--once", "--dry-run"], ["check"]]) {
      const r = await cli([...argv, "--data", dir]);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /schema version 3, older than this agent's .*does not upgrade it/);
    }
    const check = new DatabaseSync(path);
    assert.equal(check.prepare("SELECT max(version) AS v FROM migrations").get()?.v, 3);
    check.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a --config with a Turkish decimal comma and a misspelt key says how to mend both (exit 2)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-config-" });
  try {
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(config, JSON.stringify({ pricing: { site: { percent: "10,5", amonut: 2 } } }));
    const r = await cli(["check", "--config", config, "--data", `${dir}/data`]);
    assert.equal(r.code, 2, r.err);
    assert.equal(
      r.err,
      `invalid settings in ${config}:\n` +
        '  pricing.site.percent: must be a number with a decimal point: write 10.5, not "10,5" (no quotes)\n' +
        '  pricing.site.amonut: unknown key; did you mean "amount"?',
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("run prints the health URL; for a wildcard http.host, a note that every interface listens", () =>
  withTempDir("e-ticaret-run-", async (dir) => {
    const printed = async (over: Partial<RunningAgent>) => {
      const lines: string[] = [];
      const agent = { healthUrl: "http://127.0.0.1:8787/health", stop: () => Promise.resolve(), ...over };
      await runCli(["run", "--data", dir], {
        startAgent: () => Promise.resolve(agent as RunningAgent),
        stopSignal: () => Promise.resolve(),
        out: (l) => lines.push(l),
        err: () => {},
      });
      return lines;
    };
    assert.deepEqual(await printed({}), ["health: http://127.0.0.1:8787/health", "stopping…"]);
    const allInterfaces = 'it listens on all interfaces (http.host "0.0.0.0"): from another machine, ' +
      "http://KASA-PC:8787/health";
    assert.deepEqual(await printed({ allInterfaces }), [
      "health: http://127.0.0.1:8787/health",
      `note: ${allInterfaces}`,
      "stopping…",
    ]);
  }));

Deno.test("settings an earlier version kept in the ledger, refused now: the error names the ledger, not the file, and how to mend them", () =>
  withTempDir("e-ticaret-stored-", async (dir) => {
    const ledger = openLedger(`${dir}/ledger.sqlite`);
    ledger.putSettings({ nebim: { sql: { host: "SRV01\\NEBIM" } } });
    ledger.close();
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(
      config,
      JSON.stringify({ nebim: { sql: { host: "SRV01", instanceName: "NEBIM" } } }),
    );
    const r = await cli(["check", "--data", dir]);
    assert.equal(r.code, 2, r.err);
    assert.equal(
      r.err,
      `invalid settings kept in the ledger ${dir}/ledger.sqlite by an earlier version:\n` +
        '  nebim.sql.host: must be the host alone; put the instance in nebim.sql.instanceName: "host": "SRV01", ' +
        '"instanceName": "NEBIM"\n' +
        "start once with --config FILE holding the corrected settings: they are used, but once something is " +
        "synced the ledger's stock-code form and grouping are kept where still valid",
    );
    // A dry run with the mended file plans under it (and stores nothing: check again still refuses).
    const dry = await cli(["sync", "products", "--once", "--dry-run", "--config", config, "--data", dir]);
    assert.match(
      dry.out,
      /note: The settings kept in the ledger are not valid .*this dry run uses the config file's/,
    );
    assert.equal((await cli(["check", "--data", dir])).code, 2);
  }));

Deno.test("--data naming a drive alone (C:) is a usage error: on Windows that is the drive's current folder", async () => {
  for (const argv of [["run", "--data", "C:"], ["token", "--data=d:"], ["check", "--data", "C: "]]) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(" "));
    const drive = argv.at(-1)!.replace("--data=", "").trim();
    assert.equal(
      r.err,
      `--data ${drive} is drive ${drive}'s current folder, not its root: name a folder, e.g. ${drive}\\e-ticaret\n\n${USAGE}`,
    );
    assert.equal(r.out, "");
  }
  // A folder on the drive is taken: the check is for the drive alone.
  assert.match(
    (await cli(["token", "--data", "C:\\e-ticaret-yok"])).err,
    /^no agent data in C:\\e-ticaret-yok/,
  );
});

Deno.test("a path holding a quote (Windows' \\\" kept the quote, and swallowed the options after it) is a usage error", async () => {
  // `--data "C:\ProgramData\e-ticaret\" --config "C:\x\settings.json"`, as Windows splits it.
  const swallowed = 'C:\\ProgramData\\e-ticaret" --config C:\\x\\settings.json';
  for (
    const [argv, option] of [
      [["run", "--data", swallowed], "data"],
      [["check", "--config", 'C:\\x\\settings.json"'], "config"],
      [["sync", "products", "--once", "--dry-run", "--csv", 'C:\\rapor\\"'], "csv"],
    ] as const
  ) {
    const r = await cli([...argv]);
    assert.equal(r.code, 2, argv.join(" "));
    assert.equal(
      r.err,
      `--${option} ${
        argv.at(-1)
      } holds a quote: a backslash just before a closing quote keeps the quote in ` +
        `the value (and what follows it); end the path without a backslash, e.g. "C:\\e-ticaret"\n\n${USAGE}`,
    );
    assert.equal(r.out, "");
  }
});
