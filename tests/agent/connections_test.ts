import assert from "node:assert/strict";
import { Connections } from "../../agent/connections.ts";
import { LOGIN_REFUSED_WAIT_MS } from "../../agent/login_refusal.ts";
import { IntegrationError } from "../../errors.ts";
import { parseSettings } from "../../settings/mod.ts";
import { fakeTime } from "../qukasoft/fake_time.ts";
import { DATABASE, oneRow, PASSWORD, startServer, USER } from "../sim/tds/harness.ts";
import type { TdsServer } from "../../sim/tds/contract.ts";

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
      "SQL Server is not configured: nebim.sql.database and nebim.sql.user are not set (docs/settings.md)",
      "nebim.sql.database",
    ),
  );
  assert.throws(
    () => c.store(),
    refusal(
      "qukasoft",
      "Qukasoft is not configured: qukasoft.baseUrl, qukasoft.apiKey and qukasoft.apiSecret are not set (docs/settings.md)",
      "qukasoft.baseUrl",
    ),
  );
  await assert.rejects(
    c.integratorUser(),
    refusal(
      "integrator",
      "The Integrator is not configured: nebim.integrator.baseUrl is not set (docs/settings.md)",
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
    refusal(
      "qukasoft",
      "Qukasoft is not configured: qukasoft.apiKey is not set (docs/settings.md)",
      "qukasoft.apiKey",
    ),
  );
});

Deno.test("close waits for the SQL pool a settings change is still closing (stop must not leave it open)", async () => {
  // The change's close waits for the query in flight; the agent's stop (close) comes meanwhile.
  let asked!: () => void;
  const seen = new Promise<void>((r) => asked = r);
  let release!: () => void;
  const held = new Promise<void>((r) => release = r);
  const server = await startServer({}, {
    handler: async (req) => {
      // The reader first proves catalog.warehouses (the default W01) and the other codes: answered at once.
      if (req.sql.includes("nebim:warehouses")) {
        return { resultSets: [{ columns: [{ name: "WarehouseCode", type: "nvarchar" }], rows: [["W01"]] }] };
      }
      if (/nebim:\w+Used/.test(req.sql)) {
        return { resultSets: [{ columns: [{ name: "Code", type: "nvarchar" }], rows: [["x"]] }] };
      }
      asked();
      await held;
      return { resultSets: [{ columns: [{ name: "Now", type: "datetime2" }], rows: [[new Date()]] }] };
    },
  });
  const c = new Connections(() =>
    parseSettings({
      nebim: {
        sql: { host: server.host, port: server.port, user: USER, password: PASSWORD, database: DATABASE },
      },
    })
  );
  try {
    const query = (await c.reader()).serverTime().catch(() => {});
    await seen;
    const changing = c.settingsChanged(["nebim.sql.password"]);
    let closed = false;
    const closing = c.close().then(() => closed = true);
    for (let i = 0; i < 100; i++) await Promise.resolve();
    assert.equal(closed, false, "close returned while the old pool was still open");
    release();
    await Promise.all([closing, changing, query]);
  } finally {
    release();
    await server.close();
  }
});

Deno.test("a store client rebuilt by a settings change goes on from the store's request count, under the new limit", async () => {
  const time = fakeTime();
  let qukasoft = { baseUrl: "http://store.invalid/api", apiKey: "k1", apiSecret: "s", requestsPer10s: 2 };
  const c = new Connections(() => parseSettings({ qukasoft }), {
    fetch: () => Promise.resolve(Response.json({ code: 200, result: { storeName: "S" } })),
    sleep: time.sleep,
    now: time.now,
  });
  const change = async (to: Partial<typeof qukasoft>) => {
    qukasoft = { ...qukasoft, ...to };
    await c.settingsChanged(Object.keys(to).map((k) => `qukasoft.${k}`));
  };
  await c.store().auth();
  await c.store().auth();
  // The store limits per store, not per key: the new key's first request still meets the old two.
  await change({ apiKey: "k2", baseUrl: "http://store.invalid/api/" });
  await c.store().auth();
  assert.deepEqual(time.delays, [10_000], "the window the old client's two requests still fill");
  // One request in the window now; a raised limit lets two more through, then waits.
  await change({ requestsPer10s: 3 });
  await c.store().auth();
  await c.store().auth();
  assert.deepEqual(time.delays, [10_000], "the new limit applies");
  await c.store().auth();
  assert.deepEqual(time.delays, [10_000, 10_000], "with the count kept");
  // Another base URL is another store: its count starts empty.
  await change({ baseUrl: "http://other.invalid/api" });
  for (let i = 0; i < 3; i++) await c.store().auth();
  assert.deepEqual(time.delays, [10_000, 10_000]);
  await c.close();
});

