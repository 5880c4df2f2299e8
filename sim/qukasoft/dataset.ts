/**
 * Loads a store data set file (`{"products": [...], "orders": [...]}`, DESIGN §9) into checked records.
 * Descriptive text may be left out (it defaults to ""); keys, money and quantities may not. Extra fields
 * are allowed and dropped, so a merchant's richer export loads as it is.
 * @module
 */

import type {
  StoreAddress,
  StoreData,
  StoreOrder,
  StoreOrderLine,
  StoreProduct,
  StoreVariant,
} from "./types.ts";
import {
  asArray,
  asObject,
  bool,
  code,
  FieldError,
  fieldPath,
  int,
  type JsonObject,
  money,
  str,
  vatRate,
} from "./fields.ts";
import { storeKey } from "./collation.ts";

/** A store data set that cannot be loaded; `path` names the record and field. */
export class StoreDataError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = "StoreDataError";
  }
}

/**
 * Validates a parsed store data set.
 * @throws {StoreDataError} naming the index and field, e.g. `orders[3].products[0].stockCode: expected a string`,
 *   and for duplicate product codes, stock codes (compared as the store compares them: collation.ts), product
 *   ids, order ids and order codes.
 */
export function loadStoreData(json: unknown): StoreData {
  try {
    const root = asObject(json, "store data");
    const products = asArray(root.products ?? [], "products").map((p, i) => readProduct(p, `products[${i}]`));
    const orders = asArray(root.orders ?? [], "orders").map((o, i) => readOrder(o, `orders[${i}]`));
    checkUnique(products.map((p) => p.productCode), "products", "productCode", storeKey);
    checkUnique(products.filter((p) => p.id > 0).map((p) => p.id), "products", "id");
    const stockCodes = products.flatMap((p, i) => p.variants.map((v, j) => ({ code: v.stockCode, i, j })));
    const seen = new Map<string, string>();
    for (const s of stockCodes) {
      const path = `products[${s.i}].variants[${s.j}].stockCode`;
      const first = seen.get(storeKey(s.code));
      if (first) {
        throw new StoreDataError(path, `${path}: duplicate stock code "${s.code}" (also at ${first})`);
      }
      seen.set(storeKey(s.code), path);
    }
    checkUnique(orders.map((o) => o.id), "orders", "id");
    checkUnique(orders.map((o) => o.code), "orders", "code");
    assignMissingIds(products);
    return { products, orders };
  } catch (e) {
    if (e instanceof FieldError) throw new StoreDataError(e.path, e.message);
    throw e;
  }
}

function checkUnique<T extends string | number>(
  values: T[],
  list: string,
  field: string,
  key: (v: T) => unknown = (v) => v,
): void {
  const first = new Map<unknown, number>();
  values.forEach((v, i) => {
    const at = first.get(key(v));
    const path = `${list}[${i}].${field}`;
    if (at !== undefined) {
      throw new StoreDataError(
        path,
        `${path}: duplicate ${field} ${JSON.stringify(v)} (also at ${list}[${at}])`,
      );
    }
    first.set(key(v), i);
  });
}

/** Products without an id get the next free ones, as the store would have assigned them. */
function assignMissingIds(products: StoreProduct[]): void {
  let next = Math.max(0, ...products.map((p) => p.id)) + 1;
  for (const p of products) if (p.id === 0) p.id = next++;
}

function readProduct(value: unknown, path: string): StoreProduct {
  const o = asObject(value, path);
  return {
    id: o.id === undefined ? 0 : int(o, "id", path, { min: 1 }),
    productCode: code(o, "productCode", path),
    name: str(o, "name", path),
    active: bool(o, "active", path, false),
    vatRate: vatRate(o, "vatRate", path),
    variants: asArray(o.variants, fieldPath(path, "variants")).map((v, i) =>
      readVariant(v, `${fieldPath(path, "variants")}[${i}]`)
    ),
  };
}

