/**
 * Fixtures for plan and push tests: plan options with every setting at its default, one desired variant of
 * product KML-1 (its size is the stock code), and a binding of it as pushed.
 * @module
 */

import type { BindingView } from "../../sync/binding_index.ts";
import type { DesiredVariant } from "../../sync/desired.ts";
import type { PlanOptions } from "../../sync/plan.ts";

export const OPTIONS: PlanOptions = {
  updateNames: false,
  disablePriceUpdate: false,
  newProductsActive: false,
  zeroStockForVanished: true,
  barcodeIsStockCode: false, // the sizes are the stock codes
  vanishLimit: { percent: 20, atLeast: 50 },
};

export function desired(stockCode: string, over: Partial<DesiredVariant> = {}): DesiredVariant {
  return {
    stockCode,
    productCode: "KML-1",
    key: {
      itemTypeCode: 1,
      itemCode: "KML-1",
      colorCode: "BEY",
      itemDim1Code: stockCode,
      itemDim2Code: "",
      itemDim3Code: "",
    },
    name: "Keten Gömlek",
    barcode: stockCode,
    variantValues: { name1: "Renk", value1: "Beyaz", name2: "Beden", value2: stockCode },
    quantity: 4,
    price: 89990,
    marketplacePrice: 94990,
    vatRate: 10,
    sellable: true,
    ...over,
  };
}

/** A binding entry of product KML-1, pushed with 4 units at 899.90 / 949.90, VAT 10 %, the stock code as barcode. */
export function bound(stockCode: string, over: Partial<BindingView> = {}): [string, BindingView] {
  return [stockCode, {
    stockCode,
    productCode: "KML-1",
    itemCode: "KML-1",
    pushed: {
      quantity: 4,
      price: 89990,
      marketplacePrice: 94990,
      name: "Keten Gömlek",
      vatRate: 10,
      barcode: stockCode,
    },
    vanished: false,
    ...over,
  }];
}
