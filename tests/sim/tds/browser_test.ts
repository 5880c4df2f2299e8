/**
 * The SQL Server Browser simulator against the real driver: tedious (through mssql) looks a named instance
 * up on UDP 1434 and connects to the port the browser lists. Tedious always asks port 1434, so each browser
 * here, and its servers, take a loopback address of their own (tests/support/browser_host.ts).
 */

import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { startBrowserOnFreeHost } from "../../support/browser_host.ts";
import type { SqlBrowser } from "../../../sim/tds/browser.ts";
import { DATABASE, oneRow, PASSWORD, sql, startServer, USER } from "./harness.ts";

function whoAmI(name: string) {
  return { whoami: oneRow([{ name: "instance", type: "nvarchar" }], [name]) };
}

/** Connects through the browser to `instanceName` and asks the server which one it is. */
async function askInstance(host: string, instanceName: string): Promise<string> {
  const pool = new sql.ConnectionPool({
    server: host,
    user: USER,
    password: PASSWORD,
    database: DATABASE,
    options: { encrypt: false, trustServerCertificate: true, instanceName },
  });
  try {
    await pool.connect();
    const r = await pool.request().query("/* whoami */ SELECT @@SERVICENAME AS instance");
    return r.recordset[0].instance;
  } finally {
    await pool.close();
  }
}

Deno.test("tedious reaches each instance the browser lists, whatever the case of its name", async () => {
  const browser = await startBrowserOnFreeHost();
  const nebim = await startServer(whoAmI("NEBIM"), { host: browser.host });
  const express = await startServer(whoAmI("SQLEXPRESS"), { host: browser.host });
  browser.instances.push({ name: "NEBIM", tcpPort: nebim.port }, {
    name: "SQLEXPRESS",
    tcpPort: express.port,
  });
  try {
    assert.equal(await askInstance(browser.host, "NEBIM"), "NEBIM");
    assert.equal(await askInstance(browser.host, "sqlexpress"), "SQLEXPRESS");
    assert.equal(await askInstance(browser.host, "Nebim"), "NEBIM");
    assert.ok(browser.requests >= 3);
  } finally {
    await browser.close();
    await nebim.close();
    await express.close();
  }
});

Deno.test("a stopped instance is not listed: tedious fails the lookup with EINSTLOOKUP", async () => {
  const browser = await startBrowserOnFreeHost();
  const nebim = await startServer(whoAmI("NEBIM"), { host: browser.host });
  browser.instances.push({ name: "NEBIM", tcpPort: nebim.port, running: false }, {
    name: "OTHER",
    tcpPort: 1,
  });
  try {
    await assert.rejects(askInstance(browser.host, "NEBIM"), (e: sql.ConnectionError) => {
      assert.equal(e.code, "EINSTLOOKUP");
      return true;
    });
    assert.equal(nebim.accepted, 0);
    browser.instances[0]!.running = true;
    assert.equal(await askInstance(browser.host, "NEBIM"), "NEBIM");
  } finally {
    await browser.close();
    await nebim.close();
  }
});

/** Sends each request in order from one socket and returns the first datagram that comes back. */
async function firstAnswer(browser: SqlBrowser, requests: Uint8Array[]): Promise<string> {
  const socket = createSocket("udp4");
  try {
    const answer = new Promise<Uint8Array>((resolve) => socket.once("message", resolve));
    for (const r of requests) socket.send(r, browser.port, browser.host);
    const msg = await answer;
    assert.equal(msg[0], 0x05, "SVR_RESP");
    assert.equal(msg[1]! | (msg[2]! << 8), msg.length - 3, "RESP_SIZE is the data's length");
    return new TextDecoder().decode(msg.subarray(3));
  } finally {
    socket.close();
  }
}

Deno.test("the browser lists every running instance, and one alone when asked for it", async () => {
  const browser = await startBrowserOnFreeHost("SRV01");
  browser.instances.push(
    { name: "NEBIM", tcpPort: 49712 },
    { name: "PIPES", tcpPort: null },
    { name: "STOPPED", tcpPort: 49800, running: false },
  );
  try {
    const nebim =
      "ServerName;SRV01;InstanceName;NEBIM;IsClustered;No;Version;15.0.2000.5;tcp;49712;np;\\\\SRV01\\pipe\\MSSQL$NEBIM\\sql\\query;;";
    const pipes =
      "ServerName;SRV01;InstanceName;PIPES;IsClustered;No;Version;15.0.2000.5;np;\\\\SRV01\\pipe\\MSSQL$PIPES\\sql\\query;;";
    assert.equal(await firstAnswer(browser, [new Uint8Array([0x03])]), nebim + pipes);
    assert.equal(await firstAnswer(browser, [new Uint8Array([0x02])]), nebim + pipes);
    const inst = (name: string) => new Uint8Array([0x04, ...new TextEncoder().encode(name), 0]);
    assert.equal(await firstAnswer(browser, [inst("nebim")]), nebim);
    // Silence is proven by order: had the first requests been answered, their answers would come first.
    assert.equal(
      await firstAnswer(browser, [
        inst("STOPPED"),
        inst("NOSUCH"),
        new Uint8Array([0x7f]),
        inst("PIPES"),
      ]),
      pipes,
    );
  } finally {
    await browser.close();
  }
});

Deno.test("a stopped browser keeps its address and answers nothing; the next one takes another address", async () => {
  const first = await startBrowserOnFreeHost();
  const second = await startBrowserOnFreeHost();
  try {
    assert.notEqual(second.host, first.host);
    first.instances.push({ name: "FIRST", tcpPort: 49712 });
    second.instances.push({ name: "SECOND", tcpPort: 49713 });
    first.stopped = true;
    const inst = (name: string) => new Uint8Array([0x04, ...new TextEncoder().encode(name), 0]);
    // Silence is proven by order: one socket asks the stopped browser, then the running one.
    const socket = createSocket("udp4");
    try {
      const answer = new Promise<{ from: string }>((resolve) =>
        socket.once("message", (_msg, rinfo) => resolve({ from: rinfo.address }))
      );
      socket.send(inst("FIRST"), first.port, first.host);
      socket.send(inst("SECOND"), second.port, second.host);
      assert.equal((await answer).from, second.host);
    } finally {
      socket.close();
    }
    assert.equal(first.requests, 1);
  } finally {
    await first.close();
    await second.close();
  }
});
