/**
 * Run by clock_test.ts under a TZ it sets: the simulated SQL Server with its default clock, asked for
 * GETDATE() through the agent's reader (mssql). Prints the signpost and the UTC time around the read.
 */
import { openNebimPool } from "../../../nebim/sql/pool.ts";
import { createNebimReader } from "../../../nebim/sql/reader.ts";
import { NebimDataSet } from "../../../sim/nebim/dataset.ts";
import { createNebimHandler } from "../../../sim/nebim/handlers/mod.ts";
import { startTdsServer } from "../../../sim/tds/server.ts";

const [user, password, database] = ["ro", "Okuma-2026!", "V3_TZ"];
const data = new NebimDataSet();
const server = await startTdsServer({
  user,
  password,
  database,
  handler: createNebimHandler(data, { database }),
});
try {
  const pool = await openNebimPool({
    host: "127.0.0.1",
    port: server.port,
    database,
    user,
    password,
    encrypt: false,
    trustServerCertificate: true,
    requestTimeoutMs: 10_000,
  });
  const reader = createNebimReader(pool, {
    langCode: "TR",
    barcodeTypeCode: "DEF",
    warehouses: ["W01"],
    subtractReservations: false,
    priceSource: { kind: "basePrice", basePriceCode: 1 },
    countryCode: "TR",
  });
  try {
    const before = Date.now();
    const signpost = await reader.serverTime();
    console.log(JSON.stringify({ before, after: Date.now(), signpost: signpost.getTime() }));
  } finally {
    await reader.close();
  }
} finally {
  await server.close();
}
