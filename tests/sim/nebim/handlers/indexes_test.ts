import assert from "node:assert/strict";
import { NebimIndexes } from "../../../../sim/nebim/handlers/indexes.ts";
import { fixture } from "../fixture.ts";

const order = {
  OrderHeaderID: "00000000-0000-0000-0000-00000000AAAA",
  ProcessCode: "R",
  OrderNumber: "1",
  CurrAccTypeCode: 4,
  CurrAccCode: "WEB001",
};

Deno.test("indexes are built once and survive writes to other tables (orders do not rebuild the catalogue)", () => {
  const data = fixture();
  const idx = new NebimIndexes(data);
  const stock = idx.byItem("trStock");
  assert.equal(stock.get("KZK-0101")?.length, 4, "the lower-case row joins its upper-case siblings");
  data.insert("trOrderHeader", order);
  assert.equal(idx.byItem("trStock"), stock);
});

Deno.test("an insert is indexed incrementally; a delete rebuilds; an update is seen through the row", () => {
  const data = fixture();
  const idx = new NebimIndexes(data);
  const stock = idx.byItem("trStock");
  data.insert("trStock", { StockID: 77, ItemTypeCode: 1, ItemCode: "new-1", WarehouseCode: "MRK" });
  assert.equal(idx.byItem("trStock"), stock, "same map, grown");
  assert.equal(stock.get("NEW-1")?.length, 1);
  data.update("trStock", (r) => r.StockID === 77, { In_Qty1: 3 });
  assert.equal(idx.byItem("trStock").get("NEW-1")?.[0]?.In_Qty1, 3);
  data.delete("trStock", (r) => r.StockID === 77);
  const rebuilt = idx.byItem("trStock");
  assert.notEqual(rebuilt, stock);
  assert.equal(rebuilt.get("NEW-1"), undefined);
});

Deno.test("variant keys are cached per row and recomputed when a code cell changes", () => {
  const data = fixture();
  const idx = new NebimIndexes(data);
  const row = data.rows("prItemVariant").find((r) => r.ColorCode === "EKR")!;
  const before = idx.variantKey(row);
  assert.equal(idx.variantKey(row), before);
  data.update("prItemVariant", (r) => r === row, { ColorCode: "ekr2" });
  assert.notEqual(idx.variantKey(row), before);
  assert.match(idx.variantKey(row), /EKR2/);
});

Deno.test("sorted item codes follow cdItem inserts", () => {
  const data = fixture();
  const idx = new NebimIndexes(data);
  assert.deepEqual(idx.sortedItemCodes().map((c) => c.code), ["EMPTY-1", "ESP-0420", "KZK-0101", "TSH-0001"]);
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "AAA" });
  assert.equal(idx.sortedItemCodes()[0]?.code, "AAA");
});
