import assert from "node:assert/strict";
import { startQukasoftSim } from "../../../sim/qukasoft/server.ts";
import { AUTH, KEY, sampleData, SECRET } from "./fixtures.ts";

Deno.test("startQukasoftSim() serves the store on a loopback port and closes cleanly", async () => {
  const sim = await startQukasoftSim({
    apiKey: KEY,
    apiSecret: SECRET,
    storeName: "Loop",
    data: sampleData(),
  });
  try {
    assert.match(sim.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${sim.baseUrl}/auth`, { headers: AUTH });
    assert.deepEqual(await res.json(), { code: 200, result: { storeName: "Loop" } });
    const orders = await fetch(`${sim.baseUrl}/order/listsV2?status=1`, { headers: AUTH });
    assert.equal((await orders.json()).result.total, 2);
    assert.equal(sim.state.products.size, 5);
    assert.deepEqual(sim.log.entries().map((e) => e.name), ["GET /auth", "GET /order/listsV2"]);
  } finally {
    await sim.close();
  }
});

Deno.test("a 'drop' fault over a real socket makes the client's body read fail", async () => {
  const sim = await startQukasoftSim({ apiKey: KEY, apiSecret: SECRET });
  try {
    sim.faults.once("drop");
    const res = await fetch(`${sim.baseUrl}/auth`, { headers: AUTH });
    await assert.rejects(() => res.text(), TypeError);
    assert.equal(sim.log.entries()[0]!.fault, "drop");
  } finally {
    await sim.close();
  }
});
