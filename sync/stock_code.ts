/**
 * The codes the store knows a variant by, from the settings: its stock code (a barcode or a template of its
 * key), its product's code and the barcode the store shows.
 * @module
 */

import type { NebimVariant } from "../nebim/types.ts";

export type StockCodeSetting =
  | { from: "barcode"; barcodeTypeCode: string }
  | { from: "template"; template: string };

/** The first barcode in sort order (the one a variant's stock code comes from), or undefined. */
function firstBarcode(barcodes: readonly string[]): string | undefined {
  let first = barcodes[0];
  for (let i = 1; i < barcodes.length; i++) if (barcodes[i]! < first!) first = barcodes[i];
  return first;
}

/**
 * The barcode the store gets: the first one, without the spaces at its ends that SQL Server's comparisons
 * ignore but a store or a marketplace may keep (or trim, and then differ from the ledger's every full cycle);
 * none, or a blank one: the stock code.
 */
export function storeBarcode(barcodes: readonly string[], stockCode: string): string {
  const first = firstBarcode(barcodes)?.trim();
  return first ? first : stockCode;
}

/** The stock code of a variant by the setting, or a problem explaining why it has none. */
export function stockCodeOf(
  v: Pick<NebimVariant, "key" | "barcodes">,
  setting: StockCodeSetting,
): string | { reason: string } {
  if (setting.from === "barcode") {
    return firstBarcode(v.barcodes) ??
      { reason: `no barcode of type "${setting.barcodeTypeCode}" for one unit (Qty 1) in Nebim` };
  }
  const parts: Record<string, string> = {
    ItemCode: v.key.itemCode,
    ColorCode: v.key.colorCode,
    ItemDim1Code: v.key.itemDim1Code,
    ItemDim2Code: v.key.itemDim2Code,
    ItemDim3Code: v.key.itemDim3Code,
  };
  // An unused dimension leaves no trace: "{ItemCode}-{ColorCode}-{ItemDim1Code}" on a colour-only item
  // gives "KML-1001-BEY", not "KML-1001-BEY-".
  return setting.template
    .replace(/([^{}]?)\{(\w+)\}/g, (_m, sep: string, name: string) => {
      const value = parts[name] ?? "";
      return value === "" ? "" : sep + value;
    })
    .replace(/^[-_./]+/, "");
}

/** The store product a variant goes in: its item's code, or under `itemColor` its item's and colour's. */
export function productCodeOf(v: NebimVariant, groupBy: "item" | "itemColor"): string {
  return groupBy === "itemColor" && v.key.colorCode !== ""
    ? `${v.key.itemCode}-${v.key.colorCode}`
    : v.key.itemCode;
}
