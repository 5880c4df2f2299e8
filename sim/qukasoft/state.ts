/**
 * The simulated store's data: products by code with a stock-code index, and orders. Tests read it to
 * check what the agent wrote and call {@linkcode StoreState.addOrder} to make customers buy things. Codes
 * are found as the store's collation compares them (collation.ts), and kept as first spelled.
 * @module
 */

import { storeKey } from "./collation.ts";
import type { StoreData, StoreOrder, StoreProduct, StoreVariant } from "./types.ts";

export type SortOrder = "asc" | "desc";

export interface ListQuery {
  pageStart: number;
  pageSize: number;
  sort: SortOrder;
}

export interface ListPage<T> {
  total: number;
  pageSize: number;
  list: T[];
}

export class StoreState {
  /**
   * Products by the collation key of their productCode (storeKey: "kml-1001" is under "KML-1001"); use
   * {@linkcode StoreState.product} to find one as the store would.
   */
  readonly products = new Map<string, StoreProduct>();
  /** Orders in the order they arrived. */
  readonly orders: StoreOrder[] = [];
  /** The ERP reference given with the first setTransferred of each order code. */
  readonly erpReferences = new Map<string, string>();
  /**
   * How many times each product code, and each stock code, was created (a product deleted in the panel and
   * created again counts twice): tests prove nothing was created twice. Codes loaded with the data count 0.
   * Keyed as `products` is.
   */
  readonly creations = { products: new Map<string, number>(), stockCodes: new Map<string, number>() };
  readonly #ownerOfStockCode = new Map<string, StoreProduct>();
  /**
   * Called before each product list page is cut: a test acts here as a merchant working in the panel
   * while the agent pages through the list (offset paging then sees the rows move).
   */
  beforeProductPage?: (query: ListQuery) => void;
  /** Stock codes (by storeKey) whose every write the store refuses, with its message: see `refuse`. */
  readonly #refusals = new Map<string, string>();
  /** Barcodes a variant save may not carry, with the store's message: see `refuseBarcode`. */
  readonly #barcodeRefusals = new Map<string, string>();
  /** Product codes (by storeKey) whose every save the store refuses, with its message: see `refuseProduct`. */
  readonly #productRefusals = new Map<string, string>();
  #nextProductId: number;
  #nextOrderId: number;

  constructor(readonly storeName: string, data: StoreData = { products: [], orders: [] }) {
    // A copy, so a test's fixture is never changed behind its back.
    const copy = structuredClone(data);
    this.#nextProductId = Math.max(1000, ...copy.products.map((p) => p.id)) + 1;
    this.#nextOrderId = Math.max(30_000, ...copy.orders.map((o) => o.id)) + 1;
    for (const p of copy.products) this.#index(p);
    for (const o of copy.orders) this.addOrder(o);
  }

  /** The product with this code, compared as the store compares codes. */
  product(productCode: string): StoreProduct | undefined {
    return this.products.get(storeKey(productCode));
  }

  /** The product and variant that own a stock code, compared as the store compares codes. */
  variant(stockCode: string): { product: StoreProduct; variant: StoreVariant } | undefined {
    const key = storeKey(stockCode);
    const product = this.#ownerOfStockCode.get(key);
    const variant = product?.variants.find((v) => storeKey(v.stockCode) === key);
    return product && variant ? { product, variant } : undefined;
  }

  /**
   * From now on every write of this stock code (a save of its variant, a stock or price update) is refused
   * with `message`, as a store rule the agent does not check would; `undefined` lifts it.
   */
  refuse(stockCode: string, message: string | undefined): void {
    if (message === undefined) this.#refusals.delete(storeKey(stockCode));
    else this.#refusals.set(storeKey(stockCode), message);
  }

  /** The message `refuse` gave for this stock code, if its writes are refused. */
  refusal(stockCode: string): string | undefined {
    return this.#refusals.get(storeKey(stockCode));
  }

  /**
   * From now on a variant save carrying this barcode is refused with `message` (a store rule on barcodes, e.g.
   * one already on another product); a stock or price update is not. `undefined` lifts it.
   */
  refuseBarcode(barcode: string, message: string | undefined): void {
    if (message === undefined) this.#barcodeRefusals.delete(barcode);
    else this.#barcodeRefusals.set(barcode, message);
  }

  /** The message `refuseBarcode` gave for this barcode, if a save carrying it is refused. */
  barcodeRefusal(barcode: string): string | undefined {
    return this.#barcodeRefusals.get(barcode);
  }

  /**
   * From now on every save of this product (a rename, a VAT change, its variants with it) is refused whole
   * with `message`, as a product-level rule of the store would (a name its filter refuses); a stock or price
   * update of its variants is not. `undefined` lifts it.
   */
  refuseProduct(productCode: string, message: string | undefined): void {
    if (message === undefined) this.#productRefusals.delete(storeKey(productCode));
    else this.#productRefusals.set(storeKey(productCode), message);
  }

