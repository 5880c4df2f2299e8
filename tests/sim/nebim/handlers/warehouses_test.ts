import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import { NebimDataSet } from "../../../../sim/nebim/dataset.ts";
import { warehouseCodesQuery, warehousesQuery } from "../../../../nebim/sql/queries.ts";
import { runRows } from "../../../nebim/sql/handler_pool.ts";

const data = () =>
  NebimDataSet.fromJson({
    cdWarehouse: [{ WarehouseCode: "W01" }, { WarehouseCode: "DEPOİ" }, { WarehouseCode: "MRK" }],
  });

Deno.test("warehouses: the listed codes cdWarehouse has, compared under Turkish_CI_AS, as cdWarehouse spells them", async () => {
  const handler = createNebimHandler(data());
  const codes = async (listed: string[]) =>
    (await runRows(handler, warehousesQuery(listed))).map((r) => r.WarehouseCode).sort();
  // Case and trailing spaces do not count; i pairs with İ, so "depoi" is DEPOİ; "DEPOI" is another code.
  assert.deepEqual(await codes(["w01 ", "depoi", "W1"]), ["DEPOİ", "W01"]);
  assert.deepEqual(await codes(["DEPOI", "mrk"]), ["MRK"]);
});

Deno.test("warehouseCodes: the first @take codes in code order", async () => {
  const handler = createNebimHandler(data());
  const rows = await runRows(handler, warehouseCodesQuery(2));
  assert.deepEqual(rows.map((r) => r.WarehouseCode), ["DEPOİ", "MRK"]);
});
