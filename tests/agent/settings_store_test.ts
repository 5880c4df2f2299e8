import assert from "node:assert/strict";
import { SettingsStore } from "../../agent/settings_store.ts";
import { openLedger, type PushRecord } from "../../ledger/ledger.ts";

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

Deno.test("SettingsStore.open() keeps the ledger's settings once something was synced, naming where a later file differs", () => {
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
        // A cycle that failed (or was stopped) after a product/save whose answer never came: the store may
        // have created the product; only the push's row says so.
        ledger.recordSending([["8690000000017", "KML-1"]]);
        ledger.finishRun(ledger.startRun("products-full"), "failed", {}, "Qukasoft did not answer");
      } else {
        // Killed after the store created products, before the ledger recorded them: nothing else shows it.
        ledger.startRun("products-full");
        if (synced === "a cycle that died") ledger.closeInterruptedRuns();
      }
      const { store, notice, seeded } = SettingsStore.open(ledger, { catalog: { safetyStock: 5 } });
      assert.equal(store.current().catalog.safetyStock, 3, synced);
      assert.equal(seeded, false);
      assert.match(notice!, /at catalog\.safetyStock; the ledger's settings are used/);
      // A new data folder makes a new token: the store's feed URL breaks unless the old token is copied.
      assert.match(
        notice!,
        /a new data folder holding a copy of this one's token file, or the XML feed's URL stops/,
      );
      assert.equal(SettingsStore.open(ledger).store.current().catalog.safetyStock, 3);
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
    assert.match(dry.notice!, /nothing has been synced under those yet, so this dry run uses the file's$/);
    assert.equal(SettingsStore.open(ledger).store.current().nebim.sql.database, "");
    // The next start applies it and says so.
    const { store, notice, seeded } = SettingsStore.open(ledger, file);
    assert.equal(seeded, true);
    assert.equal(store.current().nebim.sql.user, "eticaret_ro");
    assert.match(
      notice!,
      /at nebim\.sql\.database, nebim\.sql\.user; nothing has been synced under those yet, so the file's are used and kept$/,
    );
    assert.equal(SettingsStore.open(ledger).store.current().nebim.sql.database, "V3_ACME");
  } finally {
    ledger.close();
  }
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
