import assert from "node:assert/strict";
import { codePageOf, decodeCodePage, encodeCodePage, TURKISH_CI_AS } from "../../../sim/tds/codepage.ts";
import { controlStatements, isValidationQuery, queryName } from "../../../sim/tds/query.ts";

Deno.test("a query is named by its first comment, else by its first 60 characters", () => {
  assert.equal(queryName("/* stock by warehouse */ SELECT 1 /* other */"), "stock by warehouse");
  assert.equal(queryName("SELECT  a,\n\tb FROM t"), "SELECT a, b FROM t");
  assert.equal(queryName("x".repeat(80)), "x".repeat(60));
});

Deno.test("session SET batches and transaction control are recognised; anything else goes to the handler", () => {
  assert.deepEqual(controlStatements("set ansi_nulls on\nset textsize 2147483647\n"), [{ kind: "set" }, {
    kind: "set",
  }]);
  assert.deepEqual(controlStatements("SET TRANSACTION ISOLATION LEVEL READ COMMITTED;BEGIN TRAN t1"), [
    { kind: "set" },
    { kind: "begin", name: "t1" },
  ]);
  assert.deepEqual(controlStatements("COMMIT TRANSACTION"), [{ kind: "commit" }]);
  assert.deepEqual(controlStatements("rollback work"), [{ kind: "rollback" }]);
  assert.equal(controlStatements("SET NOCOUNT ON; SELECT * FROM cdItem"), undefined);
  assert.equal(controlStatements("SELECT 1"), undefined);
  assert.equal(controlStatements("   "), undefined);
});

Deno.test("only a bare SELECT 1 is the pool's validation query", () => {
  assert.ok(isValidationQuery("SELECT 1;"));
  assert.ok(isValidationQuery(" select 1 "));
  assert.ok(!isValidationQuery("SELECT 1 AS ok"));
});

Deno.test("varchar text uses Windows-1254 under Turkish_CI_AS; missing characters become '?'", () => {
  assert.equal(codePageOf(TURKISH_CI_AS), "cp1254");
  assert.equal(codePageOf(new Uint8Array([0x09, 0x04, 0xd0, 0x00, 0x34])), "cp1252");
  const text = "Gömlek ğüşıİöç ĞŞ €";
  const bytes = encodeCodePage(text, "cp1254");
  assert.deepEqual([...bytes.subarray(7, 14)], [0xf0, 0xfc, 0xfe, 0xfd, 0xdd, 0xf6, 0xe7]);
  assert.equal(decodeCodePage(bytes, "cp1254"), text);
  assert.equal(decodeCodePage(encodeCodePage("ğ漢", "cp1252"), "cp1252"), "??");
});
