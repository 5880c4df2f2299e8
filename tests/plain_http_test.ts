/**
 * A base URL written https:// on a port that speaks plain HTTP, against a real plain-HTTP server on
 * loopback: fetch's TLS error is told apart (and only for https://), and each adapter translates it into a
 * fatal IntegrationError naming its setting (no retry mends a wrong scheme).
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../errors.ts";
import { createIntegratorClient } from "../nebim/integrator/client.ts";
import { answeredPlainHttp } from "../plain_http.ts";
import { createQukasoftClient } from "../qukasoft/client.ts";

async function withPlainServer(fn: (port: number) => Promise<void>): Promise<void> {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => new Response("{}"));
  try {
    await fn(server.addr.port);
  } finally {
    await server.shutdown();
  }
}

Deno.test("answeredPlainHttp() tells an https:// fetch a plain-HTTP server answered", async () => {
  await withPlainServer(async (port) => {
    const url = `https://127.0.0.1:${port}/x`;
    const error = await fetch(url).then(() => undefined, (e) => e);
    assert.ok(error !== undefined, "the fetch failed");
    assert.equal(answeredPlainHttp(url, error), true);
    assert.equal(answeredPlainHttp(`http://127.0.0.1:${port}/x`, error), false, "only an https:// URL");
    assert.equal(answeredPlainHttp(url, new TypeError("fetch failed")), false);
  });
  // Other https:// failures to connect are not it: a certificate the OS does not trust (its own fix), nothing
  // on the port (retried: the server may be restarting).
  const untrusted = new TypeError("fetch failed", {
    cause: new Error(
      "error sending request: client error (Connect): invalid peer certificate: UnknownIssuer",
    ),
  });
  assert.equal(answeredPlainHttp("https://127.0.0.1:8443/x", untrusted), false);
  // A bad record on a connection already open (after the handshake): not the scheme, and stays retriable.
  const midway = new TypeError("fetch failed", {
    cause: new Error(
      "error sending request: connection error: received corrupt message of type InvalidContentType",
    ),
  });
  assert.equal(answeredPlainHttp("https://127.0.0.1:8443/x", midway), false);
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const url = `https://127.0.0.1:${closed.addr.port}/x`;
  closed.close();
  const refused = await fetch(url).then(() => undefined, (e) => e);
  assert.ok(refused !== undefined, "the fetch failed");
  assert.equal(answeredPlainHttp(url, refused), false);
});

Deno.test("the store's and the Integrator's clients on a plain-HTTP port fail fatally, naming the setting", async () => {
  await withPlainServer(async (port) => {
    const baseUrl = `https://127.0.0.1:${port}`;
    const store = createQukasoftClient({
      baseUrl,
      apiKey: "key-1",
      apiSecret: "secret-1",
      sleep: () => Promise.reject(new Error("retried")),
    });
    const integrator = createIntegratorClient({
      baseUrl,
      mode: "token",
      databaseName: "V3",
      userGroupCode: "G",
      userName: "u",
      password: "p",
    });
    const calls = [
      [() => store.auth(), "qukasoft.baseUrl"],
      [() => integrator.connect(), "nebim.integrator.baseUrl"],
    ] as const;
    for (const [call, setting] of calls) {
      const error = await (call() as Promise<unknown>).then(() => undefined, (e) => e);
      assert.ok(error instanceof IntegrationError, String(error));
      assert.equal(error.kind, "fatal", error.message);
      assert.equal(error.subject, setting);
      assert.match(
        error.message,
        new RegExp(
          `the server answered in plain HTTP, not HTTPS; ${setting} should probably start with http://$`,
        ),
      );
    }
  });
});
