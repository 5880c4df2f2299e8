/**
 * An order posted through the Integrator simulator, started on the try-it data-set file, lands in that
 * data set's order tables (DESIGN §9), numbered after the orders already there.
 */
import assert from "node:assert/strict";
import { loadSimData } from "../../sim/load.ts";
import { startSimulators } from "../../sim/start.ts";
import { FIXTURES } from "./processes.ts";

async function call(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return await res.json() as Record<string, unknown>;
}

Deno.test("try it: an order posted through the Integrator lands in the loaded data set's tables", async () => {
  const loaded = await loadSimData({
    "nebim-data": `${FIXTURES}nebim.json`,
    "store-data": `${FIXTURES}store.json`,
  });
  const sims = await startSimulators({ data: loaded.data, store: loaded.store });
  try {
    const i = sims.settings.integrator;
    const base = `${i.baseUrl}/IntegratorService`;
    const connected = await call(`${base}/Connect`, {
      ModelType: 1,
      DatabaseName: i.databaseName,
      UserGroupCode: i.userGroupCode,
      UserName: i.userName,
      Password: i.password,
    });
    const token = String(connected.Token);
    // The store file's one order (WEB-001001: 1 × Pamuklu Gömlek, Beyaz M, 600 TL) as a retail order.
    const [order] = loaded.store.orders;
    const line = order!.products[0]!;
    const answer = await call(`${base}/Post`, {
      ModelType: 6,
      CustomerCode: "WEB001",
      OfficeCode: "M",
      StoreCode: "W01",
      StoreWareHouseCode: "W01",
      DocumentNumber: order!.code,
      DeliveryCompanyCode: "ARAS",
      IsSalesViaInternet: true,
      Lines: [{ UsedBarcode: line.barcode, Qty1: line.quantity, PriceVI: line.price }],
    }, { Token: token });
    assert.equal(answer.ExceptionMessage, undefined, JSON.stringify(answer));
    assert.equal(answer.OrderNumber, "1-R-7-1");

    const [header] = sims.data.rows("trOrderHeader");
    assert.deepEqual(
      [header?.OrderNumber, header?.DocumentNumber, header?.CurrAccCode, header?.DeliveryCompanyCode],
      ["1-R-7-1", "WEB-001001", "WEB001", "ARAS"],
    );
    const lines = sims.data.rows("trOrderLine");
    assert.deepEqual(
      lines.map((r) => [r.OrderHeaderID, r.ItemCode, r.ColorCode, r.ItemDim1Code, r.Qty1, r.UsedBarcode]),
      [[header!.OrderHeaderID, "GML-2001", "BEY", "M", 1, "8680000200011"]],
    );
    assert.equal(sims.data.rows("trOrderLineCurrency").length, 1);
    // The tables travel with the data set's file form.
    assert.equal(sims.data.toJson().trOrderHeader?.length, 1);
  } finally {
    await sims.close();
  }
});
