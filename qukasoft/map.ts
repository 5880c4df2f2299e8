/**
 * Pure conversions between the wire shapes of `contract.ts` and the agent's types (kuruş money).
 * @module
 */

import type { WireOrder, WireProduct } from "./contract.ts";
import type { WireProductInput, WireStockPriceItem, WireVariantInput } from "./write_contract.ts";
import { decimalToKurus, isExactKurus, kurusToDecimal } from "./money.ts";
import type { QOrder, QProduct, QProductInput, QVariantInput, StockPriceItem } from "./types.ts";
import { errorMessage } from "../errors.ts";

export function toQProduct(w: WireProduct): QProduct {
  return {
    id: w.id,
    productCode: w.productCode,
    name: w.name,
    active: w.active,
    vatRate: w.vatRate,
    variants: w.variants.map((v, i) => ({
      stockCode: v.stockCode,
      barcode: v.barcode,
      name1: v.name1,
      value1: v.value1,
      name2: v.name2,
      value2: v.value2,
      quantity: v.quantity,
      priceKurus: kurusOf(v.price, `variants[${i}].price`),
      marketplacePriceKurus: v.marketplacePrice === null
        ? null
        : kurusOf(v.marketplacePrice, `variants[${i}].marketplacePrice`),
    })),
  };
}

/** @throws {RangeError} naming the field of an amount too large for exact kuruş */
function kurusOf(value: number, field: string): number {
  try {
    return decimalToKurus(value);
  } catch (e) {
    throw new RangeError(`${field}: ${errorMessage(e)}`);
  }
}

export function toQOrder(w: WireOrder): QOrder {
  return {
    id: w.id,
    code: w.code,
    status: w.status,
    platform: w.platform,
    createdAt: w.createdAt,
    currency: w.currency,
    customer: { ...w.customer },
    shippingAddress: { ...w.shippingAddress },
    billingAddress: { ...w.billingAddress },
    payment: { ...w.payment },
    cargo: { company: w.cargo.company, priceKurus: decimalToKurus(w.cargo.price) },
    discountKurus: decimalToKurus(w.discount),
    totalKurus: decimalToKurus(w.total),
    transferred: w.transferred,
    lines: w.products.map((l) => ({
      productId: l.productId,
      stockCode: l.stockCode,
      barcode: l.barcode,
      name: l.name,
      quantity: l.quantity,
      priceKurus: decimalToKurus(l.price),
      vatRate: l.vatRate,
      variant1Name: l.variant1Name,
      value1: l.value1,
      variant2Name: l.variant2Name,
      value2: l.value2,
    })),
  };
}

/**
 * The wire form of a product to save; fields left out stay out.
 * @throws {RangeError} naming the field when a kuruş amount is not a safe integer
 */
export function toWireProductInput(p: QProductInput): WireProductInput {
  const w: WireProductInput = { productCode: p.productCode };
  if (p.name !== undefined) w.name = p.name;
  if (p.vatRate !== undefined) w.vatRate = p.vatRate;
  if (p.active !== undefined) w.active = p.active;
  if (p.variants !== undefined) w.variants = p.variants.map(toWireVariantInput);
  return w;
}

function toWireVariantInput(v: QVariantInput): WireVariantInput {
  const created = createdVariant(v);
  if (created) return created;
  // Field by field rather than rest/spread: a full sync converts every variant of the catalogue.
  const w: WireVariantInput = { stockCode: v.stockCode };
  if (v.barcode !== undefined) w.barcode = v.barcode;
  if (v.name1 !== undefined) w.name1 = v.name1;
  if (v.value1 !== undefined) w.value1 = v.value1;
  if (v.name2 !== undefined) w.name2 = v.name2;
  if (v.value2 !== undefined) w.value2 = v.value2;
  if (v.quantity !== undefined) w.quantity = v.quantity;
  if (v.priceKurus !== undefined) w.price = toDecimal(v.priceKurus, "priceKurus", v.stockCode);
  if (v.marketplacePriceKurus !== undefined) {
    w.marketplacePrice = toDecimal(v.marketplacePriceKurus, "marketplacePriceKurus", v.stockCode);
  }
  return w;
}

/**
 * A new variant (every field set, each name with its value) in one object literal, in the contract's field
 * order: built field by field, each of a full sync's 95,000 objects grew its property store three times.
 * Undefined for any other shape.
 */
function createdVariant(v: QVariantInput): WireVariantInput | undefined {
  const { stockCode, barcode, name1, value1, name2, value2, quantity } = v;
  if (
    barcode === undefined || quantity === undefined || v.priceKurus === undefined ||
    v.marketplacePriceKurus === undefined || (name1 === undefined) !== (value1 === undefined) ||
    (name2 === undefined) !== (value2 === undefined)
  ) return undefined;
  const price = toDecimal(v.priceKurus, "priceKurus", stockCode);
  const marketplacePrice = toDecimal(v.marketplacePriceKurus, "marketplacePriceKurus", stockCode);
  if (name1 === undefined) {
    return name2 === undefined
      ? { stockCode, barcode, quantity, price, marketplacePrice }
      : { stockCode, barcode, name2, value2, quantity, price, marketplacePrice };
  }
  return name2 === undefined
    ? { stockCode, barcode, name1, value1, quantity, price, marketplacePrice }
    : { stockCode, barcode, name1, value1, name2, value2, quantity, price, marketplacePrice };
}

/** @throws {RangeError} naming the field when a kuruş amount is not a safe integer */
export function toWireStockPriceItem(i: StockPriceItem): WireStockPriceItem {
  const w: WireStockPriceItem = { stockCode: i.stockCode };
  if (i.quantity !== undefined) w.quantity = i.quantity;
  if (i.priceKurus !== undefined) w.price = toDecimal(i.priceKurus, "priceKurus", i.stockCode);
  if (i.marketplacePriceKurus !== undefined) {
    w.marketplacePrice = toDecimal(i.marketplacePriceKurus, "marketplacePriceKurus", i.stockCode);
  }
  return w;
}

function toDecimal(kurus: number, field: string, stockCode: string): number {
  if (!Number.isInteger(kurus)) {
    throw new RangeError(
      `${field} of stock code "${stockCode}" must be an integer: current value is ${kurus}`,
    );
  }
  if (!isExactKurus(kurus)) {
    throw new RangeError(
      `${field} of stock code "${stockCode}" is too large to send exactly (at most 15 digits of kuruş): ` +
        `current value is ${kurus}`,
    );
  }
  return kurusToDecimal(kurus);
}
