/**
 * `sync products --once`'s exit code, for the script or scheduled task that runs it: 0 when the store took
 * every write (items held for bad Nebim data are reported, and are not the run's failure), 3 when the cycle
 * ran to its end but the store refused or failed some items, 1 when the cycle itself failed.
 */
import assert from "node:assert/strict";
import { addItem, addStock, variantKey } from "../support/catalog.ts";
import { CANTA, GOMLEK, storeHasCanta } from "../support/items.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { syncOnce } from "../support/sync_once_cli.ts";

const NO_PRICE = {
  code: "FYT-0",
  name: "Fiyatsız",
  cost: null,
  variants: [{ barcode: "8690000999999", stock: 1 }],
};

Deno.test("sync products --once exits 3 when the store refused items, 0 when it took every write", async () => {
  await using h = await syncHarness([GOMLEK, CANTA, NO_PRICE]);
  h.sims.qukasoft.state.refuse("8690000000031", "kategori eşleşmesi yok");
  const refused = await syncOnce(h, []);
  assert.equal(refused.code, 3, refused.out);
  assert.match(refused.out, /, rejected 1$/m);

  h.sims.qukasoft.state.refuse("8690000000031", undefined);
  const clean = await syncOnce(h, ["--full"]);
  assert.equal(clean.code, 0, clean.out);
  assert.match(clean.out, /held 1, problems 1, failed 0, rejected 0$/m, "the held item is no failure");
});

Deno.test("sync products --once exits 3 when a write of the store failed, 1 when the cycle could not run", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  const down = h.config() as { nebim: { sql: { port: number } } };
  down.nebim.sql.port = 1;
  const failed = await syncOnce(h, [], down);
  assert.equal(failed.code, 1, failed.err);

  // The store applies a save but its answer leaves a product out: its variants stay dirty, sent again.
  h.sims.qukasoft.faults.once("partialAnswer", { match: "/product/save" });
  const partial = await syncOnce(h, []);
  assert.equal(partial.code, 3, partial.out);
  assert.match(partial.out, /, failed [1-9]\d*, rejected 0$/m);
  const again = await syncOnce(h, []);
  assert.equal(again.code, 0, again.out);
});

Deno.test("sync products --once exits 3 when the store refused a rename beside the stock update it took", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  const doc = h.config({ pricing: { updateNames: true } });
  assert.equal((await syncOnce(h, [], doc)).code, 0);
  h.data.update("cdItemDesc", (r) => r.ItemCode === "CNT-2002", { ItemDescription: "Deri Sırt Çantası" });
  addStock(h.data, variantKey("CNT-2002"), 2);
  h.sims.qukasoft.state.refuseProduct("CNT-2002", "ürün adı uygun değil");
  const r = await syncOnce(h, ["--full"], doc);
  // The stock went; the name did not: an open problem the screen lists and a script must see.
  assert.equal(h.variant("8690000000031")?.variant.quantity, 3);
  assert.equal(h.product("CNT-2002")?.name, "Deri Çanta");
  assert.equal(r.code, 3, r.out);
  assert.match(
    r.out,
    /refused by the store[^\n]*:\n(.*\n){2}product:CNT-2002\s+store rejected it: ürün adı uygun değil/,
  );
});

Deno.test("sync products --once exits 3 when items wait on a product the store lists unreadably, as on one it refused", async () => {
  await using h = await syncHarness([GOMLEK]);
  assert.equal((await syncOnce(h, [])).code, 0);
  // The merchant keeps CANTA's product in the panel with a price the agent cannot read: not created over.
  storeHasCanta(h);
  h.variant("8690000000031")!.variant.price = "12a" as unknown as number;
  addItem(h.data, CANTA);
  const held = await syncOnce(h, ["--full"]);
  assert.equal(held.code, 3, held.out);
  assert.match(held.out, /cannot read/);
  assert.equal(h.product("CNT-2002")!.name, "Merchant Name");
  // Mended in the panel: adopted, and the run is clean again.
  h.variant("8690000000031")!.variant.price = 2000;
  const mended = await syncOnce(h, ["--full"]);
  assert.equal(mended.code, 0, mended.out);
});
