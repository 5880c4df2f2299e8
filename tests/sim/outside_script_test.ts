/**
 * The acceptance check: a script that is not ours (python-tds from Debian, run with the system
 * python), given only the settings line that `deno task sim` prints, logs in to the SQL simulator and
 * reads INFORMATION_SCHEMA.COLUMNS for prItemVariant — answered by the real Nebim handler.
 */
import assert from "node:assert/strict";
import { tableDef } from "../../sim/nebim/schema.ts";

const PYTHON = "/usr/bin/python3";
const NAME = "an outside script logs in with the settings `sim` prints and reads prItemVariant's columns";

const SCRIPT = `
import json, sys, pytds
s = json.loads(sys.argv[1])["nebimSql"]
with pytds.connect(server=s["host"], port=s["port"], database=s["database"], user=s["user"],
                   password=s["password"], login_timeout=10, autocommit=True) as conn:
    with conn.cursor() as cur:
        cur.execute("SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS "
                    "WHERE TABLE_NAME = 'prItemVariant' ORDER BY ORDINAL_POSITION")
        for row in cur.fetchall():
            print("|".join(str(x) for x in row))
`;

async function pytdsAvailable(): Promise<boolean> {
  try {
    return (await new Deno.Command(PYTHON, { args: ["-c", "import pytds"], stdout: "null", stderr: "null" })
      .output())
      .success;
  } catch {
    return false;
  }
}

if (await pytdsAvailable()) {
  Deno.test(NAME, async () => {
    const sim = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net=127.0.0.1",
        "--allow-env",
        "--allow-sys=hostname",
        "--allow-read",
        "--allow-write",
        new URL("../../sim/main.ts", import.meta.url).pathname,
        "--variants",
        "50",
      ],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const reader = sim.stdout.pipeThrough(new TextDecoderStream()).getReader();
    try {
      let first = "";
      while (!first.includes("\n")) {
        const { value, done } = await reader.read();
        if (done) break;
        first += value;
      }
      const settingsLine = first.split("\n")[0]!;
      const out = await new Deno.Command(PYTHON, {
        args: ["-c", SCRIPT, settingsLine],
        stdout: "piped",
        stderr: "piped",
      })
        .output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
      const rows = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => l.split("|"));
      const expected = tableDef("prItemVariant")!.columns.map((
        c,
      ) => [c.name, c.type, c.nullable ? "YES" : "NO"]);
      assert.deepEqual(rows, expected);
    } finally {
      sim.kill("SIGTERM");
      await reader.cancel();
      await sim.status;
    }
  });
} else {
  console.log(`skipped "${NAME}": ${PYTHON} cannot import pytds (install the Debian package python3-tds)`);
  Deno.test({ name: `${NAME} (skipped: python3-tds not installed)`, ignore: true, fn: () => {} });
}
