import assert from "node:assert/strict";
import { redact } from "../log.ts";

Deno.test("redact() hides secret-looking properties at any depth and keeps the rest", () => {
  const out = redact({
    host: "127.0.0.1",
    password: "Gizli-1",
    nested: { apiSecret: "s", apiKey: "k", token: "t", list: [{ Password: "p", user: "u" }] },
  });
  assert.deepEqual(out, {
    host: "127.0.0.1",
    password: "********",
    nested: {
      apiSecret: "********",
      apiKey: "********",
      token: "********",
      list: [{ Password: "********", user: "u" }],
    },
  });
  assert.ok(!JSON.stringify(out).includes("Gizli"));
});
