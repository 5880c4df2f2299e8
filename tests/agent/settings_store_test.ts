import assert from "node:assert/strict";
import { SettingsStore } from "../../agent/settings_store.ts";
import { type Ledger, openLedger, type PushRecord } from "../../ledger/ledger.ts";
import { openAtVersion, withTempPath } from "../ledger/temp.ts";
import { SettingsError } from "../../settings/mod.ts";
import { OPENED_DATABASE } from "../../agent/opened_databases.ts";
import { DATABASE_CREATED } from "../../sync/restore_watch.ts";

function pushRecord(stockCode: string): PushRecord {
  return {
    stockCode,
    variantKey: {
      itemTypeCode: 1,
      itemCode: "KML-1",
      colorCode: "SYH",
      itemDim1Code: "M",
      itemDim2Code: "",
      itemDim3Code: "",
    },
    itemCode: "KML-1",
    productCode: "KML-1",
    productId: 41,
    pushed: {
      quantity: 3,
      price: 89990,
      marketplacePrice: 94990,
      name: "Keten Gömlek",
      vatRate: 10,
      barcode: "8690000000017",
    },
    vanished: false,
  };
}

Deno.test("SettingsStore.open() seeds an empty ledger with the file's settings on a first start", () => {
  const ledger = openLedger(":memory:");
  try {
    const { store, seeded } = SettingsStore.open(ledger, { catalog: { safetyStock: 3 } });
    assert.equal(seeded, true);
    assert.equal(store.current().catalog.safetyStock, 3);
    assert.equal((ledger.getSettings()!.doc as { catalog: { safetyStock: number } }).catalog.safetyStock, 3);
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open() without seeding (a dry run) uses the file's settings and stores nothing", () => {
  const ledger = openLedger(":memory:");
  try {
    const { store, seeded } = SettingsStore.open(ledger, { catalog: { safetyStock: 3 } }, { seed: false });
    assert.equal(seeded, false);
    assert.equal(store.current().catalog.safetyStock, 3);
    assert.equal(ledger.getSettings(), undefined);
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open() applies a later file's change once something was synced, naming its key paths", () => {
  const cases = [
    "a bookmark",
    "a binding",
    "a cycle that died",
    "a cycle in another process",
    "a lost create",
  ];
  for (const synced of cases) {
    const ledger = openLedger(":memory:");
    try {
      SettingsStore.open(ledger, { catalog: { safetyStock: 3 } });
      if (synced === "a bookmark") ledger.setBookmark("products", "2026-11-28T10:00:00.000Z");
      else if (synced === "a binding") ledger.recordWrites([pushRecord("8690000000017")], []);
      else if (synced === "a lost create") {
        ledger.recordSending([["8690000000017", "KML-1"]]);
        ledger.finishRun(ledger.startRun("products-full"), "failed", {}, "Qukasoft did not answer");
      } else {
        ledger.startRun("products-full");
        if (synced === "a cycle that died") ledger.closeInterruptedRuns();
      }
      const { store, notice, seeded, changed } = SettingsStore.open(ledger, { catalog: { safetyStock: 5 } });
      assert.equal(store.current().catalog.safetyStock, 5, synced);
      assert.equal(seeded, true);
      assert.deepEqual(changed, ["catalog.safetyStock"]);
      assert.equal(
        notice,
        "The config file changes the settings kept in the ledger at catalog.safetyStock: applied and kept",
      );
      assert.equal(SettingsStore.open(ledger).store.current().catalog.safetyStock, 5);
    } finally {
      ledger.close();
    }
  }
});

Deno.test("SettingsStore.open(): until something is synced, a later file replaces the first start's settings", () => {
  const ledger = openLedger(":memory:");
  try {
    // A first start without --config seeds the defaults: no SQL login, no store.
    SettingsStore.open(ledger, undefined);
    const file = { nebim: { sql: { database: "V3_ACME", user: "eticaret_ro" } } };
    // A dry run uses the file's and stores nothing.
    const dry = SettingsStore.open(ledger, file, { seed: false });
    assert.equal(dry.store.current().nebim.sql.database, "V3_ACME");
    assert.match(dry.notice!, /: this dry run uses them and stores nothing$/);
    assert.equal(SettingsStore.open(ledger).store.current().nebim.sql.database, "");
    // The next start applies it and says so.
    const { store, notice, seeded } = SettingsStore.open(ledger, file);
    assert.equal(seeded, true);
    assert.equal(store.current().nebim.sql.user, "eticaret_ro");
    assert.match(notice!, /at nebim\.sql\.database, nebim\.sql\.user: applied and kept$/);
    assert.equal(SettingsStore.open(ledger).store.current().nebim.sql.database, "V3_ACME");
    // A first file with a wrong login, mended: the whole file, as it is now, is used.
    const mended = {
      nebim: { sql: { database: "V3_ACME", user: "eticaret_okuma" } },
      catalog: { safetyStock: 2 },
    };
    assert.deepEqual(
      SettingsStore.open(ledger, mended).store.current(),
      SettingsStore.open(openLedger(":memory:"), mended).store.current(),
    );
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open(): a key changed in the ledger (as a later PATCH would) survives restarts with the file, unless the file changes that key", () => {
  const ledger = openLedger(":memory:");
  try {
    const file = { catalog: { safetyStock: 3 }, pricing: { site: { percent: 25 } } };
    SettingsStore.open(ledger, file).store.update({ schedule: { productsEverySec: 77 } });
    ledger.setBookmark("products", "2026-11-28T10:00:00.000Z");
    const again = SettingsStore.open(ledger, file);
    assert.equal(again.store.current().schedule.productsEverySec, 77);
    assert.equal(again.notice, undefined);
    // The file changes another key: applied, and the ledger's own change kept.
    const edited = { ...file, pricing: { site: { percent: 40 } } };
    const next = SettingsStore.open(ledger, edited);
    assert.deepEqual(next.changed, ["pricing.site.percent"]);
    assert.equal(next.store.current().pricing.site.percent, 40);
    assert.equal(next.store.current().schedule.productsEverySec, 77);
    assert.equal(next.store.current().catalog.safetyStock, 3);
    // The file changes that key: the file's value wins.
    const schedule = SettingsStore.open(ledger, { ...edited, schedule: { productsEverySec: 90 } });
    assert.equal(schedule.store.current().schedule.productsEverySec, 90);
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open(): the same file again changes nothing, stores nothing and says nothing", () => {
  const ledger = openLedger(":memory:");
  try {
    const file = { catalog: { safetyStock: 3 }, nebim: { sql: { password: "Gizli-2026!" } } };
    const first = SettingsStore.open(ledger, file).store.current();
    ledger.setBookmark("products", "2026-11-28T10:00:00.000Z");
    const version = ledger.getSettings()!.version;
    const again = SettingsStore.open(ledger, structuredClone(file));
    assert.equal(again.notice, undefined);
    assert.deepEqual(again.changed, []);
    assert.equal(again.seeded, false);
    assert.deepEqual(again.store.current(), first);
    assert.equal(ledger.getSettings()!.version, version);
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open(): a changed secret is applied and named by its key path, never its value", () => {
  const ledger = openLedger(":memory:");
  try {
    SettingsStore.open(ledger, {
      nebim: { sql: { password: "Eski-2026!" } },
      qukasoft: { apiKey: "eski-key" },
    });
    ledger.setBookmark("products", "2026-11-28T10:00:00.000Z");
    const file = { nebim: { sql: { password: "Yeni-2027!" } }, qukasoft: { apiKey: "yeni-key" } };
    const { store, notice } = SettingsStore.open(ledger, file);
    assert.equal(store.current().nebim.sql.password, "Yeni-2027!");
    assert.equal(store.current().qukasoft.apiKey, "yeni-key");
    assert.match(notice!, /at nebim\.sql\.password, qukasoft\.apiKey: applied and kept$/);
    assert.doesNotMatch(notice!, /Yeni|yeni|Eski|eski/);
    assert.equal(SettingsStore.open(ledger).store.current().nebim.sql.password, "Yeni-2027!");
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open(): a dry run with a changed file uses the merged settings and stores nothing", () => {
  const ledger = openLedger(":memory:");
  try {
    const file = { catalog: { safetyStock: 3 } };
    SettingsStore.open(ledger, file).store.update({ schedule: { productsEverySec: 77 } });
    ledger.setBookmark("products", "2026-11-28T10:00:00.000Z");
    const before = ledger.getSettings();
    const dry = SettingsStore.open(ledger, { catalog: { safetyStock: 5 } }, { seed: false });
    assert.equal(dry.store.current().catalog.safetyStock, 5);
    assert.equal(dry.store.current().schedule.productsEverySec, 77);
    assert.equal(dry.seeded, false);
    assert.match(dry.notice!, /at catalog\.safetyStock: this dry run uses them and stores nothing$/);
    assert.deepEqual(ledger.getSettings(), before);
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open(): a file that nulls catalog.vanishLimit turns the limit off (a merge patch's null would restore the default)", () => {
  const ledger = openLedger(":memory:");
  try {
    SettingsStore.open(ledger, { catalog: { vanishLimit: { percent: 30 } } });
    ledger.setBookmark("products", "2026-11-28T10:00:00.000Z");
    const off = SettingsStore.open(ledger, { catalog: { vanishLimit: null } });
    assert.equal(off.store.current().catalog.vanishLimit, null);
    assert.deepEqual(off.changed, ["catalog.vanishLimit"]);
    const on = SettingsStore.open(ledger, { catalog: { vanishLimit: { atLeast: 10 } } });
    assert.deepEqual(on.store.current().catalog.vanishLimit, { percent: 20, atLeast: 10 });
  } finally {
    ledger.close();
  }
});

/** A ledger an agent that knew migrations 1-8 left with settings `doc` (so no file recorded), opened by this one. */
function withOlderLedger(doc: unknown, fn: (ledger: Ledger) => void): Promise<void> {
  return withTempPath((path) => {
    const older = openAtVersion(path, 8);
    older.prepare("INSERT INTO settings (id, doc, version, updated_at) VALUES (1, ?, 1, ?)")
      .run(JSON.stringify(doc), "2026-11-01T00:00:00.000Z");
    older.close();
    const ledger = openLedger(path);
    try {
      ledger.setBookmark("products", "2026-11-28T10:00:00.000Z");
      assert.equal(ledger.getSettings()!.file, undefined);
      fn(ledger);
    } finally {
      ledger.close();
    }
  });
}

/** The settings a first start with `file` seeds. */
const seededBy = (file: unknown) => SettingsStore.open(openLedger(":memory:"), file).store.current();

Deno.test("SettingsStore.open(): a ledger from before the file was recorded takes the ledger's settings as the base", async () => {
  const file = { catalog: { safetyStock: 3 } };
  // Seeded from the same file: nothing changes, and the file is recorded.
  await withOlderLedger(seededBy(file), (ledger) => {
    const opened = SettingsStore.open(ledger, file);
    assert.equal(opened.notice, undefined);
    assert.equal(opened.store.current().catalog.safetyStock, 3);
    assert.deepEqual(ledger.getSettings()!.file, file);
  });
  // The ledger's differ from the file at two keys: both are the file's now, and the file is recorded.
  const doc = seededBy(file);
  doc.schedule.productsEverySec = 77;
  await withOlderLedger(doc, (ledger) => {
    const edited = { ...file, pricing: { site: { percent: 10 } } };
    const first = SettingsStore.open(ledger, edited);
    assert.deepEqual(first.changed, ["pricing.site.percent", "schedule.productsEverySec"]);
    assert.deepEqual(ledger.getSettings()!.file, edited);
    // Now recorded: a later change in the ledger survives a start with the same file.
    first.store.update({ schedule: { productsEverySec: 77 } });
    const again = SettingsStore.open(ledger, edited);
    assert.equal(again.notice, undefined);
    assert.equal(again.store.current().schedule.productsEverySec, 77);
  });
});

/** A document an earlier version validated and stored: the host written SSMS's way, refused since. */
function earlierVersionsDoc() {
  const doc = structuredClone(SettingsStore.open(openLedger(":memory:")).store.current());
  doc.nebim.sql.host = "SRV01\\NEBIM";
  return doc;
}

Deno.test("SettingsStore.open(): settings an earlier version stored, refused now, say they are the ledger's; a --config file mends them", () => {
  const ledger = openLedger(":memory:");
  try {
    ledger.putSettings(earlierVersionsDoc());
    ledger.setBookmark("products", "2026-11-28T10:00:00.000Z"); // synced under them
    assert.throws(
      () => SettingsStore.open(ledger),
      (e: Error) => {
        assert.equal(e.name, "StoredSettingsError");
        assert.match(e.message, /^the settings kept in the ledger \(by an earlier version\) are not valid/);
        assert.match(e.message, /nebim\.sql\.host: must be the host alone; put the instance in/);
        assert.match(e.message, /start once with --config FILE holding the corrected settings/);
        // Not "they replace the ledger's": once something is synced its stock codes and grouping stay.
        assert.doesNotMatch(e.message, /replace the ledger's/);
        assert.match(e.message, /once something is synced.*stock-code form and grouping are kept/);
        return true;
      },
    );
    const file = { nebim: { sql: { host: "SRV01", instanceName: "NEBIM" } } };
    // A dry run (or check) uses the file's and stores nothing.
    const dry = SettingsStore.open(ledger, file, { seed: false });
    assert.equal(dry.store.current().nebim.sql.instanceName, "NEBIM");
    assert.match(
      dry.notice!,
      /not valid for this version .*nebim\.sql\.host.*this dry run uses the config file's$/,
    );
    assert.equal(
      (ledger.getSettings()!.doc as { nebim: { sql: { host: string } } }).nebim.sql.host,
      "SRV01\\NEBIM",
    );
    // A start with the file replaces them, although something was synced: the ledger's cannot be used.
    const { store, notice, seeded } = SettingsStore.open(ledger, file);
    assert.equal(seeded, true);
    assert.equal(store.current().nebim.sql.host, "SRV01");
    assert.match(notice!, /the config file's are used and kept$/);
    assert.equal(SettingsStore.open(ledger).store.current().nebim.sql.instanceName, "NEBIM");
  } finally {
    ledger.close();
  }
});

/** The store `file` seeds, then something synced under it (a binding written): its code-making keys stay. */
function openSynced(ledger: Ledger, file: unknown): SettingsStore {
  const { store } = SettingsStore.open(ledger, file);
  ledger.recordWrites([pushRecord("8690000000017")], []);
  return store;
}

/** An earlier version's document (the host refused now) with these stock codes and grouping, synced under. */
function syncedUnder(ledger: Ledger, catalog: Record<string, unknown>): void {
  const doc = earlierVersionsDoc();
  Object.assign(doc.catalog, catalog);
  ledger.putSettings(doc);
  ledger.recordWrites([pushRecord("KML-1-SYH")], []);
}

Deno.test("SettingsStore.open(): once synced, a file mending the ledger's invalid settings keeps the ledger's stock-code form and grouping, and says so at every start", () => {
  const form = { from: "template", template: "{ItemCode}-{ColorCode}", barcodeTypeCode: "DEF" };
  // The host mended, in a file written afresh: the defaults' barcode codes and grouping by item, another barcode type.
  const file = {
    nebim: { sql: { host: "SRV01", instanceName: "NEBIM" } },
    catalog: { safetyStock: 2, stockCode: { from: "barcode", barcodeTypeCode: "EAN13" } },
  };
  const ledger = openLedger(":memory:");
  try {
    syncedUnder(ledger, { stockCode: form, groupBy: "itemColor" });
    const dry = SettingsStore.open(ledger, file, { seed: false });
    assert.deepEqual(dry.store.current().catalog.stockCode, form);
    assert.deepEqual(dry.kept, ["catalog.stockCode.from", "catalog.stockCode.template", "catalog.groupBy"]);
    for (const start of ["first", "second"]) {
      const { store, notice, kept } = SettingsStore.open(ledger, file);
      const settings = store.current();
      assert.equal(settings.nebim.sql.host, "SRV01", start);
      assert.equal(settings.catalog.safetyStock, 2, start);
      assert.deepEqual(settings.catalog.stockCode, form, start);
      assert.equal(settings.catalog.groupBy, "itemColor", start);
      assert.deepEqual(
        kept,
        ["catalog.stockCode.from", "catalog.stockCode.template", "catalog.groupBy"],
        start,
      );
      assert.match(
        notice ?? "",
        /at catalog\.stockCode\.from, catalog\.stockCode\.template, catalog\.groupBy: not applied: .*start with a new data folder/,
        start,
      );
      assert.deepEqual(SettingsStore.open(ledger).store.current().catalog.stockCode, form, start);
    }
  } finally {
    ledger.close();
  }
  // Nothing synced under them: the file replaces them whole, as before.
  const fresh = openLedger(":memory:");
  try {
    const doc = earlierVersionsDoc();
    Object.assign(doc.catalog, { stockCode: form, groupBy: "itemColor" });
    fresh.putSettings(doc);
    const { store, kept, notice } = SettingsStore.open(fresh, file);
    assert.deepEqual(store.current().catalog.stockCode, { from: "barcode", barcodeTypeCode: "EAN13" });
    assert.equal(store.current().catalog.groupBy, "item");
    assert.equal(kept, undefined);
    assert.match(notice ?? "", /the config file's are used and kept$/);
  } finally {
    fresh.close();
  }
});

Deno.test("SettingsStore.open(): once synced, a ledger's barcode type that makes the codes is kept when mending; under a template the file's applies", () => {
  const cases = [
    { stockCode: { from: "barcode", barcodeTypeCode: "EAN13" }, barcodeTypeCode: "EAN13", kept: true },
    {
      stockCode: { from: "template", template: "{ItemCode}", barcodeTypeCode: "EAN13" },
      barcodeTypeCode: "DEF",
      kept: false,
    },
  ];
  for (const { stockCode, barcodeTypeCode, kept } of cases) {
    const ledger = openLedger(":memory:");
    try {
      syncedUnder(ledger, { stockCode });
      const file = {
        nebim: { sql: { host: "SRV01", instanceName: "NEBIM" } },
        catalog: { stockCode: { ...stockCode, barcodeTypeCode: "DEF" } },
      };
      const opened = SettingsStore.open(ledger, file);
      assert.equal(opened.store.current().catalog.stockCode.barcodeTypeCode, barcodeTypeCode, stockCode.from);
      assert.deepEqual(opened.kept, kept ? ["catalog.stockCode.barcodeTypeCode"] : undefined, stockCode.from);
    } finally {
      ledger.close();
    }
  }
});

Deno.test("SettingsStore.open(): once synced, a stored stock-code template that is itself invalid takes the file's, said; the grouping is still kept", () => {
  const ledger = openLedger(":memory:");
  try {
    // A template without a placeholder, accepted by an earlier version (every variant one code).
    syncedUnder(ledger, {
      stockCode: { from: "template", template: "KML", barcodeTypeCode: "DEF" },
      groupBy: "itemColor",
    });
    assert.throws(() => SettingsStore.open(ledger), /catalog\.stockCode\.template: must contain/);
    const file = {
      nebim: { sql: { host: "SRV01", instanceName: "NEBIM" } },
      catalog: { stockCode: { from: "template", template: "{ItemCode}" } },
    };
    const { store, notice, kept } = SettingsStore.open(ledger, file);
    assert.deepEqual(store.current().catalog.stockCode, {
      from: "template",
      template: "{ItemCode}",
      barcodeTypeCode: "DEF",
    });
    assert.equal(store.current().catalog.groupBy, "itemColor");
    assert.deepEqual(kept, ["catalog.groupBy"]);
    assert.match(notice ?? "", /at catalog\.groupBy: not applied/);
    assert.match(
      notice ?? "",
      /at catalog\.stockCode\.template: the config file's is used, the ledger's not being valid/,
    );
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open(): once synced, a file changing the stock-code form or grouping keeps the ledger's and says so at every start, the rest applied", () => {
  const ledger = openLedger(":memory:");
  try {
    openSynced(ledger, { catalog: { safetyStock: 3 } });
    const file = {
      catalog: {
        safetyStock: 5,
        groupBy: "itemColor",
        stockCode: { from: "template", template: "{ItemCode}" },
      },
    };
    for (const start of ["first", "second"]) {
      const { store, notice, changed } = SettingsStore.open(ledger, file);
      const catalog = store.current().catalog;
      assert.equal(catalog.safetyStock, 5, start);
      assert.deepEqual(catalog.stockCode, { from: "barcode", barcodeTypeCode: "DEF" }, start);
      assert.equal(catalog.groupBy, "item", start);
      assert.deepEqual(changed, start === "first" ? ["catalog.safetyStock"] : [], start);
      assert.match(
        notice ?? "",
        /catalog\.stockCode\.from, catalog\.stockCode\.template, catalog\.groupBy: not applied/,
        start,
      );
      assert.match(notice ?? "", /start with a new data folder/, start);
      assert.equal(SettingsStore.open(ledger).store.current().catalog.groupBy, "item", start);
    }
    // Before anything is synced the form is the operator's to change, as any key: a SQL login that worked (the
    // database it opened remembered: agent/opened_databases.ts), or a cycle that read when the database was made
    // (sync/restore_watch.ts), synced nothing to the store.
    const fresh = openLedger(":memory:");
    try {
      SettingsStore.open(fresh, { catalog: { safetyStock: 3 } });
      fresh.setBookmark(OPENED_DATABASE, '["sql01",null,1433,"V3_ACME","eticaret_ro"]');
      fresh.setBookmark(DATABASE_CREATED, "2026-11-02T08:15:00.000Z"); // and a first cycle that failed after it
      const { store, notice } = SettingsStore.open(fresh, file);
      assert.equal(store.current().catalog.groupBy, "itemColor");
      assert.equal(store.current().catalog.stockCode.from, "template");
      assert.doesNotMatch(notice ?? "", /not applied/);
    } finally {
      fresh.close();
    }
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.open(): once synced, the barcode type is refused where it makes the stock codes, applied where it picks only the store's barcode", () => {
  const cases = [
    { from: "barcode", applied: false },
    { from: "template", applied: true },
  ];
  for (const { from, applied } of cases) {
    const ledger = openLedger(":memory:");
    try {
      const form = from === "barcode" ? { from } : { from, template: "{ItemCode}-{ColorCode}" };
      openSynced(ledger, { catalog: { stockCode: form } });
      const { store, notice } = SettingsStore.open(ledger, {
        catalog: { stockCode: { ...form, barcodeTypeCode: "EAN13" } },
      });
      assert.equal(store.current().catalog.stockCode.barcodeTypeCode, applied ? "EAN13" : "DEF", from);
      assert.equal(/not applied/.test(notice ?? ""), !applied, from);
    } finally {
      ledger.close();
    }
  }
});

Deno.test("SettingsStore.open(): once synced, a grouping refused beside a barcode type under a template: the barcode type is still applied", () => {
  const ledger = openLedger(":memory:");
  try {
    const form = { from: "template", template: "{ItemCode}-{ColorCode}" };
    openSynced(ledger, { catalog: { stockCode: form } });
    const { store, notice, changed } = SettingsStore.open(ledger, {
      catalog: { groupBy: "itemColor", stockCode: { ...form, barcodeTypeCode: "EAN13" } },
    });
    assert.equal(store.current().catalog.groupBy, "item");
    assert.match(notice ?? "", /catalog\.groupBy: not applied/);
    // It picks only the store's barcode field: applied, as it is alone, not dropped with the grouping unsaid.
    assert.equal(store.current().catalog.stockCode.barcodeTypeCode, "EAN13");
    assert.deepEqual(changed, ["catalog.stockCode.barcodeTypeCode"]);
  } finally {
    ledger.close();
  }
});

Deno.test("SettingsStore.update(): once synced, a patch changing the stock-code form or grouping is refused whole, naming each key; before, it is applied", () => {
  const patches = [
    { patch: { catalog: { groupBy: "itemColor" } }, keys: ["catalog.groupBy"] },
    {
      patch: { catalog: { stockCode: { from: "template", template: "{ItemCode}" } } },
      keys: ["catalog.stockCode.from", "catalog.stockCode.template"],
    },
    {
      patch: { catalog: { stockCode: { barcodeTypeCode: "EAN13" } } },
      keys: ["catalog.stockCode.barcodeTypeCode"],
    },
  ];
  for (const { patch, keys } of patches) {
    const ledger = openLedger(":memory:");
    try {
      const store = openSynced(ledger, { catalog: { safetyStock: 3 } });
      const before = [store.current(), ledger.getSettings()] as const;
      const heard: string[][] = [];
      store.subscribe((_, changed) => heard.push(changed));
      // Beside a key that alone would be applied: all or nothing, as a bad value is.
      const withOther = { ...patch, catalog: { ...patch.catalog, safetyStock: 5 } };
      assert.throws(
        () => store.update(withOther),
        (e: Error) => {
          assert.ok(e instanceof SettingsError, String(e));
          assert.deepEqual(e.issues.map((i) => i.path), keys);
          // Not "invalid settings" (the values are valid), and the long hint once, not once per key.
          assert.doesNotMatch(e.message, /invalid/);
          assert.ok(e.message.startsWith(`at ${keys.join(", ")}: not applied`), e.message);
          assert.equal(e.message.split("start with a new data folder").length, 2, e.message);
          assert.match(e.message, /nothing else in the change was applied/);
          return true;
        },
      );
      assert.deepEqual([store.current(), ledger.getSettings()], before, JSON.stringify(patch));
      assert.deepEqual(heard, []);
      assert.equal(SettingsStore.open(ledger).store.current().catalog.safetyStock, 3);
    } finally {
      ledger.close();
    }
    // Nothing synced yet: the operator's to change, as any key.
    const fresh = openLedger(":memory:");
    try {
      const { store } = SettingsStore.open(fresh, { catalog: { safetyStock: 3 } });
      assert.deepEqual(store.update(patch).changed, keys);
    } finally {
      fresh.close();
    }
  }
});

Deno.test("SettingsStore.update(): once synced, a template's barcode type is applied: it picks only the store's barcode", () => {
  const ledger = openLedger(":memory:");
  try {
    const form = { from: "template", template: "{ItemCode}-{ColorCode}" };
    const store = openSynced(ledger, { catalog: { stockCode: form } });
    const { changed } = store.update({ catalog: { stockCode: { barcodeTypeCode: "EAN13" } } });
    assert.deepEqual(changed, ["catalog.stockCode.barcodeTypeCode"]);
    assert.equal(SettingsStore.open(ledger).store.current().catalog.stockCode.barcodeTypeCode, "EAN13");
  } finally {
    ledger.close();
  }
});
