import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import type { SettingsLedger } from "../../agent/settings_store.ts";
import type { SyncLedger } from "../../sync/ports.ts";
import { KML_1001_BEY_M } from "../support/mapping.ts";
import { PUSHED, withLedger, withTempPath } from "./temp.ts";

Deno.test("openLedger() on a file that is not a database fails fatal, naming the file", () =>
  withTempPath(async (path) => {
    await Deno.writeTextFile(path, "this is not an SQLite database, just some text\n".repeat(200));
    assert.throws(
      () => openLedger(path),
      (e) =>
        e instanceof IntegrationError && e.kind === "fatal" && e.system === "ledger" &&
        e.message.includes(path) && /not a ledger/.test(e.message),
    );
  }));

Deno.test("openLedger() in a folder that does not exist fails fatal", () =>
  withTempPath((_path, dir) => {
    assert.throws(() => openLedger(`${dir}/missing/ledger.sqlite`), (e) =>
      e instanceof IntegrationError && e.kind === "fatal" && /cannot be opened/.test(e.message));
  }));

Deno.test("a closed ledger fails fatal; closing twice is harmless", () =>
  withTempPath((path) => {
    const ledger = openLedger(path);
    ledger.close();
    ledger.close();
    assert.throws(() => ledger.getBookmark("products"), (e) =>
      e instanceof IntegrationError && e.kind === "fatal" &&
      /getBookmark failed: the ledger is closed/.test(e.message));
  }));

Deno.test("errors while streaming bindings are translated too", () =>
  withTempPath((path) => {
    const ledger = openLedger(path);
    ledger.upsertBindings([{
      stockCode: "A",
      key: {
        itemTypeCode: 1,
        itemCode: "X",
        colorCode: "",
        itemDim1Code: "",
        itemDim2Code: "",
        itemDim3Code: "",
      },
      productCode: "X",
    }]);
    const it = ledger.allBindings()[Symbol.iterator]();
    ledger.close();
    assert.throws(() => it.next(), (e) => e instanceof IntegrationError && e.kind === "fatal");
  }));

Deno.test("timestamps come from the injected clock", () =>
  withLedger((ledger) => {
    ledger.setBookmark("products", "x");
    assert.equal(ledger.allBookmarks()[0]?.updatedAt, "2030-01-02T03:04:05.000Z");
  }, { now: () => new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) }));

Deno.test("a Ledger serves as the product sync's SyncLedger and the settings' SettingsLedger", () =>
  withLedger((ledger) => {
    const sync: SyncLedger = ledger;
    const settings: SettingsLedger = ledger;
    sync.recordWrites([{
      stockCode: "8690000000017",
      productCode: "KML-1001",
      itemCode: "KML-1001",
      variantKey: { ...KML_1001_BEY_M },
      pushed: PUSHED,
      productId: 812,
      vanished: false,
    }], [{ stockCode: "8690000000024", itemCode: "KML-1002", reason: "HTTP 503" }]);
    const prices: [string, number | null | undefined][] = [];
    sync.eachBinding((b) => prices.push([b.stockCode, b.pushed?.price]));
    assert.deepEqual(prices, [["8690000000017", 89990], ["8690000000024", undefined]]);
    assert.deepEqual(sync.dirtyItemCodes(), ["KML-1002"]);
    assert.equal(settings.putSettings({ catalog: {} }), 1);
    assert.deepEqual(settings.getSettings()?.doc, { catalog: {} });
  }));
