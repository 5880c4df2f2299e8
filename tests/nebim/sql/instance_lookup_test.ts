import assert from "node:assert/strict";
import { createSocket, type Socket } from "node:dgram";
import { IntegrationError } from "../../../errors.ts";
import { listInstances, lookupInstancePort, parseListing } from "../../../nebim/sql/instance_lookup.ts";
import { type BrowserInstance, startSqlBrowser } from "../../../sim/tds/browser.ts";

// The lookup is told the browser's port, so these browsers take any free port on 127.0.0.1.
const HOST = "127.0.0.1";

async function withBrowser(instances: BrowserInstance[], body: (port: number) => Promise<void>) {
  const browser = await startSqlBrowser({ host: HOST, port: 0, instances });
  try {
    await body(browser.port);
  } finally {
    await browser.close();
  }
}

/**
 * A UDP socket on a free port that answers each datagram with `reply(n)` (n from 1), or not at all.
 * `received()` sends a marker after the lookup's datagrams and counts those read before it: on a loaded
 * machine the lookup's timer may fire before this socket has read the datagram just sent, so a count
 * sampled at once could fall short.
 */
async function withResponder(
  reply: (n: number) => Uint8Array | undefined,
  body: (port: number, received: () => Promise<number>) => Promise<void>,
) {
  const MARKER = 0xff;
  const socket: Socket = createSocket("udp4");
  let n = 0;
  let marked: (() => void) | undefined;
  socket.on("message", (msg, from) => {
    if (msg.length === 1 && msg[0] === MARKER) return marked?.();
    const answer = reply(++n);
    if (answer) socket.send(answer, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, HOST, resolve));
  const port = socket.address().port;
  const received = async () => {
    const seen = new Promise<void>((resolve) => marked = resolve);
    const sender = createSocket("udp4");
    sender.send(new Uint8Array([MARKER]), port, HOST);
    await seen;
    sender.close();
    return n;
  };
  try {
    await body(port, received);
  } finally {
    socket.close();
  }
}

function svrResp(text: string): Uint8Array {
  const data = new TextEncoder().encode(text);
  return new Uint8Array([0x05, data.length & 0xff, data.length >> 8, ...data]);
}

const TWO = [{ name: "NEBIM", tcpPort: 49712 }, { name: "SQLEXPRESS", tcpPort: 49800 }];

Deno.test("lookupInstancePort: the listed instance's TCP port, whatever the case of its name", async () => {
  await withBrowser(TWO, async (browserPort) => {
    const o = { timeoutMs: 3000, browserPort };
    assert.equal(await lookupInstancePort(HOST, "SQLEXPRESS", o), 49800);
    assert.equal(await lookupInstancePort(HOST, "nebim", o), 49712);
  });
});

Deno.test("lookupInstancePort: an unlisted instance is named, with the instances the browser lists", async () => {
  await withBrowser([...TWO, { name: "V3", tcpPort: 50000, running: false }], async (browserPort) => {
    await assert.rejects(lookupInstancePort(HOST, "V3", { timeoutMs: 3000, browserPort }), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      // A stopped instance is not listed; it may be starting, so the next cycle tries again.
      assert.equal(e.kind, "retriable");
      assert.equal(e.system, "nebim-sql");
      assert.match(e.message, /does not list the instance "V3" \(it lists: NEBIM, SQLEXPRESS\)/);
      assert.match(e.message, /check nebim\.sql\.instanceName/);
      return true;
    });
  });
});

Deno.test("lookupInstancePort: an instance listed without TCP/IP is fatal and says where to enable it", async () => {
  await withBrowser([{ name: "SQLEXPRESS", tcpPort: null }], async (browserPort) => {
    await assert.rejects(
      lookupInstancePort(HOST, "SQLEXPRESS", { timeoutMs: 3000, browserPort }),
      (e: unknown) =>
        e instanceof IntegrationError && e.kind === "fatal" &&
        /"SQLEXPRESS" on 127\.0\.0\.1 does not accept TCP connections: enable TCP\/IP/.test(e.message),
    );
  });
});

Deno.test("listInstances: a browser that never answers is asked three times, then named with the way out", async () => {
  await withResponder(() => undefined, async (browserPort, received) => {
    // 30 ms in all: a silent browser is only ever a timeout, and this one is the lookup's own.
    await assert.rejects(listInstances(HOST, { timeoutMs: 30, browserPort }), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "retriable");
      assert.match(
        e.message,
        /^SQL Server Browser did not answer on UDP 1434 of 127\.0\.0\.1 \(the service is/,
      );
      assert.match(e.message, /firewall/);
      assert.match(
        e.message,
        /set nebim\.sql\.port to the instance's fixed TCP port and nebim\.sql\.instanceName to null$/,
      );
      return true;
    });
    assert.equal(await received(), 3);
  });
});

Deno.test("listInstances: a lost datagram is asked again", async () => {
  const listing = svrResp("ServerName;S;InstanceName;NEBIM;IsClustered;No;Version;15.0.2000.5;tcp;49712;;");
  await withResponder((n) => (n === 1 ? undefined : listing), async (browserPort, received) => {
    // 500 ms an attempt: the answer to the second must not come after the lookup gave up on it.
    assert.deepEqual(await listInstances(HOST, { timeoutMs: 1500, browserPort }), [
      { name: "NEBIM", tcpPort: 49712 },
    ]);
    assert.equal(await received(), 2);
  });
});

Deno.test("listInstances: an answer that is not SVR_RESP says UDP 1434 may be another service's", async () => {
  await withResponder(() => new TextEncoder().encode("HTTP/1.1 400"), async (browserPort) => {
    await assert.rejects(
      listInstances(HOST, { timeoutMs: 3000, browserPort }),
      (e: unknown) =>
        e instanceof IntegrationError && e.kind === "retriable" && /not an SSRP listing/.test(e.message),
    );
  });
});

Deno.test("parseListing: every record's name and port; no tcp entry is no port; a wrong length is refused", () => {
  const text = "ServerName;SRV01;InstanceName;MSSQLSERVER;IsClustered;No;Version;16.0.1000.6;tcp;1433;;" +
    "ServerName;SRV01;InstanceName;SQLEXPRESS;IsClustered;No;Version;16.0.1000.6;np;\\\\SRV01\\pipe\\MSSQL$SQLEXPRESS\\sql\\query;;";
  assert.deepEqual(parseListing("h", svrResp(text)), [
    { name: "MSSQLSERVER", tcpPort: 1433 },
    { name: "SQLEXPRESS", tcpPort: null },
  ]);
  const short = svrResp(text).subarray(0, 20);
  assert.throws(() => parseListing("h", short), /not an SSRP listing/);
});
