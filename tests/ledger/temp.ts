/**
 * Test helpers: a ledger in a fresh temp directory (removed afterwards), a clock that steps one second
 * per reading, and a binding builder.
 */

import { DatabaseSync } from "node:sqlite";
import { withTempDir } from "../support/temp_dir.ts";
import type { BindingUpsert, PushedFields, PushRecord } from "../../ledger/ledger.ts";
import { migrate, MIGRATIONS } from "../../ledger/migrations.ts";
import { type Ledger, type LedgerOptions, openLedger } from "../../ledger/ledger.ts";

/** The pushed fields of Keten Gömlek's white M (8690000000017) as tests record them. */
export const PUSHED: PushedFields = {
  quantity: 4,
  price: 89990,
  marketplacePrice: 94990,
  name: "Keten Gömlek",
  vatRate: 10,
  barcode: "8690000000017",
};

/** Runs `fn` with the path of a not-yet-existing ledger file in a fresh temp dir, then removes the dir. */
export function withTempPath(fn: (path: string, dir: string) => void | Promise<void>): Promise<void> {
  return withTempDir("ledger_test_", (dir) => fn(`${dir}/ledger.sqlite`, dir));
}

/** The ledger file at `path` as an agent that knew only the first `version` migrations left it (caller closes). */
export function openAtVersion(path: string, version: number): DatabaseSync {
  const db = new DatabaseSync(path);
  migrate(db, () => "2026-11-01T00:00:00.000Z", path, MIGRATIONS.slice(0, version));
  return db;
}

/** Opens a ledger in a temp dir for `fn`; closes it and removes the dir afterwards. */
export function withLedger(
  fn: (ledger: Ledger, path: string) => void | Promise<void>,
  options: LedgerOptions = {},
): Promise<void> {
  return withTempPath(async (path) => {
    const ledger = openLedger(path, { now: steppingClock(), ...options });
    try {
      await fn(ledger, path);
    } finally {
      ledger.close();
    }
  });
}

/** 2026-11-28T00:00:00Z, then one second later at each reading. */
export function steppingClock(start = Date.UTC(2026, 10, 28)): () => Date {
  let t = start;
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}

export function binding(stockCode: string, over: Partial<BindingUpsert> = {}): BindingUpsert {
  return {
    stockCode,
    key: {
      itemTypeCode: 1,
      itemCode: "KML-1001",
      colorCode: "BEY",
      itemDim1Code: stockCode,
      itemDim2Code: "",
      itemDim3Code: "",
    },
    productCode: "KML-1001",
    ...over,
  };
}

/** A successful push of `code` as recordWrites takes it: binding(code)'s key, PUSHED, not vanished. */
export function pushWrite(code: string, over: Partial<PushRecord> = {}): PushRecord {
  return {
    stockCode: code,
    productCode: "KML-1001",
    itemCode: "KML-1001",
    variantKey: binding(code).key,
    pushed: PUSHED,
    vanished: false,
    ...over,
  };
}
