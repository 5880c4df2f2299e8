/**
 * The whole read path on the wire: reader → mssql/tedious → TDS simulator → Nebim handler → data set.
 */

import assert from "node:assert/strict";
import { IntegrationError } from "../../../errors.ts";
import { openNebimPool } from "../../../nebim/sql/pool.ts";
import { createNebimReader, type NebimReader } from "../../../nebim/sql/reader.ts";
import type { CatalogReadOptions, NebimVariant } from "../../../nebim/types.ts";
import { NebimDataSet } from "../../../sim/nebim/dataset.ts";
import { startBrowserOnFreeHost } from "../../support/browser_host.ts";
import { createNebimHandler } from "../../../sim/nebim/handlers/mod.ts";
import {
  type QueryHandler,
  type QueryRequest,
  startTdsServer,
  type TdsServer,
} from "../../../sim/tds/server.ts";
import { fixture, NOW, SINCE, UNTIL } from "../../sim/nebim/fixture.ts";
import { handlerPool } from "./handler_pool.ts";
import { BASE_PRICES, DATABASE, OPTIONS, PASSWORD, sqlOptions, USER } from "./wire.ts";

async function withServer(handler: QueryHandler, body: (server: TdsServer) => Promise<void>): Promise<void> {
  const server = await startTdsServer({ user: USER, password: PASSWORD, database: DATABASE, handler });
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

async function withReader(
  data: NebimDataSet,
  options: CatalogReadOptions,
  body: (reader: NebimReader) => Promise<void>,
): Promise<void> {
  await withServer(createNebimHandler(data, { database: DATABASE }), async (server) => {
    const reader = createNebimReader(await openNebimPool(sqlOptions(server.port)), options);
    try {
      await body(reader);
    } finally {
      await reader.close();
    }
  });
}

const sortVariants = (vs: NebimVariant[]) =>
  [...vs].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));

for (const [label, options] of [["price list", OPTIONS], ["base price", BASE_PRICES]] as const) {
  Deno.test(`e2e (${label}): readItems over the wire equals reading the handler directly`, async () => {
    const codes = ["KZK-0101", "ESP-0420", "TSH-0001", "EMPTY-1", "SRV-1"];
    const direct = await createNebimReader(handlerPool(createNebimHandler(fixture())), options).readItems(
      codes,
      NOW,
    );
    await withReader(fixture(), options, async (reader) => {
      const wire = await reader.readItems(codes, NOW);
      assert.equal(wire.length, 5);
      assert.deepEqual(sortVariants(wire), sortVariants(direct));
    });
  });
}

Deno.test("e2e: decimal(19,4) prices arrive as exact kuruş through tedious", async () => {
  const data = new NebimDataSet({ clock: () => NOW });
  const prices = { P1: 899.9, P2: 0.005, P3: 84.5, P4: 1.005, P5: 123456789.9999, P6: 0.0049 };
  for (const [code, price] of Object.entries(prices)) {
    data.insert("cdItem", { ItemTypeCode: 1, ItemCode: code, ItemDimTypeCode: 0 });
    data.insert("prItemBasePrice", {
      ItemTypeCode: 1,
      ItemCode: code,
      CountryCode: "TR",
      BasePriceCode: 1,
      Price: price,
    });
  }
  await withReader(data, BASE_PRICES, async (reader) => {
    const vs = await reader.readItems(Object.keys(prices), NOW);
    const kurus = Object.fromEntries(vs.map((v) => [v.key.itemCode, v.costKurus]));
    assert.deepEqual(kurus, { P1: 89990, P2: 1, P3: 8450, P4: 101, P5: 12345679000, P6: 0 });
  });
});