Deno.test("close gives up a SQL login the server has not answered: a stop does not wait out nebim.sql.requestTimeoutMs", async () => {
  // A host that takes the TCP connection and never answers the login (a hung SQL Server, a stalled network):
  // the login would end only after requestTimeoutMs, and the agent's stop waited for it before closing the
  // ledger.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted = listener.accept();
  const c = new Connections(() =>
    parseSettings({
      nebim: {
        sql: {
          host: "127.0.0.1",
          port: listener.addr.port,
          user: USER,
          password: PASSWORD,
          database: DATABASE,
          requestTimeoutMs: 20_000,
        },
      },
    })
  );
  const reading = c.reader();
  reading.catch(() => {});
  const socket = await accepted;
  try {
    await c.close();
    await assert.rejects(
      reading,
      (e) => e instanceof IntegrationError && e.kind === "retriable" && /login .*given up/.test(e.message),
    );
  } finally {
    socket.close();
    listener.close();
  }
});

Deno.test("catalog.warehouses and the other codes are proven once per SQL pool and value: a changed value or a new pool asks again", async () => {
  const asked: string[][] = [];
  const codes: string[] = [];
  const server = await startServer({}, {
    handler: (req) => {
      const used = /nebim:(\w+Used)/.exec(req.sql)?.[1];
      if (used) {
        codes.push(used);
        return { resultSets: [{ columns: [{ name: "Code", type: "nvarchar" }], rows: [["x"]] }] };
      }
      const listed = [...req.params].filter(([name]) => /^w\d+$/.test(name)).map(([, p]) => String(p.value));
      if (req.sql.includes("nebim:warehouses")) asked.push(listed);
      const rows = listed.filter((c) => c === "W01" || c === "MRK").map((c) => [c]);
      return { resultSets: [{ columns: [{ name: "WarehouseCode", type: "nvarchar" }], rows }] };
    },
  });
  let catalog: Record<string, unknown> = { warehouses: ["W01"] };
  const c = new Connections(() =>
    parseSettings({
      nebim: {
        sql: { host: server.host, port: server.port, user: USER, password: PASSWORD, database: DATABASE },
      },
      catalog,
    })
  );
  const all = ["basePriceCodeUsed", "barcodeTypeUsed", "langCodeUsed"];
  try {
    await Promise.all([c.reader(), c.reader()]);
    await c.reader();
    assert.deepEqual(asked, [["W01"]]);
    assert.deepEqual(codes, all);
    catalog = { warehouses: ["W01", "MRK"], langCode: "EN" };
    await c.reader();
    assert.deepEqual(asked, [["W01"], ["W01", "MRK"]]);
    assert.deepEqual(codes, [...all, "langCodeUsed"]);
    // A template's barcode type only picks the store's barcode: not asked.
    catalog = { ...catalog, stockCode: { from: "template", template: "{ItemCode}", barcodeTypeCode: "EAN" } };
    await c.reader();
    assert.deepEqual(codes, [...all, "langCodeUsed"]);
    await c.settingsChanged(["nebim.sql.password"]); // a new pool
    await c.reader();
    assert.equal(asked.length, 3);
    assert.deepEqual(codes, [...all, "langCodeUsed", "basePriceCodeUsed", "langCodeUsed"]);
  } finally {
    await c.close();
    await server.close();
  }
});

/** Connections to a TDS simulator's server, its SQL login's wait in simulated time. */
function connectionsTo(server: TdsServer, time: ReturnType<typeof fakeTime>, password = () => PASSWORD) {
  return new Connections(
    () =>
      parseSettings({
        nebim: {
          sql: { host: server.host, port: server.port, user: USER, password: password(), database: DATABASE },
        },
      }),
    { now: time.now, sleep: time.sleep },
  );
}

