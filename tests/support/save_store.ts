/**
 * A store that only takes product saves, for pipeline tests: `around` runs for each save (to hold it a
 * turn, note it, or throw), then every variant is answered ok.
 * @module
 */

import { QUKASOFT_REQUEST_SIZES } from "../../agent/store_writer.ts";
import type { StoreWriter } from "../../sync/ports.ts";

export function saveOnlyStore(
  around: (products: Parameters<StoreWriter["saveProducts"]>[0]) => Promise<void>,
) {
  const store: StoreWriter = {
    requestSizes: QUKASOFT_REQUEST_SIZES,
    async saveProducts(products) {
      await around(products);
      return products.flatMap((p) =>
        p.variants.map((v) => ({ stockCode: v.stockCode, status: "ok" as const, productId: 7 }))
      );
    },
    updateStockPrice: () => Promise.reject(new Error("not in this test")),
    listVariants: () => Promise.resolve([]),
  };
  return store;
}
