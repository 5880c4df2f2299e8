import assert from "node:assert/strict";
import fc from "fast-check";
import { parseSettings } from "../../settings/schema.ts";
import { REDACTED, redactSecrets, SECRET_PATHS } from "../../settings/secrets.ts";

function valueAt(doc: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
}

Deno.test("SECRET_PATHS lists the passwords and the store's keys", () => {
  assert.deepEqual([...SECRET_PATHS].sort(), [
    "nebim.integrator.password",
    "nebim.sql.password",
    "qukasoft.apiKey",
    "qukasoft.apiSecret",
  ]);
});

Deno.test("redactSecrets replaces every secret and keeps everything else", () => {
  const s = parseSettings({
    nebim: { sql: { password: "p1", user: "u" }, integrator: { password: "p2" } },
    qukasoft: { apiKey: "k", apiSecret: "s" },
  });
  const r = redactSecrets(s);
  for (const path of SECRET_PATHS) assert.equal(valueAt(r, path), REDACTED, path);
  assert.equal(r.nebim.sql.user, "u");
  assert.equal(s.nebim.sql.password, "p1", "the original is untouched");
  const { nebim: _n, qukasoft: _q, ...restR } = r;
  const { nebim: _n2, qukasoft: _q2, ...restS } = s;
  assert.deepEqual(restR, restS);
});

Deno.test("an unset secret is redacted too (nothing reveals whether it is set)", () => {
  const r = redactSecrets(parseSettings({}));
  for (const path of SECRET_PATHS) assert.equal(valueAt(r, path), REDACTED, path);
});

Deno.test("property: no secret value appears anywhere in the redacted document", () => {
  // A marked prefix keeps a random secret from matching ordinary text of the document ("TR", "true").
  const secret = fc.string({ maxLength: 30 }).map((x) => `s3cr3t:${x}`);
  fc.assert(
    fc.property(secret, secret, secret, secret, (p1, p2, k, s) => {
      const doc = parseSettings({
        nebim: { sql: { password: p1 }, integrator: { password: p2 } },
        qukasoft: { apiKey: k, apiSecret: s },
      });
      const text = JSON.stringify(redactSecrets(doc));
      assert.ok(!text.includes("s3cr3t:"), text);
      // Control: the same search finds the secrets in the unredacted document.
      for (const value of [p1, p2, k, s]) assert.ok(JSON.stringify(doc).includes(JSON.stringify(value)));
    }),
    { numRuns: 200 },
  );
});
