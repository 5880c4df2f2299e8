/**
 * The seed's settings and rules, one test each, end to end: Nebim data → mssql → TDS simulator → reader →
 * sync → Qukasoft client → Qukasoft simulator.
 */
import assert from "node:assert/strict";
import { commit, type ItemSpec, variantKey } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { CANTA, GOMLEK } from "../support/items.ts";

Deno.test("a full sync creates every product passive, with available stock and both prices", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  const r = await h.sync("full");
  assert.equal(r.created, 3);
  const p = h.product("KML-1001")!;
  assert.equal(p.name, "Keten Gömlek");
  assert.equal(p.active, false);
  assert.equal(p.vatRate, 10);
  const m = h.variant("8690000000017")!.variant;
  assert.equal(m.quantity, 4, "6 on hand − 2 reserved");
  assert.equal(m.price, 550, "cost 500 + 10 % VAT, no margin");
  assert.deepEqual([m.name1, m.value1, m.name2, m.value2], ["Renk", "Beyaz", "Beden", "M"]);
  assert.equal(h.variant("8690000000031")!.product.productCode, "CNT-2002");
  const again = await h.sync("incremental");
  assert.equal(again.created + again.updated, 0, "nothing changed, nothing sent");
});

Deno.test("available stock leaves out what Nebim has committed: reservations, dispatch orders, picking", async () => {
  const SWEATER: ItemSpec = {
    code: "KZK-3003",
    name: "Yün Kazak",
    variants: [{ barcode: "8690000000048", stock: 10, reserved: 2, dispatched: 3, picking: 1 }],
  };
  for (const subtractReservations of [true, false]) {
    await using h = await syncHarness([SWEATER], { catalog: { subtractReservations } });
    await h.sync("full");
    const want = subtractReservations ? 4 : 10;
    assert.equal(
      h.variant("8690000000048")!.variant.quantity,
      want,
      "10 − 2 reserved − 3 dispatched − 1 picked",
    );
    // A new dispatch order after the full sync reaches the store in the next incremental cycle (each of its
    // tables alone is asked in tests/sim/nebim/handlers/changed_test.ts).
    commit(h.data, variantKey("KZK-3003"), "DispOrder", 2);
    await h.sync();
    assert.equal(h.variant("8690000000048")!.variant.quantity, subtractReservations ? 2 : 10);
  }
});

Deno.test("Site Kar Oranı (%) and (TL) set the site price; Pazaryeri Kar Oranı the marketplace price", async () => {
  await using h = await syncHarness([GOMLEK], {
    pricing: { site: { percent: 40, amount: 10 }, marketplace: { percent: 60, amount: 25 } },
  });
  await h.sync("full");
  const v = h.variant("8690000000017")!.variant;
  assert.equal(v.price, 781, "(500 × 1.40 + 10) × 1.10");
  assert.equal(v.marketplacePrice, 907.5, "(500 × 1.60 + 25) × 1.10");
});

Deno.test("Özel Kar Oranları: the first range holding the cost wins over the channel margin", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], {
    pricing: {
      site: { percent: 10, amount: 0 },
      marketplace: { percent: 10, amount: 0 },
      special: [
        { from: 0, to: 1000, percent: 50, amount: 0 },
        { from: 1000, to: null, percent: 20, amount: 5, channel: "marketplace" },
      ],
    },
  });
  await h.sync("full");
  const gomlek = h.variant("8690000000017")!.variant;
  assert.equal(gomlek.price, 825, "500 in [0,1000): 500 × 1.5 × 1.1");
  assert.equal(gomlek.marketplacePrice, 825);
  const canta = h.variant("8690000000031")!.variant;
  assert.equal(canta.price, 1980, "site has no range for 1500: 1500 × 1.1 × 1.2");
  assert.equal(canta.marketplacePrice, 2166, "(1500 × 1.2 + 5) × 1.2");
});