Deno.test("a SQL login SQL Server refused is not dialled again with the same settings for a while: each counts toward a lockout", async () => {
  const server = await startServer({}, { password: "the-right-one" });
  let password = PASSWORD;
  const time = fakeTime();
  const c = connectionsTo(server, time, () => password);
  const refused = (again: boolean) => (e: unknown) =>
    e instanceof IntegrationError && e.kind === "fatal" && /#18456/.test(e.message) &&
    /not tried again with these settings for 15 minutes/.test(e.message) === again;
  try {
    await assert.rejects(c.reader(), refused(false));
    assert.equal(server.accepted, 1);
    // The sync's next tries, seconds to minutes later: told the same, nothing dialled.
    await time.sleep(5_000);
    await assert.rejects(c.reader(), refused(true));
    await time.sleep(LOGIN_REFUSED_WAIT_MS - 5_001);
    await assert.rejects(c.reader(), refused(true));
    assert.equal(server.accepted, 1);
    // Its time up: tried again (and refused again).
    await time.sleep(1);
    await assert.rejects(c.reader(), refused(false));
    assert.equal(server.accepted, 2);
    // A changed password is tried at once.
    password = "the-right-one";
    await c.settingsChanged(["nebim.sql.password"]);
    await c.reader(false); // the login only: this server answers no query
    assert.equal(server.accepted, 3);
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("a SQL login refused for its expired or to-be-changed password is tried again at once once an administrator sets it", async () => {
  for (const passwordPolicy of ["expired", "mustChange"] as const) {
    const server = await startServer({}, { passwordPolicy });
    const time = fakeTime();
    const c = connectionsTo(server, time);
    try {
      await assert.rejects(
        c.reader(false),
        (e) => e instanceof IntegrationError && /#1848[78]/.test(e.message),
      );
      // The administrator runs the ALTER LOGIN the error names, with the password the agent already has: the
      // password was right, so the retry counts toward no lockout, and nothing in nebim.sql changes.
      server.setPassword(PASSWORD);
      await time.sleep(5_000);
      await c.reader(false);
      assert.equal(server.accepted, 2, passwordPolicy);
    } finally {
      await c.close();
      await server.close();
    }
  }
});

Deno.test("a SQL login refused to the open pool's new connection (the password changed on the server) is not dialled again either", async () => {
  const serverTime = oneRow([{ name: "ServerTime", type: "datetime2" }], [new Date(2026, 0, 5)]);
  const server = await startServer({ "nebim:serverTime": serverTime });
  const time = fakeTime();
  const c = connectionsTo(server, time);
  // More queries at once than the pool's connections: it opens another, which logs in.
  const severalAtOnce = async () => {
    const reader = await c.reader(false);
    return await Promise.allSettled([0, 1, 2, 3].map(() => reader.serverTime()));
  };
  try {
    await (await c.reader(false)).serverTime();
    server.setPassword("rotated-by-the-dba"); // the running agent's session stays; a new login is refused
    const first = (await severalAtOnce()).find((r) => r.status === "rejected");
    assert.ok(
      first?.status === "rejected" && /#18456/.test(String(first.reason)),
      "a new connection was refused",
    );
    const dialled = server.accepted;
    // The sync's next tries: nothing dialled, told why, as for a pool that could not open.
    await time.sleep(5_000);
    const again = await severalAtOnce().catch((e: unknown) => e);
    assert.equal(server.accepted, dialled, "dialled again with the password refused");
    assert.ok(
      again instanceof IntegrationError && /#18456.*not tried again with these settings/.test(again.message),
    );
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("a held reader's pool outlives a nebim.sql change until let go, without holding up the change; a stop closes it at once", async () => {
  const server = await startServer({}, {
    handler: (req) =>
      req.sql.includes("nebim:warehouses")
        ? { resultSets: [{ columns: [{ name: "WarehouseCode", type: "nvarchar" }], rows: [["W01"]] }] }
        : { resultSets: [{ columns: [{ name: "ServerTime", type: "datetime2" }], rows: [[new Date()]] }] },
  });
  const c = new Connections(() =>
    parseSettings({
      nebim: {
        sql: { host: server.host, port: server.port, user: USER, password: PASSWORD, database: DATABASE },
      },
    })
  );
  try {
    const held = await c.heldReader();
    await held.reader.serverTime();
    await c.settingsChanged(["nebim.sql.password"]); // returns though the cycle still reads
    await held.reader.serverTime(); // the old pool is still open
    const other = await c.heldReader(); // a new cycle's, on the new pool
    other.release();
    await c.close(); // the stop: the held pool is closed though not let go
    await assert.rejects(held.reader.serverTime(), /closed|not yet open|closing/i);
    held.release();
  } finally {
    await c.close();
    await server.close();
  }
});
