import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import { NebimDataSet } from "../../../sim/nebim/dataset.ts";
import { isValidEan13 } from "../../../sim/generate/codes.ts";
import { DEFAULT_NOW, generateNebim } from "../../../sim/generate/nebim.ts";
import { catalogue, hashOf, ikey, netStock, SIZE, vkey } from "./helpers.ts";

Deno.test("the same seed gives the same data set, whatever the real clock says", () => {
  const a = hashOf(catalogue(false).data.toJson());
  // A default left to the data set (GETDATE(), NEWID()) would differ under another clock.
  const clock = FakeTimers.install({ now: new Date("2031-05-05T05:05:05Z"), toFake: ["Date"] });
  try {
    const t0 = performance.now();
    const again = generateNebim({ variants: SIZE, seed: 42 });
    // Printed, not asserted: the 200 000-variant timing belongs to the benchmark.
    console.log(`generateNebim: ${SIZE} variants in ${(performance.now() - t0).toFixed(0)} ms`);
    assert.equal(hashOf(again.data.toJson()), a);
  } finally {
    clock.uninstall();
  }
});

Deno.test("a different seed gives a different catalogue", () => {
  const a = generateNebim({ variants: 500, seed: 1 });
  const b = generateNebim({ variants: 500, seed: 2 });
  assert.notEqual(hashOf(a.data.toJson()), hashOf(b.data.toJson()));
  assert.notDeepEqual(a.stockCodes, b.stockCodes);
});

Deno.test("the variant count is exact", () => {
  for (const n of [0, 1, 7, 13, 250]) {
    assert.equal(
      generateNebim({ variants: n, seed: n }).data.rows("prItemVariant").length,
      n,
      `variants ${n}`,
    );
  }
  assert.equal(catalogue(false).data.rows("prItemVariant").length, SIZE);
});

Deno.test("bad options are refused with the option named", () => {
  assert.throws(() => generateNebim({ variants: 200_001, seed: 1 }), /variants/);
  assert.throws(() => generateNebim({ variants: 1.5, seed: 1 }), /variants/);
  assert.throws(() => generateNebim({ variants: 10, seed: 0.5 }), /seed/);
});

Deno.test("every variant has one unique DEF barcode with a valid EAN-13 check digit", () => {
  const { data } = catalogue(false);
  const defs = data.rows("prItemBarcode").filter((r) => r.BarcodeTypeCode === "DEF");
  assert.equal(defs.length, SIZE);
  assert.equal(new Set(defs.map((r) => r.Barcode)).size, SIZE);
  assert.equal(new Set(defs.map(vkey)).size, SIZE);
  for (const r of defs) assert.ok(isValidEan13(String(r.Barcode)), String(r.Barcode));
  const others = data.rows("prItemBarcode").filter((r) => r.BarcodeTypeCode !== "DEF");
  assert.ok(others.some((r) => r.BarcodeTypeCode === "EAN2" && isValidEan13(String(r.Barcode))));
  assert.ok(others.some((r) => r.BarcodeTypeCode === "UPC" && /^\d{12}$/.test(String(r.Barcode))));
  const all = data.rows("prItemBarcode").map((r) => r.Barcode);
  assert.equal(new Set(all).size, all.length, "no barcode is used twice, across types either");
});

Deno.test("names, colours and sizes are Turkish", () => {
  const { data } = catalogue(false);
  const names = data.rows("cdItemDesc").map((r) => String(r.ItemDescription)).join(" ");
  for (const ch of "çğıİöşüÇÖŞÜ") assert.ok(names.includes(ch), `a name with ${ch}`);
  assert.ok(new Set(data.rows("cdItemDesc").map((r) => r.ItemDescription)).size > 300, "names are varied");
  assert.match(names, /Gömlek|Kazak|Tişört|Çanta|Eşarp|Mont/);
  const colours = data.rows("cdColorDesc").filter((r) => r.LangCode === "TR").map((r) => r.ColorDescription);
  assert.ok(colours.includes("Kırmızı") && colours.includes("Yeşil"));
  const codes = data.rows("prItemVariant").map((r) => r.ItemCode);
  for (const c of codes) assert.match(String(c), /^[A-Z]{3}-\d{5}$/);
});

Deno.test("colour-size, colour-only and single-variant items, with dimension codes to match", () => {
  const { data } = catalogue(false);
  const dimType = new Map(data.rows("cdItem").map((r) => [ikey(r), r.ItemDimTypeCode]));
  const seen = new Set<unknown>();
  for (const v of data.rows("prItemVariant")) {
    const t = dimType.get(ikey(v));
    seen.add(t);
    assert.equal(v.ColorCode === "", t === 0, `${v.ItemCode} colour`);
    assert.equal(v.ItemDim1Code === "", t !== 2, `${v.ItemCode} size`);
    assert.equal(v.ItemDim2Code, "");
  }
  assert.deepEqual([...seen].sort(), [0, 1, 2]);
  const sizes = new Set(data.rows("prItemVariant").map((r) => r.ItemDim1Code));
  for (const s of ["S", "M", "L", "XL", "36", "44"]) assert.ok(sizes.has(s), `size ${s}`);
});