function readVariant(value: unknown, path: string): StoreVariant {
  const o = asObject(value, path);
  const price = money(o, "price", path);
  return {
    stockCode: code(o, "stockCode", path),
    barcode: str(o, "barcode", path, ""),
    name1: str(o, "name1", path, ""),
    value1: str(o, "value1", path, ""),
    name2: str(o, "name2", path, ""),
    value2: str(o, "value2", path, ""),
    quantity: int(o, "quantity", path, { min: 0, fallback: 0 }),
    price,
    // null: never set, as the store lists it for a merchant selling on no marketplace (types.ts).
    marketplacePrice: o.marketplacePrice === null ? null : money(o, "marketplacePrice", path, price),
  };
}

function readOrder(value: unknown, path: string): StoreOrder {
  const o = asObject(value, path);
  const shippingAddress = readAddress(o.shippingAddress, fieldPath(path, "shippingAddress"));
  const payment = asObject(o.payment ?? {}, fieldPath(path, "payment"));
  const cargo = asObject(o.cargo ?? {}, fieldPath(path, "cargo"));
  const cust = asObject(o.customer, fieldPath(path, "customer"));
  const custPath = fieldPath(path, "customer");
  return {
    id: int(o, "id", path, { min: 1 }),
    code: code(o, "code", path),
    status: int(o, "status", path, { min: 1, max: 6 }),
    platform: code(o, "platform", path),
    createdAt: code(o, "createdAt", path),
    currency: str(o, "currency", path, "TRY"),
    customer: {
      name: str(cust, "name", custPath),
      email: str(cust, "email", custPath, ""),
      phone: str(cust, "phone", custPath, ""),
      identityNumber: str(cust, "identityNumber", custPath, ""),
      taxNumber: str(cust, "taxNumber", custPath, ""),
      taxOffice: str(cust, "taxOffice", custPath, ""),
      companyName: str(cust, "companyName", custPath, ""),
    },
    shippingAddress,
    billingAddress: o.billingAddress === undefined
      ? { ...shippingAddress }
      : readAddress(o.billingAddress, fieldPath(path, "billingAddress")),
    payment: {
      type: str(payment, "type", fieldPath(path, "payment"), ""),
      provider: str(payment, "provider", fieldPath(path, "payment"), ""),
      installments: int(payment, "installments", fieldPath(path, "payment"), { min: 1, fallback: 1 }),
    },
    cargo: {
      company: str(cargo, "company", fieldPath(path, "cargo"), ""),
      price: money(cargo, "price", fieldPath(path, "cargo"), 0),
    },
    discount: money(o, "discount", path, 0),
    total: money(o, "total", path),
    transferred: bool(o, "transferred", path, false),
    products: asArray(o.products, fieldPath(path, "products")).map((l, i) =>
      readLine(l, `${fieldPath(path, "products")}[${i}]`)
    ),
  };
}

function readAddress(value: unknown, path: string): StoreAddress {
  const o: JsonObject = asObject(value, path);
  return {
    name: str(o, "name", path),
    address: str(o, "address", path),
    district: str(o, "district", path, ""),
    city: str(o, "city", path),
    country: str(o, "country", path, "TR"),
    zipCode: str(o, "zipCode", path, ""),
    phone: str(o, "phone", path, ""),
  };
}

function readLine(value: unknown, path: string): StoreOrderLine {
  const o = asObject(value, path);
  return {
    productId: int(o, "productId", path, { min: 0, fallback: 0 }),
    stockCode: code(o, "stockCode", path),
    barcode: str(o, "barcode", path, ""),
    name: str(o, "name", path),
    quantity: int(o, "quantity", path, { min: 1 }),
    price: money(o, "price", path),
    vatRate: vatRate(o, "vatRate", path),
    variant1Name: str(o, "variant1Name", path, ""),
    value1: str(o, "value1", path, ""),
    variant2Name: str(o, "variant2Name", path, ""),
    value2: str(o, "value2", path, ""),
  };
}
