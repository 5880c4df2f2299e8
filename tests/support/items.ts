/**
 * The two items most end-to-end sync tests start from: a shirt in two sizes at 10 % VAT, one of them with
 * stock reserved, and a bag at 20 %.
 * @module
 */

import type { ItemSpec } from "./catalog.ts";

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