Deno.test("referential integrity: items, VAT, warehouses, barcodes, prices, reservations, descriptions", () => {
  const { data } = catalogue(false);
  const items = new Set(data.rows("cdItem").map(ikey));
  const variants = new Set(data.rows("prItemVariant").map(vkey));
  for (const v of data.rows("prItemVariant")) assert.ok(items.has(ikey(v)), `item of ${vkey(v)}`);
  for (const b of data.rows("prItemBarcode")) assert.ok(variants.has(vkey(b)), `variant of ${b.Barcode}`);
  for (const d of data.rows("cdItemDesc")) assert.ok(items.has(ikey(d)));
  const named = new Set(data.rows("cdItemDesc").filter((r) => r.LangCode === "TR").map(ikey));
  for (const i of items) assert.ok(named.has(i), `name of ${i}`);

  const vat = new Map(data.rows("cdVat").map((r) => [r.VatCode, r.VatRate]));
  const att = new Map(
    data.rows("prItemTaxGrAtt").filter((r) => r.CountryCode === "TR" && r.ProcessCode === "R")
      .map((r) => [r.ItemTaxGrCode, r.SellVatCode]),
  );
  const groups = new Set(data.rows("cdItemTaxGr").map((r) => r.ItemTaxGrCode));
  for (const i of data.rows("cdItem")) {
    assert.ok(groups.has(i.ItemTaxGrCode), `tax group of ${i.ItemCode}`);
    assert.ok([1, 10, 20].includes(Number(vat.get(att.get(i.ItemTaxGrCode)))), `VAT rate of ${i.ItemCode}`);
  }

  const warehouses = new Set(data.rows("cdWarehouse").map((r) => r.WarehouseCode));
  const accounts = new Set(data.rows("cdCurrAcc").map((r) => `${r.CurrAccTypeCode}|${r.CurrAccCode}`));
  for (const w of data.rows("cdWarehouse")) assert.ok(accounts.has(`${w.CurrAccTypeCode}|${w.CurrAccCode}`));
  for (const s of data.rows("trStock")) {
    assert.ok(warehouses.has(s.WarehouseCode), `warehouse ${s.WarehouseCode}`);
    assert.ok(variants.has(vkey(s)), `variant of stock ${s.StockID}`);
  }
  for (const p of data.rows("prItemBasePrice")) assert.ok(items.has(ikey(p)));
  const headers = new Set(data.rows("trPriceListHeader").map((r) => r.PriceListHeaderID));
  for (const l of data.rows("trPriceListLine")) {
    assert.ok(headers.has(l.PriceListHeaderID));
    assert.ok(l.ColorCode === "" ? items.has(ikey(l)) : variants.has(vkey(l)), `price line of ${vkey(l)}`);
  }
  // Commitments: every stage line points at an order line of a real variant and at its own header; every
  // open quantity at its stage line and that line's order line, and never above the line.
  const orderLines = new Map(data.rows("trOrderLine").map((r) => [r.OrderLineID, r]));
  const orders = new Set(data.rows("trOrderHeader").map((r) => r.OrderHeaderID));
  for (const o of orderLines.values()) {
    assert.ok(orders.has(o.OrderHeaderID));
    assert.ok(variants.has(vkey(o)));
  }
  for (const stage of ["Reserve", "DispOrder", "Picking"]) {
    const headers = new Set(data.rows(`tr${stage}Header`).map((r) => r[`${stage}HeaderID`]));
    const lines = new Map(data.rows(`tr${stage}Line`).map((r) => [r[`${stage}LineID`], r]));
    assert.ok(lines.size > 0, `some ${stage} lines`);
    for (const l of lines.values()) {
      assert.ok(headers.has(l[`${stage}HeaderID`]));
      assert.ok(orderLines.has(l.OrderLineID));
    }
    for (const st of data.rows(`st${stage}`)) {
      const l = lines.get(st[`${stage}LineID`]);
      assert.ok(l, `st${stage} line exists`);
      assert.equal(st.OrderLineID, l.OrderLineID);
      assert.ok(Number(st.Qty1) > 0 && Number(st.Qty1) <= Number(l.Qty1));
    }
  }
  const colours = new Set(
    data.rows("cdColorDesc").filter((r) => r.LangCode === "TR").map((r) => r.ColorCode),
  );
  const sizes = new Set(data.rows("cdItemDim1Desc").map((r) => r.ItemDim1Code));
  for (const v of data.rows("prItemVariant")) {
    if (v.ColorCode !== "") assert.ok(colours.has(v.ColorCode), `colour ${v.ColorCode}`);
    if (v.ItemDim1Code !== "") assert.ok(sizes.has(v.ItemDim1Code), `size ${v.ItemDim1Code}`);
  }
});