  /** The message `refuseProduct` gave for this product code, if its saves are refused. */
  productRefusal(productCode: string): string | undefined {
    return this.#productRefusals.get(storeKey(productCode));
  }

  /** The product a stock code belongs to, if any. */
  ownerOf(stockCode: string): StoreProduct | undefined {
    return this.#ownerOfStockCode.get(storeKey(stockCode));
  }

  /**
   * Adds a new product with the next id, as a save or the merchant's panel does: the store keeps one product
   * per code and a stock code in one product, so a code it has already (compared as it compares them) or a
   * stock code given twice is refused, as its panel refuses it.
   * @throws {RangeError} when the product code or a stock code is taken
   */
  createProduct(product: Omit<StoreProduct, "id">): StoreProduct {
    if (this.products.has(storeKey(product.productCode))) {
      throw new RangeError(`Cannot create product: code "${product.productCode}" exists`);
    }
    const codes = new Set<string>();
    for (const v of product.variants) {
      const key = storeKey(v.stockCode);
      if (this.#ownerOfStockCode.has(key) || codes.has(key)) {
        throw new RangeError(`Cannot create product: stock code "${v.stockCode}" exists`);
      }
      codes.add(key);
    }
    const created = { ...product, id: this.#nextProductId++ };
    this.#index(created);
    count(this.creations.products, storeKey(created.productCode));
    for (const v of created.variants) count(this.creations.stockCodes, storeKey(v.stockCode));
    return created;
  }

  /** Appends a variant to an existing product and indexes its stock code. */
  addVariant(product: StoreProduct, variant: StoreVariant): void {
    product.variants.push(variant);
    this.#ownerOfStockCode.set(storeKey(variant.stockCode), product);
    count(this.creations.stockCodes, storeKey(variant.stockCode));
  }

  /** The merchant deletes a product in the panel: it and its stock codes are gone; ids are never reused. */
  deleteProduct(productCode: string): void {
    const product = this.product(productCode);
    if (!product) return;
    this.products.delete(storeKey(productCode));
    for (const v of product.variants) this.#ownerOfStockCode.delete(storeKey(v.stockCode));
  }

  /** The merchant deletes one variant of a product in the panel. */
  deleteVariant(stockCode: string): void {
    const key = storeKey(stockCode);
    const product = this.#ownerOfStockCode.get(key);
    if (!product) return;
    product.variants = product.variants.filter((v) => storeKey(v.stockCode) !== key);
    this.#ownerOfStockCode.delete(key);
  }

  /**
   * Adds an order as a marketplace or the storefront would. `id` 0 gets the next id.
   * @throws {RangeError} when the id or code is already used
   */
  addOrder(order: StoreOrder): StoreOrder {
    if (order.id === 0) order = { ...order, id: this.#nextOrderId++ };
    if (this.orders.some((o) => o.id === order.id)) {
      throw new RangeError(`Cannot add order: id ${order.id} exists`);
    }
    if (this.orders.some((o) => o.code === order.code)) {
      throw new RangeError(`Cannot add order: code "${order.code}" exists`);
    }
    this.#nextOrderId = Math.max(this.#nextOrderId, order.id + 1);
    this.orders.push(order);
    return order;
  }

  order(code: string): StoreOrder | undefined {
    return this.orders.find((o) => o.code === code);
  }

  /** Marks an order transferred; repeating it changes nothing. Undefined when the code is unknown. */
  setTransferred(code: string, erpReference: string): StoreOrder | undefined {
    const order = this.order(code);
    if (!order) return undefined;
    order.transferred = true;
    if (!this.erpReferences.has(code)) this.erpReferences.set(code, erpReference);
    return order;
  }

  listProducts(query: ListQuery): ListPage<StoreProduct> {
    this.beforeProductPage?.(query);
    return page([...this.products.values()], query);
  }

  listOrders(query: ListQuery & { status?: number }): ListPage<StoreOrder> {
    const { status } = query;
    return page(status === undefined ? this.orders : this.orders.filter((o) => o.status === status), query);
  }

  #index(product: StoreProduct): void {
    this.products.set(storeKey(product.productCode), product);
    for (const v of product.variants) this.#ownerOfStockCode.set(storeKey(v.stockCode), product);
  }
}

function count(counts: Map<string, number>, code: string): void {
  counts.set(code, (counts.get(code) ?? 0) + 1);
}

function page<T extends { id: number }>(rows: T[], query: ListQuery): ListPage<T> {
  const sorted = [...rows].sort((a, b) => query.sort === "asc" ? a.id - b.id : b.id - a.id);
  const list = sorted.slice(query.pageStart, query.pageStart + query.pageSize);
  return { total: rows.length, pageSize: query.pageSize, list: structuredClone(list) };
}
