/**
 * The items of the template-duplicate tests (tests/sync/template_duplicate_e2e_test.ts, the feed's
 * tests/agent/feed_duplicate_e2e_test.ts): under {@link template}, ZZZ colour DUP and ZZZ-DUP both make
 * "ZZZ-DUP-STD".
 * @module
 */

import type { ItemSpec } from "./catalog.ts";

export const template = {
  stockCode: { from: "template", template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" },
};

/** One item of one variant (size STD, stock 10). */
export const item = (code: string, barcode: string, color?: string): ItemSpec => ({
  code,
  name: "Pamuk Çorap",
  cost: 40,
  variants: [{ color, size: "STD", barcode, stock: 10 }],
});

/** A third item making "ZZZ-DUP-STD" under {@link template}: item ZZZ-DUP-STD of one variant, no colour or size. */
export const third = (barcode: string): ItemSpec => ({
  code: "ZZZ-DUP-STD",
  name: "Pamuk Çorap",
  cost: 40,
  variants: [{ barcode, stock: 10 }],
});
