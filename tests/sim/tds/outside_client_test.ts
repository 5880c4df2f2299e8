/**
 * A TDS client that is not tedious must log in too: python-tds (Debian package python3-tds, run with
 * the system /usr/bin/python3) sends a plain SQL batch. Without the package the test is skipped with a
 * printed reason.
 */
import assert from "node:assert/strict";
import type { QueryRequest } from "../../../sim/tds/server.ts";
import { DATABASE, PASSWORD, startServer, USER } from "./harness.ts";

const PYTHON = "/usr/bin/python3";
const NAME = "python-tds (an outside TDS client) logs in and runs a plain SQL batch";
const COLUMNS_SQL =
  "SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'prItemVariant'";

async function pytdsAvailable(): Promise<boolean> {
  try {
    const probe = await new Deno.Command(PYTHON, {
      args: ["-c", "import pytds"],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return probe.success;
  } catch {
    return false;
  }
}

const SCRIPT = `
import sys, pytds
host, port, db, user, password, query = sys.argv[1:7]
with pytds.connect(server=host, port=int(port), database=db, user=user, password=password, login_timeout=10) as conn:
    with conn.cursor() as cur:
        cur.execute(query)
        for row in cur.fetchall():
            print("|".join(str(x) for x in row))
`;

if (await pytdsAvailable()) {
  Deno.test(NAME, async () => {
    const seen: QueryRequest[] = [];
    const server = await startServer({}, {
      // A stub of the Nebim handler: the schema query only.
      handler: (req) => {
        seen.push(req);
        if (req.sql !== COLUMNS_SQL) throw new Error(`unexpected query: ${req.sql}`);
        return {
          resultSets: [{
            columns: [
              { name: "COLUMN_NAME", type: "nvarchar", length: 128 },
              { name: "DATA_TYPE", type: "nvarchar", length: 128 },
            ],
            rows: [["ItemCode", "nvarchar"], ["ColorCode", "nvarchar"], ["ItemDim1Code", "nvarchar"]],
          }],
        };
      },
    });
    try {
      const args = ["-c", SCRIPT, server.host, String(server.port), DATABASE, USER, PASSWORD, COLUMNS_SQL];
      const out = await new Deno.Command(PYTHON, { args, stdout: "piped", stderr: "piped" }).output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 0, stderr);
      const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
      assert.deepEqual(lines, ["ItemCode|nvarchar", "ColorCode|nvarchar", "ItemDim1Code|nvarchar"]);
      assert.equal(seen.length, 1);
      // python-tds defaults to autocommit off, so it opened a transaction (TRANSACTION_MANAGER) first.
      assert.equal(seen[0]?.inTransaction, true);
    } finally {
      await server.close();
    }
  });
} else {
  console.log(`skipped "${NAME}": ${PYTHON} cannot import pytds (install the Debian package python3-tds)`);
  Deno.test({ name: `${NAME} (skipped: python3-tds not installed)`, ignore: true, fn: () => {} });
}