Deno.test("Fiyat Güncellemeyi Kapat: a cost change leaves the store price alone while stock still flows", async () => {
  await using h = await syncHarness([GOMLEK], { pricing: { disablePriceUpdate: true } });
  await h.sync("full");
  h.data.update("prItemBasePrice", (r) => r.ItemCode === "KML-1001", { Price: 900 });
  h.data.update("trStock", (r) => r.ItemCode === "KML-1001" && r.ItemDim1Code === "L", { In_Qty1: 8 });
  const r = await h.sync();
  const v = h.variant("8690000000024")!.variant;
  assert.equal(v.price, 550, "price untouched");
  assert.equal(v.quantity, 8, "stock updated");
  assert.equal(r.updated, 1);
});

Deno.test("with price updates on, a cost change in Nebim reaches the store in the next incremental cycle", async () => {
  await using h = await syncHarness([GOMLEK]);
  await h.sync("full");
  h.data.update("prItemBasePrice", (r) => r.ItemCode === "KML-1001", { Price: 900 });
  await h.sync();
  assert.equal(h.variant("8690000000017")!.variant.price, 990);
});

Deno.test("an item coded in lower case with a Turkish i is read again after a change (Turkish_CI_AS: i is İ)", async () => {
  // The changed-items query gives the code as Nebim holds it; asked for as "KAZAKI-1" (the invariant upper
  // case), Nebim's collation finds nothing, and the change never reaches the store.
  const KAZAK: ItemSpec = {
    code: "kazaki-1",
    name: "Kazak",
    cost: 500,
    variants: [{ barcode: "8690000000055", stock: 5 }],
  };
  await using h = await syncHarness([KAZAK]);
  await h.sync("full");
  assert.equal(h.variant("8690000000055")!.variant.quantity, 5);
  commit(h.data, variantKey("kazaki-1"), "DispOrder", 2);
  const r = await h.sync();
  assert.equal(r.updated, 1);
  assert.equal(h.variant("8690000000055")!.variant.quantity, 3);
});

Deno.test("a variant of a lower-case item with a Turkish i that leaves Nebim is zeroed by the next incremental cycle", async () => {
  // The bindings hold the code as Nebim holds it ("kazaki-2"); the cycle reads the item by its key (KAZAKİ-2).
  // Keyed by the invariant upper case ("KAZAKI-2"), the item's bound codes were not found, and the variant
  // that left kept its last stock in the store until the next full cycle.
  const KAZAK: ItemSpec = {
    code: "kazaki-2",
    name: "Kazak",
    cost: 500,
    variants: [{ size: "S", barcode: "8690000000093", stock: 5 }, {
      size: "M",
      barcode: "8690000000109",
      stock: 4,
    }],
  };
  await using h = await syncHarness([KAZAK]);
  await h.sync("full");
  assert.equal(h.variant("8690000000109")!.variant.quantity, 4);
  h.data.delete("prItemVariant", (r) => r.ItemCode === "kazaki-2" && r.ItemDim1Code === "M");
  h.data.update("cdItem", (r) => r.ItemCode === "kazaki-2", {}); // the item card is touched: a change
  const r = await h.sync();
  assert.equal(r.zeroed, 1);
  assert.equal(h.variant("8690000000109")!.variant.quantity, 0);
  assert.equal(h.variant("8690000000093")!.variant.quantity, 5);
});

Deno.test("Ürün Adlarını Güncelle: a name change in Nebim reaches the store only when it is on", async () => {
  for (const updateNames of [false, true]) {
    await using h = await syncHarness([GOMLEK], { pricing: { updateNames } });
    await h.sync("full");
    h.data.update("cdItemDesc", (r) => r.ItemCode === "KML-1001", {
      ItemDescription: "Keten Gömlek Yazlık",
    });
    await h.sync();
    assert.equal(h.product("KML-1001")!.name, updateNames ? "Keten Gömlek Yazlık" : "Keten Gömlek");
  }
});

