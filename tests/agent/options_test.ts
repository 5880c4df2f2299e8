import assert from "node:assert/strict";
import { storeOptions } from "../../agent/options.ts";
import { parseSettings } from "../../settings/mod.ts";

Deno.test("storeOptions() gives the store client its settings, the request timeout included", () => {
  const s = parseSettings({
    qukasoft: { baseUrl: "https://magaza.example/api", apiKey: "k", apiSecret: "s", requestTimeoutMs: 90000 },
  });
  assert.deepEqual(storeOptions(s), {
    baseUrl: "https://magaza.example/api",
    apiKey: "k",
    apiSecret: "s",
    requestsPer10s: 50,
    timeoutMs: 90000,
  });
});
