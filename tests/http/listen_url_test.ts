import assert from "node:assert/strict";
import { listenUrl, urlHost } from "../../http/listen_url.ts";

const machine = () => "KASA-PC";

Deno.test("listenUrl: an address or name as it is, as the agent always printed it", () => {
  assert.deepEqual(listenUrl("127.0.0.1", 8787, machine), { base: "http://127.0.0.1:8787" });
  assert.deepEqual(listenUrl("localhost", 8787, machine), { base: "http://localhost:8787" });
  assert.deepEqual(listenUrl("192.168.1.20", 80, machine), { base: "http://192.168.1.20:80" });
});

Deno.test("listenUrl: an IPv6 address in brackets, a URL a browser opens", () => {
  assert.deepEqual(listenUrl("::1", 8080, machine), { base: "http://[::1]:8080" });
  assert.equal(new URL(`${listenUrl("::1", 8080, machine).base}/health`).port, "8080");
  assert.deepEqual(listenUrl("[::1]", 8080, machine), { base: "http://[::1]:8080" });
  assert.deepEqual(listenUrl("2001:db8::7", 8080, machine), { base: "http://[2001:db8::7]:8080" });
  // A link-local address's zone is written %25 in a URL (RFC 6874).
  assert.deepEqual(listenUrl("fe80::1%eth0", 8080, machine), { base: "http://[fe80::1%25eth0]:8080" });
  assert.equal(urlHost("::1"), "[::1]");
  assert.equal(urlHost("127.0.0.1"), "127.0.0.1");
});

Deno.test("listenUrl: a wildcard prints this machine's loopback, and that every interface listens", () => {
  const note = (host: string) =>
    `it listens on all interfaces (http.host "${host}"): from another machine, http://KASA-PC:8787/health`;
  assert.deepEqual(listenUrl("0.0.0.0", 8787, machine), {
    base: "http://127.0.0.1:8787",
    allInterfaces: note("0.0.0.0"),
  });
  for (const host of ["::", "[::]", "0:0:0:0:0:0:0:0", "::0"]) {
    assert.deepEqual(listenUrl(host, 8787, machine), {
      base: "http://[::1]:8787",
      allInterfaces: note(host),
    });
  }
  // Not wildcards: the loopback, the IPv4-mapped loopback.
  assert.equal(listenUrl("::1", 8787, machine).allInterfaces, undefined);
  assert.equal(listenUrl("::ffff:127.0.0.1", 8787, machine).base, "http://[::ffff:127.0.0.1]:8787");
});