Deno.test("rule 5: the agent never changes active/passive of an existing product", async () => {
  await using h = await syncHarness([GOMLEK], { pricing: { updateNames: true } });
  await h.sync("full");
  h.product("KML-1001")!.active = true; // the merchant activates it in the panel
  h.data.update("cdItemDesc", (r) => r.ItemCode === "KML-1001", { ItemDescription: "Yeni Ad" });
  h.data.update("prItemBasePrice", (r) => r.ItemCode === "KML-1001", { Price: 600 });
  await h.sync();
  await h.sync("full");
  assert.equal(h.product("KML-1001")!.active, true);
  const saves = h.sims.qukasoft.log.entries("/product/save").slice(1);
  for (const e of saves) {
    for (const p of (e.input as { products: Record<string, unknown>[] }).products) {
      assert.ok(!("active" in p));
    }
  }
});

Deno.test("newProductsActive creates new products active", async () => {
  await using h = await syncHarness([CANTA], { catalog: { newProductsActive: true } });
  await h.sync("full");
  assert.equal(h.product("CNT-2002")!.active, true);
});

Deno.test("rule 3: stock codes are the exact barcode of the configured type, or the configured template", async () => {
  // Each variant also has a barcode of another type, sorting first: it is neither variant's stock code.
  for (const barcodeTypeCode of ["DEF", "UPC"]) {
    await using h = await syncHarness([GOMLEK], {
      catalog: { stockCode: { from: "barcode", barcodeTypeCode } },
    });
    for (const [size, upc] of [["M", "0000000001001"], ["L", "0000000001002"]]) {
      h.data.insert("prItemBarcode", {
        ...variantKey("KML-1001", { color: "BEY", size }),
        Barcode: upc,
        BarcodeTypeCode: "UPC",
      });
    }
    await h.sync("full");
    assert.deepEqual(
      h.product("KML-1001")!.variants.map((v) => v.stockCode).sort(),
      barcodeTypeCode === "DEF" ? ["8690000000017", "8690000000024"] : ["0000000001001", "0000000001002"],
      barcodeTypeCode,
    );
  }
  await using h = await syncHarness([GOMLEK], {
    catalog: { stockCode: { from: "template", template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" } },
  });
  await h.sync("full");
  assert.deepEqual(h.product("KML-1001")!.variants.map((v) => v.stockCode).sort(), [
    "KML-1001-BEY-L",
    "KML-1001-BEY-M",
  ]);
});

Deno.test("grouping by item + colour lists each colour as its own product", async () => {
  const item: ItemSpec = {
    ...GOMLEK,
    variants: [...GOMLEK.variants, { color: "LAC", size: "M", barcode: "8690000000048", stock: 2 }],
  };
  await using h = await syncHarness([item], { catalog: { groupBy: "itemColor" } });
  await h.sync("full");
  assert.equal(h.product("KML-1001-BEY")!.variants.length, 2);
  assert.equal(h.product("KML-1001-LAC")!.name, "Keten Gömlek Lacivert");
});

Deno.test("rule 4: a re-coded product is created as a new product; the old code's stock goes to 0", async () => {
  await using h = await syncHarness([CANTA], {
    catalog: { stockCode: { from: "template", template: "{ItemCode}" } },
  });
  await h.sync("full");
  // In Nebim the item is re-coded: the old card is blocked, a new one carries the goods.
  h.data.update("cdItem", (r) => r.ItemCode === "CNT-2002", { IsBlocked: true });
  const { addItem } = await import("../support/catalog.ts");
  addItem(h.data, { ...CANTA, code: "CNT-2002N", variants: [{ barcode: "8690000000055", stock: 4 }] });
  await h.sync();
  assert.equal(h.product("CNT-2002N")!.variants[0]!.quantity, 4);
  assert.equal(h.product("CNT-2002")!.variants[0]!.quantity, 0, "old code zeroed, never deleted");
  assert.equal(h.product("CNT-2002")!.active, false);
});

Deno.test("a stock code that vanished from Nebim (variant blocked, not for internet, deleted) gets stock 0", async () => {
  const item: ItemSpec = {
    code: "TSH-3003",
    name: "Tişört",
    cost: 100,
    variants: [
      { size: "S", barcode: "8690000000062", stock: 5 },
      { size: "M", barcode: "8690000000079", stock: 5 },
      { size: "L", barcode: "8690000000086", stock: 5 },
    ],
  };
  await using h = await syncHarness([item]);
  await h.sync("full");
  h.data.update("prItemVariant", (r) => r.ItemDim1Code === "S", { IsBlocked: true });
  h.data.update("prItemVariant", (r) => r.ItemDim1Code === "M", { UseInternet: false });
  h.data.delete("prItemVariant", (r) => r.ItemDim1Code === "L");
  await h.sync("full");
  const p = h.product("TSH-3003")!;
  assert.deepEqual(p.variants.map((v) => v.quantity), [0, 0, 0]);
  assert.equal(p.variants.length, 3, "nothing deleted");
});

Deno.test("the full reconciliation repairs drift made in the store", async () => {
  await using h = await syncHarness([GOMLEK]);
  await h.sync("full");
  const v = h.variant("8690000000017")!.variant;
  v.quantity = 99;
  v.price = 1;
  const inc = await h.sync();
  assert.equal(v.quantity, 99, "an incremental cycle trusts the ledger");
  assert.equal(inc.updated, 0);
  await h.sync("full");
  assert.equal(v.quantity, 4);
  assert.equal(v.price, 550);
});

Deno.test("a dry run prints what would change and sends nothing", async () => {
  await using h = await syncHarness([GOMLEK]);
  const r = await h.sync("full", true);
  assert.deepEqual(r.rows.map((x) => x.action), ["create", "create"]);
  // In Nebim's key order: BEY-L (3) before BEY-M (4).
  assert.match(r.rows[0]!.why, /new product: quantity 3, price 550\.00/);
  const writes = h.sims.qukasoft.log.entries().filter((e) => e.name.startsWith("POST"));
  assert.deepEqual(writes, [], "only reads reach the store");
  assert.equal(h.ledger.getBookmark("products"), undefined);
});

Deno.test("an incremental cycle reuses the bindings kept from the last good cycle instead of reading them all", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  const original = h.ledger.eachBinding.bind(h.ledger);
  let reads = 0;
  h.ledger.eachBinding = (f) => {
    reads++;
    return original(f);
  };
  h.data.update("trStock", (r) => r.ItemCode === "CNT-2002", { In_Qty1: 9 });
  await h.sync();
  assert.equal(h.variant("8690000000031")!.variant.quantity, 9);
  h.data.update("trStock", (r) => r.ItemCode === "CNT-2002", { In_Qty1: 4 });
  await h.sync();
  assert.equal(h.variant("8690000000031")!.variant.quantity, 4);
  assert.equal(reads, 0);
  await h.sync("full");
  assert.equal(reads, 1, "a full cycle reads the ledger again");
});

Deno.test("a full cycle does not zero a barcode that moved to an item of a later batch on its way there", async () => {
  const { addItem } = await import("../support/catalog.ts");
  // 600 items: more than one batch of 500, so AAA-1 and ZZZ-1 are read in different batches.
  const filler: ItemSpec[] = Array.from({ length: 600 }, (_, i) => ({
    code: `MMM-${String(i).padStart(4, "0")}`,
    name: `Ürün ${i}`,
    cost: 10,
    variants: [{ size: "S", barcode: `869${String(i).padStart(10, "0")}`, stock: 1 }],
  }));
  const moving = { size: "M", barcode: "8691111111111", stock: 3 };
  await using h = await syncHarness([
    { code: "AAA-1", name: "Gömlek", cost: 100, variants: [moving] },
    ...filler,
  ]);
  await h.sync("full");
  h.data.delete("prItemBarcode", (r) => r.Barcode === moving.barcode);
  addItem(h.data, { code: "ZZZ-1", name: "Gömlek", cost: 100, variants: [moving] });
  const before = h.sims.qukasoft.log.entries().length;
  await h.sync("full");
  const quantities = h.sims.qukasoft.log.entries().slice(before)
    .flatMap((e) => (e.input as { items?: { stockCode: string; quantity?: number }[] }).items ?? [])
    .filter((i) => i.stockCode === moving.barcode).map((i) => i.quantity);
  assert.ok(!quantities.includes(0), `sent ${JSON.stringify(quantities)}`);
  assert.equal(h.variant(moving.barcode)!.variant.quantity, 3);
});
