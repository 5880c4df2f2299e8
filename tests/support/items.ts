/**
 * The two items most end-to-end sync tests start from: a shirt in two sizes at 10 % VAT, one of them with
 * stock reserved, and a bag at 20 %; the bag as a merchant's store has it before the agent's first run, and
 * the merchant's own products.
 * @module
 */

import type { ItemSpec } from "./catalog.ts";
import type { SyncHarness } from "./sync_harness.ts";

export const GOMLEK: ItemSpec = {
  code: "KML-1001",
  name: "Keten Gömlek",
  tax: "%10",
  cost: 500,
  variants: [
    { color: "BEY", size: "M", barcode: "8690000000017", stock: 6, reserved: 2 },
    { color: "BEY", size: "L", barcode: "8690000000024", stock: 3 },
  ],
};

export const CANTA: ItemSpec = {
  code: "CNT-2002",
  name: "Deri Çanta",
  tax: "%20",
  cost: 1500,
  variants: [{ barcode: "8690000000031", stock: 1 }],
};

/** What the merchant's store shows before the agent's first run: its own name and price, active. */
export function storeHasCanta(h: Pick<SyncHarness, "sims">, productCode = "CNT-2002") {
  h.sims.qukasoft.state.createProduct({
    productCode,
    name: "Merchant Name",
    active: true,
    vatRate: 20,
    variants: [{
      stockCode: "8690000000031",
      barcode: "8690000000031",
      name1: "",
      value1: "",
      name2: "",
      value2: "",
      quantity: 0,
      price: 2222,
      marketplacePrice: 2333,
    }],
  });
}

/** `n` of the merchant's own products, OWN-0 on (Nebim has no code for them), each with one variant. */
export function merchantProducts(h: Pick<SyncHarness, "sims">, n: number) {
  for (let i = 0; i < n; i++) {
    h.sims.qukasoft.state.createProduct({
      productCode: `OWN-${i}`,
      name: `Own ${i}`,
      active: true,
      vatRate: 20,
      variants: [{
        stockCode: `OWN-SC-${i}`,
        barcode: "",
        name1: "",
        value1: "",
        name2: "",
        value2: "",
        quantity: 1,
        price: 10,
        marketplacePrice: 10,
      }],
    });
  }
}
