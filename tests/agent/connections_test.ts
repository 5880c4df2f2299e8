import assert from "node:assert/strict";
import { Connections } from "../../agent/connections.ts";
import { IntegrationError } from "../../errors.ts";
import { parseSettings } from "../../settings/mod.ts";

/** A fatal error that names the unset keys and the first of them as its subject; nothing was dialled. */
function refusal(system: string, message: string, subject: string) {
  return (e: unknown) =>
    e instanceof IntegrationError && e.kind === "fatal" && e.system === system && e.message === message &&
    e.subject === subject;
}

Deno.test("a connection whose keys are still unset fails fatally naming them, without dialling", async () => {
  // The defaults a first start without --config seeds. Port 9 (discard): a dial would fail otherwise.
  const c = new Connections(() => parseSettings({ nebim: { sql: { port: 9 } } }));
  await assert.rejects(
    c.reader(),
    refusal(
      "nebim-sql",
      "Cannot reach SQL Server: nebim.sql.database and nebim.sql.user are not set",
      "nebim.sql.database",
    ),
  );
  assert.throws(
    () => c.store(),
    refusal(
      "qukasoft",
      "Cannot reach Qukasoft: qukasoft.baseUrl, qukasoft.apiKey and qukasoft.apiSecret are not set",
      "qukasoft.baseUrl",
    ),
  );
  await assert.rejects(
    c.integratorUser(),
    refusal(
      "integrator",
      "Cannot reach the Integrator: nebim.integrator.baseUrl is not set",
      "nebim.integrator.baseUrl",
    ),
  );
  await c.close();
});

Deno.test("a blank key counts as unset; one missing key is named alone", () => {
  const c = new Connections(() =>
    parseSettings({ qukasoft: { baseUrl: "http://127.0.0.1:9", apiKey: "  ", apiSecret: "s" } })
  );
  assert.throws(
    () => c.store(),
    refusal("qukasoft", "Cannot reach Qukasoft: qukasoft.apiKey is not set", "qukasoft.apiKey"),
  );
});
