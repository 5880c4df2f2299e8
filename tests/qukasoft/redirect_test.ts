/**
 * A store address that answers with a redirect (the store moved, http → https, a www. host) is a wrong
 * qukasoft.baseUrl, told as such: fetch would follow it, taking the API key and secret to the other address
 * and, for a 301 or 302, turning a write into a GET without its body.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { createQukasoftClient, type QukasoftApi } from "../../qukasoft/client.ts";
import { type QukasoftSim, startQukasoftSim } from "../../sim/qukasoft/server.ts";
import { KEY, sampleData, SECRET } from "../sim/qukasoft/fixtures.ts";
import { fakeTime } from "./fake_time.ts";

/**
 * The store's old address, `/api` on another port: every request answered `status` with a Location on the
 * simulator, the store's new address.
 */
async function withMovedStore(
  status: number,
  fn: (ctx: { api: QukasoftApi; sim: QukasoftSim; hits: string[] }) => Promise<void>,
): Promise<void> {
  const time = fakeTime();
  const sim = await startQukasoftSim({ apiKey: KEY, apiSecret: SECRET, clock: time.now, data: sampleData() });
  const hits: string[] = [];
  const old = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const url = new URL(req.url);
    hits.push(`${req.method} ${url.pathname}`);
    return new Response(`<html><head><title>${status} Moved</title></head></html>`, {
      status,
      headers: { location: sim.baseUrl + url.pathname.replace(/^\/api/, "") + url.search },
    });
  });
  try {
    const baseUrl = `http://127.0.0.1:${old.addr.port}/api`;
    const api = createQukasoftClient({ baseUrl, apiKey: KEY, apiSecret: SECRET, ...time });
    await fn({ api, sim, hits });
  } finally {
    await old.shutdown();
    await sim.close();
  }
}

function isRedirect(status: number, base: string, path: string) {
  const to = base + path;
  return (e: unknown) => {
    assert.ok(e instanceof IntegrationError, String(e));
    assert.equal(e.kind, "fatal");
    assert.equal(e.subject, "qukasoft.baseUrl");
    assert.ok(e.message.includes(`status ${status}: the store answers at ${to}`), e.message);
    assert.ok(e.message.includes(`set qukasoft.baseUrl to ${base}`), e.message);
    return true;
  };
}

Deno.test("a store address that redirects fails check's /auth at once, and the credentials do not follow", async () => {
  await withMovedStore(301, async ({ api, sim, hits }) => {
    await assert.rejects(() => api.auth(), isRedirect(301, sim.baseUrl, "/auth"));
    assert.deepEqual(hits, ["GET /api/auth"], "asked once, not retried");
    assert.deepEqual(sim.log.entries(), [], "nothing, the API key and secret least of all, went on");
  });
});

Deno.test("a save redirected by 301 is not sent on as a GET, nor one redirected by 308 as a POST", async () => {
  for (const status of [301, 308]) {
    await withMovedStore(status, async ({ api, sim, hits }) => {
      await assert.rejects(
        () => api.saveProducts([{ productCode: "KML-9", name: "Gömlek", vatRate: 10 }]),
        isRedirect(status, sim.baseUrl, "/product/save"),
      );
      assert.deepEqual(hits, ["POST /api/product/save"]);
      assert.deepEqual(sim.log.entries(), []);
    });
  }
});