Deno.test("e2e: signpost and the [since, until) window survive datetime parameters on the wire", async () => {
  const data = fixture();
  const stock = (id: number, code: string, at: string) =>
    data.insert("trStock", {
      StockID: id,
      ItemTypeCode: 1,
      ItemCode: code,
      WarehouseCode: "MRK",
      LastUpdatedDate: at,
    });
  stock(70, "AT-SINCE", "2026-11-10T10:00:00.000");
  stock(71, "LAST-TICK", "2026-11-10T10:59:59.997");
  stock(72, "AT-UNTIL", "2026-11-10T11:00:00.000");
  stock(73, "BEFORE", "2026-11-10T09:59:59.997");
  await withReader(data, OPTIONS, async (reader) => {
    assert.deepEqual(await reader.serverTime(), NOW);
    assert.deepEqual((await reader.changedItemCodes(SINCE, UNTIL)).sort(), ["AT-SINCE", "LAST-TICK"]);
    const pages: string[][] = [];
    for await (const page of reader.allItemCodes()) pages.push(page);
    assert.deepEqual(pages, [["EMPTY-1", "ESP-0420", "KZK-0101", "TSH-0001"]]);
  });
});

Deno.test("e2e: verifySchema through INFORMATION_SCHEMA.COLUMNS finds every table and column", async () => {
  await withReader(fixture(), OPTIONS, async (reader) => {
    assert.deepEqual(await reader.verifySchema(), {
      ok: true,
      missing: [],
      collations: ["Turkish_CI_AS"],
      types: [],
    });
  });
  await withReader(fixture(), BASE_PRICES, async (reader) => {
    assert.deepEqual(await reader.verifySchema(), {
      ok: true,
      missing: [],
      collations: ["Turkish_CI_AS"],
      types: [],
    });
  });
});

Deno.test("e2e: a wrong password is a fatal nebim-sql error that does not contain the password", async () => {
  await withServer(createNebimHandler(fixture()), async (server) => {
    const wrong = "Yanlis-Sifre-42";
    await assert.rejects(openNebimPool(sqlOptions(server.port, { password: wrong })), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "fatal");
      assert.equal(e.system, "nebim-sql");
      // Tedious's error has no number; 18456 alone (no reason before it) is the login, its password, or a
      // server that takes Windows logins only.
      assert.match(
        e.message,
        /Login failed for user 'eticaret_ro'\. \(ELOGIN #18456\); check nebim\.sql\.user and nebim\.sql\.password, and that SQL Server accepts SQL Server logins \(Server Properties, Security: SQL Server and Windows Authentication mode;/,
      );
      assert.ok(!e.message.includes(wrong) && !JSON.stringify(e.cause).includes(wrong));
      return true;
    });
  });
});

Deno.test("e2e: nothing listening is a retriable error", async () => {
  let port = 0;
  await withServer(createNebimHandler(fixture()), (server) => {
    port = server.port;
    return Promise.resolve();
  });
  await assert.rejects(
    openNebimPool(sqlOptions(port, { requestTimeoutMs: 3000 })),
    (e: unknown) => e instanceof IntegrationError && e.kind === "retriable" && /ESOCKET/.test(e.message),
  );
});

Deno.test("e2e: a query the database does not know (208) is fatal, and the pool stays usable", async () => {
  await withServer(createNebimHandler(fixture()), async (server) => {
    const pool = await openNebimPool(sqlOptions(server.port));
    try {
      await assert.rejects(
        pool.query("/* nebim:nope */\nSELECT x FROM cdNothing", []),
        (e: unknown) => e instanceof IntegrationError && e.kind === "fatal" && /#208/.test(e.message),
      );
      const rows = await pool.query("SELECT DB_NAME() AS db", []);
      assert.deepEqual(rows, [{ db: "V3_SIM" }]);
    } finally {
      await pool.close();
    }
  });
});

Deno.test("e2e: aborting the signal cancels a running query with the signal's reason", async () => {
  const nebim = createNebimHandler(fixture());
  let started!: () => void;
  const seen = new Promise<void>((resolve) => started = resolve);
  const handler = (req: QueryRequest) => {
    if (!req.sql.includes("slow")) return nebim(req);
    started();
    return new Promise<never>((_, reject) =>
      req.signal.addEventListener("abort", () => reject(new Error("cancelled")))
    );
  };
  await withServer(handler, async (server) => {
    const pool = await openNebimPool(sqlOptions(server.port));
    try {
      const ac = new AbortController();
      const running = pool.query("/* slow */ SELECT 1 AS x", [], ac.signal);
      await seen;
      ac.abort(new DOMException("stop", "AbortError"));
      await assert.rejects(running, (e: unknown) => e instanceof DOMException && e.message === "stop");
      assert.deepEqual(await pool.query("SELECT 1 AS x", []), [{ x: 1 }]);
    } finally {
      await pool.close();
    }
  });
});

