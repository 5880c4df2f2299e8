/**
 * Bad rows planted on request (`anomalies: true`), one of each kind on its own item, so a test can check
 * that the agent reports each exactly once. They edit the plan; nebim.ts writes the rows.
 * @module
 */

import type { Random } from "../random.ts";
import type { PlannedItem } from "./plan.ts";

export type AnomalyKind =
  | "missingName"
  | "longName"
  | "negativeStock"
  | "duplicateBarcode"
  | "zeroBasePrice"
  | "malformedBarcode"
  | "unknownTaxGroup"
  | "foreignCurrencyPrice";

/** One planted anomaly: which item (and stock code, when one variant is concerned) carries it. */
export interface PlantedAnomaly {
  kind: AnomalyKind;
  itemCode: string;
  /** The DEF barcode concerned (the shared one for duplicateBarcode, the bad one for malformedBarcode). */
  stockCode?: string;
  detail: string;
}

export const MALFORMED_BARCODE = "abc 123";
export const UNKNOWN_TAX_GROUP = "%99";
export const LONG_NAME_LENGTH = 300;
/** Units the negative-stock variant is oversold by in W01. */
export const OVERSOLD = 2;

/** Items the anomalies need: one each, two for the duplicate barcode. */
export const ANOMALY_ITEMS = 9;

/** Plants every anomaly on distinct items (made sellable so the agent meets them). */
export function plantAnomalies(rng: Random, items: PlannedItem[]): PlantedAnomaly[] {
  if (items.length < ANOMALY_ITEMS) {
    throw new RangeError(
      `anomalies need at least ${ANOMALY_ITEMS} items (${ANOMALY_ITEMS} variants); the catalogue has ${items.length}`,
    );
  }
  const chosen = choose(rng, items);
  const take = (): PlannedItem => {
    const item = chosen.shift()!;
    item.blocked = false;
    item.useInternet = true;
    for (const v of item.variants) {
      v.blocked = false;
      v.useInternet = true;
    }
    return item;
  };
  const out: PlantedAnomaly[] = [];
  const plant = (kind: AnomalyKind, item: PlannedItem, detail: string, stockCode?: string) => {
    item.anomaly = kind;
    out.push(
      stockCode === undefined ? { kind, itemCode: item.code, detail } : {
        kind,
        itemCode: item.code,
        stockCode,
        detail,
      },
    );
  };

  const noName = take();
  noName.name = null;
  plant("missingName", noName, "no cdItemDesc row");

  const long = take();
  long.name = longName(long.name ?? "Ürün");
  plant("longName", long, `ItemDescription of ${LONG_NAME_LENGTH} characters`);

  const negative = take();
  plant("negativeStock", negative, `W01 oversold by ${OVERSOLD}`, negative.variants[0]!.barcode);

  const first = take();
  const second = take();
  const shared = first.variants[0]!.barcode;
  second.variants[0]!.barcode = shared;
  plant("duplicateBarcode", first, `DEF barcode also on ${second.code}`, shared);
  second.anomaly = "duplicateBarcode";

  const free = take();
  free.costKurus = 0;
  plant("zeroBasePrice", free, "prItemBasePrice.Price = 0");

  const bad = take();
  bad.variants[0]!.barcode = MALFORMED_BARCODE;
  plant("malformedBarcode", bad, "DEF barcode with a space and letters", MALFORMED_BARCODE);

  const tax = take();
  tax.taxGroup = UNKNOWN_TAX_GROUP;
  plant("unknownTaxGroup", tax, `ItemTaxGrCode ${UNKNOWN_TAX_GROUP} is not in cdItemTaxGr`);

  const eur = take();
  eur.inCurrentList = true;
  eur.currentLineDisabled = false;
  eur.currentLineCurrency = "EUR";
  for (const v of eur.variants) delete v.overrideKurus;
  plant("foreignCurrencyPrice", eur, "current WEB price list line in EUR");
  return out;
}

/** Nine distinct items, sellable ones first, spread over the catalogue. */
function choose(rng: Random, items: PlannedItem[]): PlannedItem[] {
  const sellable = items.filter((i) => !i.blocked && i.useInternet && i.variants.every((v) => !v.blocked));
  const pool = sellable.length >= ANOMALY_ITEMS ? sellable : items;
  const picked = new Set<PlannedItem>();
  while (picked.size < ANOMALY_ITEMS) picked.add(rng.pick(pool));
  return [...picked];
}

function longName(base: string): string {
  let s = base;
  const words = ["Özel", "Üretim", "Şık", "Günlük", "Kullanım", "İçin", "Çok", "Amaçlı", "Ürün"];
  for (let i = 0; s.length < LONG_NAME_LENGTH; i++) s += " " + words[i % words.length];
  // Ends in a full stop, not a space a trim could eat.
  return s.slice(0, LONG_NAME_LENGTH - 1) + ".";
}
