/**
 * The sync's StoreWriter on top of the Qukasoft client: turns plan writes into the client's inputs and its
 * per-item results into per-stock-code outcomes. A per-item error is a rejection (reported, not retried as
 * is); a failed request fails the call (and the cycle, which the actor retries with backoff) with the
 * outcomes of the call's other requests carried on its error (PartialFailure), for the sync to record.
 * @module
 */

import { mapResults } from "../errors.ts";
import { LIMITS } from "../qukasoft/contract.ts";
import type { QukasoftApi } from "../qukasoft/mod.ts";
import { describe } from "../qukasoft/list_products.ts";
import { matchResults } from "../qukasoft/match_results.ts";
import type {
  ProductSaveResult,
  QProductInput,
  StockPriceItem,
  StockPriceResult,
  UnreadableProduct,
  VariantSaveResult,
} from "../qukasoft/types.ts";
import type { ProductWrite, StockPriceWrite } from "../sync/plan.ts";
import {
  productOutcomeKey,
  type StoreVariantState,
  type StoreWriter,
  type WriteOutcome,
} from "../sync/ports.ts";

/**
 * A plan's product write as the client takes it (built field by field). Its variants are already in the
 * client's form (sync/plan.ts NewVariant, VariantEdit): a full sync has every variant, converted once, by
 * the client.
 */
function toProductInput(p: ProductWrite): QProductInput {
  const out: QProductInput = { productCode: p.productCode };
  if (p.name !== undefined) out.name = p.name;
  if (p.vatRate !== undefined) out.vatRate = p.vatRate;
  if (p.active !== undefined) out.active = p.active;
  if (p.variants.length) out.variants = p.variants;
  return out;
}

/** What a product result with a non-empty variant list says of a variant it does not mention. */
const NO_VARIANT_RESULT: VariantSaveResult = {
  stockCode: "",
  status: "error",
  message: "no result for this variant from the store",
  unclear: true,
};

/**
 * A stock code's outcome from its product's result and its own (the product's, when it has none of its own):
 * an error whose effect is not known (`unclear`) failed, to be tried again; any other error was refused. An
 * ok one carries `productId` when it is given and not 0.
 */
function outcome(
  stockCode: string,
  product: ProductSaveResult,
  own: ProductSaveResult | VariantSaveResult | undefined,
  productId?: number,
): WriteOutcome {
  const r = product.status === "error" ? product : own ?? product;
  if (r.status !== "error") {
    return productId ? { stockCode, status: "ok", productId } : { stockCode, status: "ok" };
  }
  let message = r.message ?? "rejected";
  // A product refused for its variants' sake ("at least one valid variant…") names the cause only in the
  // variant's own answer: that is the one the operator can mend, so it comes first.
  if (r === product && own !== product && own?.status === "error" && own.message && own.message !== message) {
    message = `${own.message} (${message})`;
  }
  return r.unclear
    ? { stockCode, status: "failed", message, unclear: true }
    : { stockCode, status: "rejected", message };
}

/** The outcome of each stock code (and of each rename, by productOutcomeKey) of `products` from `results`. */
function saveOutcomes(
  products: readonly ProductWrite[],
  results: readonly ProductSaveResult[],
): WriteOutcome[] {
  const out: WriteOutcome[] = [];
  results.forEach((r, i) => {
    const sent = products[i]!;
    if (sent.active === undefined) {
      // A rename or VAT change is the product's, whether the save carries variants (changed barcodes, new
      // ones) or not: its outcome is keyed for the sync to find for the variants not in it.
      out.push(outcome(productOutcomeKey(sent.productCode), r, r));
    }
    // Per variant by code (matchResults), not by position. A variant a product result leaves out of its
    // non-empty list is not known to be written; a list left out altogether leaves the product's word.
    const matched = matchResults(sent.variants, r.variants, (v) => v.stockCode, (v) => v.stockCode);
    sent.variants.forEach((v, k) => {
      const vr = matched[k] ?? (r.variants.length ? NO_VARIANT_RESULT : undefined);
      out.push(outcome(v.stockCode, r, vr, r.id));
    });
  });
  return out;
}

function toStockPriceInput(i: StockPriceWrite): StockPriceItem {
  return {
    stockCode: i.stockCode,
    ...(i.quantity !== undefined ? { quantity: i.quantity } : {}),
    ...(i.price !== undefined ? { priceKurus: i.price } : {}),
    ...(i.marketplacePrice !== undefined ? { marketplacePriceKurus: i.marketplacePrice } : {}),
  };
}

function stockPriceOutcome(r: StockPriceResult): WriteOutcome {
  return r.status === "updated"
    ? { stockCode: r.stockCode, status: "ok" }
    : r.unclear
    ? { stockCode: r.stockCode, status: "failed", message: r.message ?? "no result", unclear: true }
    : r.unknown
    ? { stockCode: r.stockCode, status: "rejected", message: r.message ?? "not found", missing: true }
    : { stockCode: r.stockCode, status: "rejected", message: r.message ?? "rejected" };
}

/** The store contract's request sizes, as the sync's StoreWriter port has them. */
export const QUKASOFT_REQUEST_SIZES: StoreWriter["requestSizes"] = {
  saveProducts: LIMITS.saveProducts,
  updateStockPrice: LIMITS.stockPriceItems,
};

export function storeWriter(api: QukasoftApi): StoreWriter {
  return {
    requestSizes: QUKASOFT_REQUEST_SIZES,

    saveProducts: (products, signal) =>
      mapResults(api.saveProducts(products.map(toProductInput), signal), (rs) => saveOutcomes(products, rs)),

    updateStockPrice: (items, signal) =>
      mapResults(
        api.updateStockPrice(items.map(toStockPriceInput), signal),
        (rs) => rs.map(stockPriceOutcome),
      ),

    async listVariants(signal, unreadable) {
      const out: StoreVariantState[] = [];
      const skip = (p: UnreadableProduct) =>
        unreadable?.({
          stockCodes: p.stockCodes,
          problem: {
            subject: productOutcomeKey(p.productCode || `id ${p.id ?? "?"}`),
            kind: "unreadable",
            reason:
              `the store lists ${describe(p)}, a value the agent cannot read; correct it in the store's ` +
              "panel. Until then the agent keeps the product's codes as it knows them and creates none of its " +
              "variants it has not created before",
          },
        });
      for await (const page of api.listProducts(signal, skip)) {
        for (const p of page) {
          for (const v of p.variants) {
            out.push({
              stockCode: v.stockCode,
              productCode: p.productCode,
              quantity: v.quantity,
              price: v.priceKurus,
              marketplacePrice: v.marketplacePriceKurus,
              name: p.name,
              vatRate: p.vatRate,
              barcode: v.barcode,
              label: v.value1,
            });
          }
        }
      }
      return out;
    },
  };
}