Deno.test("reference data the Integrator needs is there", () => {
  const { data } = catalogue(false);
  const codes = (table: string, col: string) => data.rows(table).map((r) => r[col]);
  assert.deepEqual(codes("cdOffice", "OfficeCode"), ["M"]);
  assert.deepEqual(codes("cdWarehouse", "WarehouseCode"), ["W01", "MRK", "D02"]);
  const w01 = data.rows("cdWarehouse")[0]!;
  assert.equal(w01.CurrAccTypeCode, 5);
  assert.equal(w01.CurrAccCode, "W01");
  const acc = data.rows("cdCurrAcc").map((r) => `${r.CurrAccTypeCode}:${r.CurrAccCode}`);
  for (const a of ["4:WEB001", "4:TY001", "4:HB001", "4:N11001", "4:AMZ001", "5:W01", "3:TOPTAN01"]) {
    assert.ok(acc.includes(a), a);
  }
  assert.deepEqual(codes("cdDeliveryCompany", "DeliveryCompanyCode"), ["ARAS", "MNG", "YRT", "PTT"]);
  assert.deepEqual(codes("cdCreditCardType", "CreditCardTypeCode"), ["IYZ", "PAYTR"]);
  assert.deepEqual(codes("cdOrderCancelReason", "OrderCancelReasonCode"), ["01"]);
  const kargo = data.rows("cdItem").find((r) => r.ItemCode === "KARGO")!;
  assert.equal(kargo.ItemTypeCode, 5);
  assert.equal(kargo.ItemTaxGrCode, "%20");
  assert.ok(!data.rows("prItemVariant").some((r) => r.ItemCode === "KARGO"));
  assert.deepEqual(
    data.rows("cdVat").map((r) => [r.VatCode, r.VatRate]),
    [["%1", 1], ["%10", 10], ["%20", 20]],
  );
});

Deno.test("prices: TRY to the kuruş; WEB lists confirmed and past, a newer one superseding, variant overrides", () => {
  const { data } = catalogue(false);
  const kurus = (p: unknown) => Math.abs(Number(p) * 100 - Math.round(Number(p) * 100)) < 1e-6;
  const base = data.rows("prItemBasePrice");
  assert.equal(
    base.filter((r) => r.BasePriceCode === 1).length,
    data.rows("cdItem").length - 1,
    "cost per item",
  );
  for (const p of base) {
    assert.equal(p.CountryCode, "TR");
    assert.equal(p.SeasonCode, "");
    assert.equal(p.CurrencyCode, "TRY");
    assert.ok(kurus(p.Price) && Number(p.Price) > 0, `${p.ItemCode} ${p.Price}`);
  }
  assert.ok(base.some((p) => !Number.isInteger(p.Price)), "kuruş appear");
  const web = data.rows("trPriceListHeader").filter((h) => h.PriceGroupCode === "WEB" && h.IsConfirmed);
  assert.ok(web.length >= 2);
  for (const h of web) {
    assert.ok(h.IsCompleted);
    assert.ok((h.ValidDate as Date) < DEFAULT_NOW);
  }
  assert.ok(web.some((h) => h.IsTaxIncluded) && web.some((h) => !h.IsTaxIncluded));
  const [older, newer] = [...web].sort((a, b) => +(a.ValidDate as Date) - +(b.ValidDate as Date));
  const lines = data.rows("trPriceListLine");
  for (const l of lines) assert.ok(kurus(l.Price) && l.DocCurrencyCode === "TRY");
  const oldPrice = new Map(
    lines.filter((l) => l.PriceListHeaderID === older!.PriceListHeaderID).map((l) => [l.ItemCode, l.Price]),
  );
  const current = lines.filter((l) => l.PriceListHeaderID === newer!.PriceListHeaderID);
  const superseded = current.filter((l) => l.ColorCode === "" && oldPrice.has(l.ItemCode));
  assert.ok(superseded.length > 100);
  assert.ok(superseded.some((l) => l.Price !== oldPrice.get(l.ItemCode)));
  assert.ok(current.some((l) => l.ColorCode !== ""), "variant-level lines");
  for (const l of current) {
    assert.deepEqual(
      [l.ValidDate, l.ValidTime],
      [newer!.ValidDate, newer!.ValidTime],
      "a line has its list's start",
    );
  }
});

