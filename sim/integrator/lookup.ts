/**
 * Code checks against the V3 data set, as the Integrator does them before saving: every code in a model
 * must already exist in V3 (research/nebim.md §2.7), compared as V3's collation (Turkish_CI_AS) does: case
 * and trailing spaces do not count, and i pairs with İ, ı with I (sim/nebim/handlers/collate.ts).
 * @module
 */

import type { NebimDataSet, Row } from "../nebim/dataset.ts";
import { ciKey } from "../nebim/handlers/collate.ts";
import { NebimRejection } from "./json.ts";

export function sameCode(a: unknown, b: string): boolean {
  return typeof a === "string" && ciKey(a) === ciKey(b);
}

export function findRow(
  data: NebimDataSet,
  table: string,
  match: Record<string, string | number>,
): Row | undefined {
  const entries = Object.entries(match);
  return data.rows(table).find((r) =>
    entries.every(([col, want]) => typeof want === "number" ? r[col] === want : sameCode(r[col], want))
  );
}

/** The row for a code that must exist and not be blocked; the message names the field and the table. */
export function requireCode(
  data: NebimDataSet,
  table: string,
  match: Record<string, string | number>,
  field: string,
  value: string,
): Row {
  const row = findRow(data, table, match);
  const where = Object.entries(match).filter(([, v]) => typeof v === "number").map(([k, v]) => `${k} ${v}`);
  const scope = where.length ? `${table}, ${where.join(", ")}` : table;
  if (!row) {
    throw new NebimRejection(
      `${field} "${value}" V3'te tanımlı değil (${field} "${value}" not found in ${scope}).`,
    );
  }
  if (row.IsBlocked === true) throw new NebimRejection(`${field} "${value}" is blocked in V3 (${scope}).`);
  return row;
}

/** The variant key of an order line once it is resolved. */
export interface LineItem {
  ItemTypeCode: number;
  ItemCode: string;
  ColorCode: string;
  ItemDim1Code: string;
  ItemDim2Code: string;
  ItemDim3Code: string;
}

export function variantFromBarcode(data: NebimDataSet, barcode: string, label: string): LineItem {
  const bc = data.rows("prItemBarcode").find((r) => sameCode(r.Barcode, barcode));
  if (!bc) {
    throw new NebimRejection(
      `${label}UsedBarcode "${barcode}" V3'te tanımlı değil (barcode not found in prItemBarcode).`,
    );
  }
  return {
    ItemTypeCode: Number(bc.ItemTypeCode),
    ItemCode: String(bc.ItemCode),
    ColorCode: String(bc.ColorCode ?? ""),
    ItemDim1Code: String(bc.ItemDim1Code ?? ""),
    ItemDim2Code: String(bc.ItemDim2Code ?? ""),
    ItemDim3Code: String(bc.ItemDim3Code ?? ""),
  };
}

/**
 * Checks that the item exists: a product (type 1) needs its variant in prItemVariant; other item types
 * (material, expense, service such as a cargo fee line) have no variants and need only the cdItem card.
 */
export function requireItem(data: NebimDataSet, item: LineItem, label: string): Row {
  const key = `${item.ItemTypeCode}/${item.ItemCode}`;
  const card = findRow(data, "cdItem", { ItemTypeCode: item.ItemTypeCode, ItemCode: item.ItemCode });
  if (!card) throw new NebimRejection(`${label}ItemCode "${key}" V3'te tanımlı değil (not found in cdItem).`);
  if (card.IsBlocked === true) {
    throw new NebimRejection(`${label}ItemCode "${key}" is blocked in V3 (cdItem).`);
  }
  if (item.ItemTypeCode !== 1) return card;
  const variant = findRow(data, "prItemVariant", { ...item });
  const vkey = [item.ItemCode, item.ColorCode, item.ItemDim1Code, item.ItemDim2Code, item.ItemDim3Code].join(
    "/",
  );
  if (!variant) {
    throw new NebimRejection(`${label}variant "${vkey}" V3'te tanımlı değil (not found in prItemVariant).`);
  }
  if (variant.IsBlocked === true) {
    throw new NebimRejection(`${label}variant "${vkey}" is blocked in V3 (prItemVariant).`);
  }
  return card;
}

/**
 * The sell VAT of an item: cdItem.ItemTaxGrCode → prItemTaxGrAtt (country TR, the order's process, else
 * R) → cdVat. A broken chain is a rejection naming the missing link.
 */
export function sellVat(data: NebimDataSet, card: Row, processCode: string, label: string) {
  const group = String(card.ItemTaxGrCode ?? "");
  const item = `${card.ItemTypeCode}/${card.ItemCode}`;
  if (!group) throw new NebimRejection(`${label}item "${item}" has no ItemTaxGrCode (cdItem).`);
  const att =
    findRow(data, "prItemTaxGrAtt", { ItemTaxGrCode: group, CountryCode: "TR", ProcessCode: processCode }) ??
      findRow(data, "prItemTaxGrAtt", { ItemTaxGrCode: group, CountryCode: "TR", ProcessCode: "R" });
  if (!att) {
    throw new NebimRejection(
      `${label}ItemTaxGrCode "${group}" of item "${item}" has no VAT for TR (prItemTaxGrAtt).`,
    );
  }
  const vatCode = String(att.SellVatCode);
  const vat = findRow(data, "cdVat", { VatCode: vatCode });
  if (!vat) {
    throw new NebimRejection(`${label}VatCode "${vatCode}" of tax group "${group}" not found in cdVat.`);
  }
  return { vatCode: String(vat.VatCode), vatRate: Number(vat.VatRate) };
}
