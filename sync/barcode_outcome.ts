/**
 * One stock code's outcome when one push wrote it twice: its stock and price, and its barcode or colour label
 * in a product save.
 * @module
 */

import type { PushedFields } from "./binding_index.ts";
import type { WriteOutcome } from "./ports.ts";

/**
 * A code's outcome from its stockPrice one (`stock`) and its save's (`barcode`: a new barcode or colour label).
 * When the store took one and not the other, the code is recorded by the one it took, with the other's fields
 * as they were (`kept`), and the other (`aside`) is reported or left dirty; else the first not ok decides, as
 * ever.
 */
export function barcodeOutcome(
  stock: WriteOutcome | undefined,
  barcode: WriteOutcome | undefined,
  was: PushedFields | null | undefined,
): { own?: WriteOutcome; aside?: WriteOutcome; kept?: Partial<PushedFields> } {
  if (!barcode || !stock || !was) return { own: barcode ?? stock };
  if ((barcode.status === "ok") === (stock.status === "ok")) return { own: barcode };
  return barcode.status === "ok"
    ? {
      own: barcode,
      aside: stock,
      kept: { quantity: was.quantity, price: was.price, marketplacePrice: was.marketplacePrice },
    }
    : { own: stock, aside: barcode, kept: { barcode: was.barcode, label: was.label ?? null } };
}