Deno.test("stock: several rows per variant in several warehouses; W01 zero for some, never negative", () => {
  const { data } = catalogue(false);
  const stock = data.rows("trStock");
  assert.ok(stock.length >= 2 * SIZE, `${stock.length} rows`);
  assert.equal(new Set(stock.map((r) => r.StockID)).size, stock.length, "StockID unique");
  assert.deepEqual(new Set(stock.map((r) => r.WarehouseCode)), new Set(["W01", "MRK", "D02"]));
  const w01 = netStock(stock, "W01");
  const zeroOrMissing = data.rows("prItemVariant").filter((v) => (w01.get(vkey(v)) ?? 0) === 0).length;
  assert.ok(zeroOrMissing > SIZE * 0.05, `${zeroOrMissing} variants without W01 stock`);
  for (const [k, n] of w01) assert.ok(n >= 0, `${k} has ${n} in W01`);
  assert.ok([...netStock(stock, "D02").values()].some((n) => n < 0), "a shop warehouse oversold");
  for (const r of stock) assert.ok((r.OperationDate as Date) < DEFAULT_NOW);
});

Deno.test("committed stock: a few percent of variants, mostly W01, all stages, never above W01 on-hand", () => {
  const { data } = catalogue(false);
  const orderLines = new Map(data.rows("trOrderLine").map((o) => [o.OrderLineID, o]));
  const committed = new Set([...orderLines.values()].map(vkey));
  assert.ok(committed.size > SIZE * 0.01 && committed.size < SIZE * 0.1, `${committed.size} committed`);
  const onHand = netStock(data.rows("trStock"), "W01");
  const perVariant = new Map<string, number>();
  let lines = 0;
  let inW01 = 0;
  for (const stage of ["Reserve", "DispOrder", "Picking"]) {
    const headers = new Map(data.rows(`tr${stage}Header`).map((h) => [h[`${stage}HeaderID`], h]));
    const warehouseOf = new Map(
      data.rows(`tr${stage}Line`).map((
        l,
      ) => [l[`${stage}LineID`], headers.get(l[`${stage}HeaderID`])!.WarehouseCode]),
    );
    const open = data.rows(`st${stage}`);
    assert.ok(open.length > 0, `open ${stage} quantities`);
    for (const st of open) {
      lines++;
      if (warehouseOf.get(st[`${stage}LineID`]) !== "W01") continue;
      inW01++;
      const k = vkey(orderLines.get(st.OrderLineID)!);
      perVariant.set(k, (perVariant.get(k) ?? 0) + Number(st.Qty1));
    }
  }
  assert.ok(inW01 > lines * 0.8);
  for (const [k, q] of perVariant) assert.ok(q <= (onHand.get(k) ?? 0), `${k}: ${q} committed`);
});

Deno.test("blocked and off-internet items and variants exist and stay out of the stock codes", () => {
  const { data, stockCodes } = catalogue(false);
  const items = data.rows("cdItem").filter((r) => r.ItemTypeCode === 1);
  assert.ok(items.some((r) => r.IsBlocked) && items.some((r) => !r.UseInternet));
  assert.ok(data.rows("prItemVariant").some((r) => r.IsBlocked));
  const sellableItem = new Set(items.filter((r) => !r.IsBlocked && r.UseInternet).map(ikey));
  const sellable = new Set(
    data.rows("prItemVariant").filter((v) => sellableItem.has(ikey(v)) && !v.IsBlocked && v.UseInternet).map(
      vkey,
    ),
  );
  const expected = data.rows("prItemBarcode").filter((b) =>
    b.BarcodeTypeCode === "DEF" && sellable.has(vkey(b))
  )
    .map((b) => b.Barcode);
  assert.deepEqual(stockCodes, expected);
  assert.ok(stockCodes.length > SIZE * 0.9 && stockCodes.length < SIZE);
});

Deno.test("audit dates lie before `now`, and `now` moves them", () => {
  const now = new Date("2025-03-01T00:00:00Z");
  const { data } = generateNebim({ variants: 200, seed: 3, now });
  for (const table of ["cdItem", "prItemVariant", "prItemBarcode", "trStock", "trPriceListLine"]) {
    for (const r of data.rows(table)) {
      assert.ok((r.CreatedDate as Date) <= now && (r.LastUpdatedDate as Date) <= now, table);
      assert.ok(r.CreatedDate! <= r.LastUpdatedDate!, table);
    }
  }
  const dates = data.rows("cdItem").map((r) => +(r.CreatedDate as Date));
  assert.ok(Math.max(...dates) - Math.min(...dates) > 30 * 86_400_000, "spread over months");
});

Deno.test("the data set round-trips through its file form, anomalies included", () => {
  // Smaller than SIZE: loading is as slow as generating, and the row kinds are the same.
  for (const anomalies of [false, true]) {
    const g = generateNebim({ variants: 1_500, seed: 8, anomalies });
    const json = g.data.toJson();
    const again = NebimDataSet.fromJson(JSON.parse(JSON.stringify(json)));
    assert.equal(hashOf(again.toJson()), hashOf(json));
  }
});
