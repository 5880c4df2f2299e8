/**
 * Mapping fixtures for sync tests: a clean Nebim variant, and options with the stock code from the DEF
 * barcode, one product per item, reservations subtracted, no safety stock, and prices at +50% for the site
 * and +60% for marketplaces.
 * @module
 */

import { rulesFromSettings } from "../../pricing/rules.ts";
import { parseSettings } from "../../settings/mod.ts";
import type { NebimVariant, VariantKey } from "../../nebim/types.ts";
import type { MappingOptions } from "../../sync/desired.ts";

const settings = parseSettings({
  pricing: { site: { percent: 50, amount: 0 }, marketplace: { percent: 60, amount: 0 } },
});

/** The variant every fixture here describes: item KML-1001, white (BEY), size M. */
export const KML_1001_BEY_M: Readonly<VariantKey> = {
  itemTypeCode: 1,
  itemCode: "KML-1001",
  colorCode: "BEY",
  itemDim1Code: "M",
  itemDim2Code: "",
  itemDim3Code: "",
};

export const MAPPING: MappingOptions = {
  stockCode: { from: "barcode", barcodeTypeCode: "DEF" },
  groupBy: "item",
  subtractReservations: true,
  safetyStock: 0,
  rules: rulesFromSettings(settings.pricing, settings.catalog),
};

/** A clean variant: KML-1001 white M, cost 500 TL before VAT, 7 on hand, 2 reserved. */
export function nebimVariant(
  over: Partial<NebimVariant> = {},
  key: Partial<NebimVariant["key"]> = {},
): NebimVariant {
  return {
    key: { ...KML_1001_BEY_M, ...key },
    itemName: "Keten Gömlek",
    colorName: "Beyaz",
    barcodes: ["8690000000017"],
    itemBlocked: false,
    variantBlocked: false,
    itemUseInternet: true,
    variantUseInternet: true,
    taxGroupCode: "%10",
    vatRate: 10,
    costKurus: 50000,
    costCurrency: "TRY",
    costIncludesVat: null,
    onHand: 7,
    reserved: 2,
    ...over,
  };
}
