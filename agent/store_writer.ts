/**
 * The sync's StoreWriter on top of the Qukasoft client: turns plan writes into the client's inputs and its
 * per-item results into per-stock-code outcomes. A per-item error is a rejection (reported, not retried as
 * is); a failed request throws, failing the cycle, which the actor retries with backoff.
 * @module
 */

import type { QukasoftApi } from "../qukasoft/mod.ts";
import {
  productOutcomeKey,
  type StoreVariantState,
  type StoreWriter,
  type WriteOutcome,
} from "../sync/ports.ts";

export function storeWriter(api: QukasoftApi): StoreWriter {
  return {
    async saveProducts(products, signal) {
      const results = await api.saveProducts(
        products.map((p) => ({
          productCode: p.productCode,
          ...(p.name !== undefined ? { name: p.name } : {}),
          ...(p.vatRate !== undefined ? { vatRate: p.vatRate } : {}),
          ...(p.active !== undefined ? { active: p.active } : {}),
          ...(p.variants.length
            ? {
              variants: p.variants.map((v) => ({
                stockCode: v.stockCode,
                barcode: v.barcode,
                ...(v.name1 !== undefined ? { name1: v.name1, value1: v.value1 ?? "" } : {}),
                ...(v.name2 !== undefined ? { name2: v.name2, value2: v.value2 ?? "" } : {}),
                quantity: v.quantity,
                priceKurus: v.price,
                marketplacePriceKurus: v.marketplacePrice,
              })),
            }
            : {}),
        })),
        signal,
      );
      const out: WriteOutcome[] = [];
      results.forEach((r, i) => {
        const sent = products[i]!;
        const byCode = new Map(r.variants.map((v) => [v.stockCode, v]));
        if (!sent.variants.length) {
          // A rename sends no variants: its outcome is the product's, keyed for the sync to find.
          out.push({
            stockCode: productOutcomeKey(sent.productCode),
            status: r.status === "error" ? "rejected" : "ok",
            ...(r.message ? { message: r.message } : {}),
          });
        }
        for (const v of sent.variants) {
          const vr = byCode.get(v.stockCode);
          const error = r.status === "error" ? r.message : vr?.status === "error" ? vr.message : undefined;
          out.push(
            error !== undefined || r.status === "error" || vr?.status === "error"
              ? { stockCode: v.stockCode, status: "rejected", message: error ?? "rejected" }
              : { stockCode: v.stockCode, status: "ok", ...(r.id ? { productId: r.id } : {}) },
          );
        }
      });
      return out;
    },

    async updateStockPrice(items, signal) {
      const results = await api.updateStockPrice(
        items.map((i) => ({
          stockCode: i.stockCode,
          ...(i.quantity !== undefined ? { quantity: i.quantity } : {}),
          ...(i.price !== undefined ? { priceKurus: i.price } : {}),
          ...(i.marketplacePrice !== undefined ? { marketplacePriceKurus: i.marketplacePrice } : {}),
        })),
        signal,
      );
      return results.map((r): WriteOutcome =>
        r.status === "updated"
          ? { stockCode: r.stockCode, status: "ok" }
          : { stockCode: r.stockCode, status: "rejected", message: r.message ?? "rejected" }
      );
    },

    async listVariants(signal) {
      const out: StoreVariantState[] = [];
      for await (const page of api.listProducts(signal)) {
        for (const p of page) {
          for (const v of p.variants) {
            out.push({
              stockCode: v.stockCode,
              productCode: p.productCode,
              quantity: v.quantity,
              price: v.priceKurus,
              marketplacePrice: v.marketplacePriceKurus,
              name: p.name,
            });
          }
        }
      }
      return out;
    },
  };
}
