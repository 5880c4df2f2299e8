/**
 * Order lines of ModelType 5/6 (research/nebim.md §4.2): the variant by UsedBarcode or by its codes,
 * Qty1 > 0, PriceVI VAT-inclusive with the VAT rate from the item's tax group.
 * @module
 */

import type { NebimDataSet } from "../nebim/dataset.ts";
import { field, isObject, type Json, type JsonObject, NebimRejection, readNumber, readText } from "./json.ts";
import { type LineItem, requireItem, sellVat, variantFromBarcode } from "./lookup.ts";

export interface ResolvedLine {
  item: LineItem;
  usedBarcode: string;
  qty: number;
  vatCode: string;
  vatRate: number;
  /** Unit price with VAT, as sent. */
  priceVI: number;
  /** Unit price without VAT (what trOrderLine.Price holds). */
  price: number;
  lineDescription: string;
}

/** Money columns are decimal(19,4). */
export function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export function resolveLines(data: NebimDataSet, body: JsonObject, processCode: string): ResolvedLine[] {
  const lines = field(body, "Lines");
  if (lines === undefined || lines === null || (Array.isArray(lines) && lines.length === 0)) {
    throw new NebimRejection("Lines alanı zorunludur (Lines is required: an order needs at least one line).");
  }
  if (!Array.isArray(lines)) throw new NebimRejection("Lines must be an array.");
  return lines.map((line: Json, i) => {
    const label = `Lines[${i}].`;
    if (!isObject(line)) throw new NebimRejection(`${label.slice(0, -1)} must be an object.`);
    return resolveLine(data, line, label, processCode);
  });
}

function resolveLine(data: NebimDataSet, line: JsonObject, label: string, processCode: string): ResolvedLine {
  const usedBarcode = readText(line, "UsedBarcode", { path: label, max: 30 });
  let item: LineItem;
  if (usedBarcode) {
    item = variantFromBarcode(data, usedBarcode, label);
  } else {
    const itemCode = readText(line, "ItemCode", { path: label, max: 30 });
    if (!itemCode) {
      throw new NebimRejection(
        `${label}UsedBarcode veya ItemCode zorunludur (${label}UsedBarcode or ItemCode + ColorCode + ItemDim1Code is required).`,
      );
    }
    item = {
      ItemTypeCode: readNumber(line, "ItemTypeCode", { path: label, integer: true, min: 1, max: 255 }) ?? 1,
      ItemCode: itemCode,
      ColorCode: readText(line, "ColorCode", { path: label, max: 10 }),
      ItemDim1Code: readText(line, "ItemDim1Code", { path: label, max: 10 }),
      ItemDim2Code: readText(line, "ItemDim2Code", { path: label, max: 10 }),
      ItemDim3Code: readText(line, "ItemDim3Code", { path: label, max: 10 }),
    };
  }
  const card = requireItem(data, item, label);
  // Keep V3's own spelling of the codes, as the saved row would.
  item = { ...item, ItemCode: String(card.ItemCode) };
  const qty = readNumber(line, "Qty1", { path: label, required: true });
  if (qty === undefined || qty <= 0) {
    throw new NebimRejection(`${label}Qty1 must be greater than 0 (got ${qty}).`);
  }
  const { vatCode, vatRate } = sellVat(data, card, processCode, label);
  const sentVI = readNumber(line, "PriceVI", { path: label, min: 0 });
  const sentPrice = readNumber(line, "Price", { path: label, min: 0 });
  const factor = 1 + vatRate / 100;
  const priceVI = round4(sentVI ?? (sentPrice ?? 0) * factor);
  return {
    item,
    usedBarcode,
    qty,
    vatCode,
    vatRate,
    priceVI,
    price: sentVI === undefined && sentPrice !== undefined ? round4(sentPrice) : round4(priceVI / factor),
    lineDescription: readText(line, "LineDescription", { path: label, max: 200 }),
  };
}
