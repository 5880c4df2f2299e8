/**
 * The XML feed's convergence property's held records (feed_convergence_e2e_test.ts): a feed-only edit that
 * makes an item's variants held and fixed again (its name or its base-price cost emptied, then restored), so
 * the API property's draws stay as they are; and, for the oracle, which stock codes Nebim holds or sells now.
 * @module
 */

import type { Cell, NebimDataSet, Row } from "../../sim/nebim/dataset.ts";
import type { Settings } from "../../settings/mod.ts";
import { variantKey } from "../support/catalog.ts";
import { isVariant } from "../sync/convergence_barcodes.ts";
import type { ModelItem } from "../sync/convergence_nebim.ts";
import { TEMPLATE } from "../sync/convergence_settings.ts";

/** An item's name, or its base-price cost, emptied (a held record) or, emptied already, restored. */
export type HeldEdit = { kind: "held"; item: number; what: "name" | "cost" };

/** What an emptied value was, by table and item, to restore it. */
export type Saved = Map<string, Cell>;

/** A saved value's table and item code, from its key ("cdItemDesc URN-003"). */
function savedKey(key: string): [table: string, code: string] {
  return [key.slice(0, key.indexOf(" ")), key.slice(key.indexOf(" ") + 1)];
}

/** The item re-coded from `from` to `to`: its emptied values go with its rows. */
export function recodeSaved(saved: Saved, from: string, to: string): void {
  for (const [key, value] of [...saved]) {
    const [table, code] = savedKey(key);
    if (code === from) saved.set(`${table} ${to}`, value).delete(key);
  }
}

export function heldEdit(data: NebimDataSet, items: readonly ModelItem[], s: HeldEdit, saved: Saved): void {
  const code = items[s.item % items.length]!.code;
  const [table, column, empty] = s.what === "name"
    ? ["cdItemDesc", "ItemDescription", ""]
    : ["prItemBasePrice", "Price", 0];
  const item = (r: Row) => r.ItemCode === code;
  const row = data.rows(table).find(item);
  if (!row) return;
  const key = `${table} ${code}`;
  const was = row[column];
  if (was !== undefined && was !== empty) {
    saved.set(key, was);
    data.update(table, item, { [column]: empty });
  } else data.update(table, item, { [column]: saved.get(key) ?? (s.what === "name" ? "Geri Gelen Ad" : 10) });
}

/**
 * One stock code Nebim has now: how many variants carry it, whether one is held (and whether for its name,
 * or its price), whether it is sold.
 */
export interface CodeState {
  variants: number;
  held: boolean;
  badName: boolean;
  badPrice: boolean;
  sellable: boolean;
}

/** Each stock code Nebim's variants have now under `settings`, with its {@link CodeState}. */
export function codeStates(data: NebimDataSet, items: readonly ModelItem[], settings: Settings) {
  const byBarcode = settings.catalog.stockCode.from === "barcode";
  const states = new Map<string, CodeState>();
  const barcodes = new Map<string, number>(); // a barcode on two variants leaves both out
  for (const item of items) {
    for (const v of item.variants) for (const b of v.barcodes) barcodes.set(b, (barcodes.get(b) ?? 0) + 1);
  }
  for (const item of items) {
    const of = (r: Row) => r.ItemCode === item.code;
    const name = data.rows("cdItemDesc").find(of)?.ItemDescription;
    const cost = data.rows("prItemBasePrice").find(of)?.Price;
    const badName = !String(name ?? "").trim();
    const badPrice = settings.catalog.priceSource.kind === "basePrice" && !(Number(cost) > 0);
    const itemRow = data.rows("cdItem").find(of)!;
    for (const v of item.variants) {
      const code = byBarcode
        ? [...v.barcodes].sort()[0]!
        : TEMPLATE.replace("{ItemCode}", item.code).replace("{ColorCode}", v.color).replace(
          "{ItemDim1Code}",
          v.size,
        );
      const row = data.rows("prItemVariant").find((r) => isVariant(r, variantKey(item.code, v)))!;
      const sellable = !itemRow.IsBlocked && !row.IsBlocked && itemRow.UseInternet !== false &&
        row.UseInternet !== false;
      const was = states.get(code);
      const shared = byBarcode && (barcodes.get(code) ?? 0) > 1;
      states.set(code, {
        variants: (was?.variants ?? 0) + (shared ? 2 : 1),
        held: (was?.held ?? false) || badName || badPrice,
        badName: (was?.badName ?? false) || badName,
        badPrice: (was?.badPrice ?? false) || badPrice,
        sellable,
      });
    }
  }
  return states;
}

/**
 * Runs `run` with every emptied value put back, then empties them again, unstamped and unversioned (the
 * oracle's read only): a held code's stock is what Nebim would have the feed write once its record is fixed.
 */
export async function withHeldFixed<T>(data: NebimDataSet, saved: Saved, run: () => Promise<T>): Promise<T> {
  const emptied: [Row, string, Cell][] = [];
  for (const [key, value] of saved) {
    const [table, code] = savedKey(key);
    const [column, empty] = table === "cdItemDesc" ? ["ItemDescription", ""] : ["Price", 0];
    const row = data.rows(table).find((r) => r.ItemCode === code);
    if (!row || row[column] !== empty) continue;
    emptied.push([row, column, empty]);
    row[column] = value;
  }
  try {
    return await run();
  } finally {
    for (const [row, column, empty] of emptied) row[column] = empty;
  }
}
