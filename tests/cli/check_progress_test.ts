/**
 * `check` runs its steps one after another, each waiting up to its timeout on a host that does not answer
 * (a firewall dropping the packets): a line on stderr names each step as it starts, so the operator sees what
 * it waits on rather than a silent terminal that looks hung. The report itself stays on stdout.
 */
import assert from "node:assert/strict";
import { runCheck } from "../../cli/check.ts";
import type { CommandState } from "../../cli/state.ts";
import { parseSettings } from "../../settings/mod.ts";

Deno.test("check names each step on stderr as it starts, before the host answers", async () => {
  const settings = parseSettings({
    nebim: {
      sql: { host: "nebim-sql", database: "V3", user: "ro" },
      integrator: { baseUrl: "http://nebim:8080" },
    },
    qukasoft: { baseUrl: "https://store.example/api", apiKey: "k", apiSecret: "s" },
  });
  // Each host answers only when the test says so: what the operator sees meanwhile is what is on stderr.
  let asked: (w: { name: string; answer: () => void }) => void = () => {};
  const nextAsk = () => new Promise<{ name: string; answer: () => void }>((resolve) => (asked = resolve));
  const hang = <T>(name: string, value: T) =>
    new Promise<T>((resolve) => asked({ name, answer: () => resolve(value) }));
  const st = {
    settings: { current: () => settings },
    connections: {
      reader: () =>
        hang("sql", {
          verifySchema: () => Promise.resolve({ ok: true, missing: [], collations: [], types: [] }),
          databaseCreated: () => Promise.resolve("2026-11-02T08:15:00.000Z"),
        }),
      missingWarehouses: () => hang("warehouses", []),
      unusedCode: (which: string) => hang(which, undefined),
      integratorUser: () =>
        hang("integrator", {
          userGroupCode: "G",
          userName: "u",
          databaseName: "V3",
          officeCode: "",
          storeCode: "",
        }),
      store: () => ({ auth: () => hang("store", { storeName: "Mağaza" }) }),
    },
  } as unknown as CommandState;
  const out: string[] = [];
  const err: string[] = [];
  let ask = nextAsk();
  const done = runCheck(st, (l) => out.push(l), (l) => err.push(l));
  for (
    const [name, said] of [
      ["sql", /^… checking Nebim SQL Server nebim-sql:1433\/V3$/],
      ["warehouses", /^… checking Nebim warehouses W01$/],
      ["priceSource", /^… checking Nebim base price code 1$/],
      ["barcodeType", /^… checking Nebim barcode type DEF$/],
      ["language", /^… checking Nebim language TR$/],
      ["sql", /^… checking Nebim restores$/],
      ["integrator", /^… checking Nebim Integrator http:\/\/nebim:8080\/?$/],
      ["store", /^… checking Qukasoft https:\/\/store\.example\/api$/],
    ] as const
  ) {
    const waiting = await ask;
    assert.equal(waiting.name, name);
    assert.match(err.at(-1) ?? "(nothing on stderr)", said);
    ask = nextAsk();
    waiting.answer();
  }
  assert.equal(await done, 0, out.join("\n"));
  assert.equal(out.at(-1), "all checks passed");
  assert.ok(out.every((l) => !l.startsWith("…")), "the report has no progress lines");
});
