/**
 * A small catalogue for the tests that run the agent: `count` sweaters of one variant each, 2 in stock, cost
 * 100 TL plus 10 TL per item, 10 % VAT, barcodes 8690000010000, 8690000010001, …
 * @module
 */

import type { ItemSpec } from "./catalog.ts";

export function sweaters(count: number): ItemSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `KZK-${100 + i}`,
    name: `Yün Kazak ${i}`,
    tax: "%10",
    cost: 100 + i * 10,
    variants: [{ color: "LAC", size: "M", barcode: `86900000${String(10000 + i)}`, stock: 2 }],
  }));
}
