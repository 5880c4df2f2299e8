import assert from "node:assert/strict";
import { SettingsStore } from "../../agent/settings_store.ts";
import { openLedger } from "../../ledger/ledger.ts";

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

Deno.test("SettingsStore.open() keeps the ledger's settings and names where a later file differs", () => {
  const ledger = openLedger(":memory:");
  try {
    SettingsStore.open(ledger, { catalog: { safetyStock: 3 } });
    const { store, notice } = SettingsStore.open(ledger, { catalog: { safetyStock: 5 } });
    assert.equal(store.current().catalog.safetyStock, 3);
    assert.match(notice!, /catalog\.safetyStock/);
  } finally {
    ledger.close();
  }
});
