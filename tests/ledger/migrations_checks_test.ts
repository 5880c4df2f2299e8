/**
 * The newest schema's own rules (the CHECKs the migrations leave): the ledger code never writes a row that
 * breaks them, so only these tests see one dropped or weakened by a table rebuild.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { openLedger } from "../../ledger/ledger.ts";
import { withTempPath } from "./temp.ts";

const BINDING =
  "INSERT INTO bindings (stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, " +
  "product_code, state, dirty, created_at, updated_at) VALUES ";
const RUN = "INSERT INTO runs (kind, started_at, finished_at, outcome, counts) VALUES ";

const REFUSED: [string, string][] = [
  [
    "a binding with an empty stock code",
    `${BINDING}('', 1, 'I', '', '', '', '', 'I', 'active', 0, 't', 't')`,
  ],
  ["a binding in an unknown state", `${BINDING}('A', 1, 'I', '', '', '', '', 'I', 'gone', 0, 't', 't')`],
  ["a binding dirty neither 0 nor 1", `${BINDING}('B', 1, 'I', '', '', '', '', 'I', 'held', 2, 't', 't')`],
  ["a run with an outcome and no finish", `${RUN}('k', 't', NULL, 'ok', '{}')`],
  ["a run finished without an outcome", `${RUN}('k', 't', 't', NULL, '{}')`],
  ["a run with an unknown outcome", `${RUN}('k', 't', 't', 'done', '{}')`],
  ["a run whose counts are not JSON", `${RUN}('k', 't', NULL, NULL, '{')`],
  ["a second settings row", "INSERT INTO settings (id, doc, version, updated_at) VALUES (2, '{}', 1, 't')"],
  [
    "a settings document that is not JSON",
    "INSERT INTO settings (id, doc, version, updated_at) VALUES (1, '{', 1, 't')",
  ],
  [
    "a --config file that is not JSON",
    "INSERT INTO settings (id, doc, version, updated_at, file) VALUES (1, '{}', 1, 't', '{')",
  ],
];

Deno.test("the newest schema refuses rows that break its rules, and takes the same rows when they keep them", () =>
  withTempPath((path) => {
    openLedger(path).close();
    const db = new DatabaseSync(path);
    try {
      for (const [what, sql] of REFUSED) {
        assert.throws(() => db.exec(sql), /CHECK constraint failed/, what);
      }
      db.exec(
        `${BINDING}('A', 1, 'I', '', '', '', '', 'I', 'held', 1, 't', 't');` +
          `${RUN}('k', 't', 't', 'interrupted', '{"created":1}');` +
          "INSERT INTO settings (id, doc, version, updated_at, file) VALUES (1, '{}', 1, 't', '{}')",
      );
    } finally {
      db.close();
    }
  }));