Deno.test("e2e: the shipped example data set reads through the reader (stock in MRK, base prices, VAT)", async () => {
  const json = JSON.parse(
    await Deno.readTextFile(
      new URL("../../../examples/nebim-dataset.example.json", import.meta.url),
    ),
  );
  const data = NebimDataSet.fromJson(json, { clock: () => NOW });
  await withReader(data, BASE_PRICES, async (reader) => {
    const codes: string[] = [];
    for await (const page of reader.allItemCodes()) codes.push(...page);
    assert.deepEqual(codes.sort(), ["ESP-0420", "KZK-0101"]);
    const vs = await reader.readItems(codes, NOW);
    assert.equal(vs.length, 8);
    for (const v of vs) {
      assert.equal(v.onHand, 9, "12 in, 3 out in MRK");
      assert.equal(v.reserved, 0, "no reservation tables: no rows, no error");
      assert.equal(v.barcodes.length, 1);
      assert.equal(v.costCurrency, "TRY");
    }
    const kzk = vs.find((v) =>
      v.key.itemCode === "KZK-0101" && v.key.colorCode === "LAC" && v.key.itemDim1Code === "S"
    )!;
    assert.deepEqual(
      [kzk.itemName, kzk.colorName, kzk.barcodes, kzk.costKurus, kzk.vatRate, kzk.taxGroupCode],
      ["Yün Kazak Örgü", "Lacivert", ["8691234500001"], 31000, 20, "%20"],
    );
    const esp = vs.find((v) => v.key.itemCode === "ESP-0420")!;
    assert.deepEqual([esp.itemName, esp.costKurus, esp.vatRate], ["Keten Eşarp", 8450, 10]);
    assert.deepEqual(await reader.verifySchema(), {
      ok: true,
      missing: [],
      collations: ["Turkish_CI_AS"],
      types: [],
    });
  });
  await withReader(data, OPTIONS, async (reader) => {
    const vs = await reader.readItems(["KZK-0101"], NOW);
    assert.equal(vs.length, 4);
    assert.ok(vs.every((v) => v.costKurus === null), "no price-list tables: no cost, no error");
  });
});

Deno.test("e2e: a named instance is found through SQL Server Browser again when it restarts on another port", async () => {
  // UDP 1434 is every browser's port: this one takes a loopback address of its own.
  const browser = await startBrowserOnFreeHost();
  const host = browser.host;
  const start = () =>
    startTdsServer({
      host,
      user: USER,
      password: PASSWORD,
      database: DATABASE,
      handler: createNebimHandler(fixture()),
    });
  let server = await start();
  browser.instances.push({ name: "NEBIM", tcpPort: server.port });
  const pool = await openNebimPool(sqlOptions(0, { host, instanceName: "NEBIM" }));
  const reader = createNebimReader(pool, OPTIONS);
  try {
    assert.equal(pool.address, `${host}\\NEBIM (TCP port ${server.port})`);
    assert.ok((await reader.readItems(["KZK-0101"], NOW)).length > 0);
    // A restart: SQL Server takes a new dynamic port and the browser lists that one.
    await server.close();
    server = await start();
    browser.instances[0]!.tcpPort = server.port;
    assert.ok((await reader.readItems(["KZK-0101"], NOW)).length > 0);
    assert.ok(server.accepted > 0);
  } finally {
    await reader.close();
    await browser.close();
    await server.close();
  }
});

Deno.test("e2e: a Windows account as the SQL user is told as such, not as a wrong password", async () => {
  await withServer(createNebimHandler(fixture()), async (server) => {
    await assert.rejects(openNebimPool(sqlOptions(server.port, { user: "ACME\\muhasebe" })), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "fatal");
      assert.match(e.message, /\(ELOGIN #18456\); nebim\.sql\.user ACME\\muhasebe is a Windows account/);
      assert.doesNotMatch(e.message, /check nebim\.sql\.user and nebim\.sql\.password/);
      return true;
    });
  });
});
