/**
 * The store's records and results in the agent's terms: money is integer kuruş (`…Kurus`), every
 * per-item outcome is a value. Nothing here names a path or a JSON field of the API.
 * @module
 */

export interface QVariant {
  stockCode: string;
  barcode: string;
  name1: string;
  value1: string;
  name2: string;
  value2: string;
  quantity: number;
  priceKurus: number;
  /** null: the store has none set (a merchant selling on no marketplace). */
  marketplacePriceKurus: number | null;
}

export interface QProduct {
  id: number;
  productCode: string;
  name: string;
  active: boolean;
  vatRate: number;
  variants: QVariant[];
}

/** A product of the store's list that could not be read (a field the agent cannot parse), so left out. */
export interface UnreadableProduct {
  /** "" when even the code could not be read. */
  productCode: string;
  id?: number;
  /** The stock codes of its variants, as far as they could be read. */
  stockCodes: string[];
  /** Names the field: `variants[0].price: expected a number, received "12a"`. */
  reason: string;
}

/** A variant to create or update; a field left out is left unchanged (a new variant needs a price). */
export interface QVariantInput {
  stockCode: string;
  barcode?: string;
  name1?: string;
  value1?: string;
  name2?: string;
  value2?: string;
  quantity?: number;
  priceKurus?: number;
  marketplacePriceKurus?: number;
}

/**
 * A product to create or update, keyed by `productCode`. Creating needs `name`, `vatRate` and one variant;
 * `active` is honoured only at creation (the store keeps it after that).
 */
export interface QProductInput {
  productCode: string;
  name?: string;
  vatRate?: number;
  active?: boolean;
  variants?: QVariantInput[];
}

export type SaveStatus = "created" | "updated" | "error";

export interface VariantSaveResult {
  stockCode: string;
  status: SaveStatus;
  message?: string;
  /**
   * Whether the store applied it is not known (an "error" whose answer had no result for it, or a status the
   * contract does not name): try it again, do not take it as refused.
   */
  unclear?: true;
}

export interface ProductSaveResult {
  productCode: string;
  /** The store's id; 0 when the product was not created. */
  id: number;
  status: SaveStatus;
  message?: string;
  /** As {@linkcode VariantSaveResult.unclear}. */
  unclear?: true;
  variants: VariantSaveResult[];
}

/** Stock and/or prices of one stock code; each field optional. */
export interface StockPriceItem {
  stockCode: string;
  quantity?: number;
  priceKurus?: number;
  marketplacePriceKurus?: number;
}

export interface StockPriceResult {
  stockCode: string;
  status: "updated" | "error";
  /** "not found" when the store does not know the stock code. */
  message?: string;
  /** The store has no such stock code (deleted in its panel, or re-coded there). */
  unknown?: true;
  /** As {@linkcode VariantSaveResult.unclear}. */
  unclear?: true;
}

export interface QAddress {
  name: string;
  address: string;
  district: string;
  city: string;
  country: string;
  zipCode: string;
  phone: string;
}

export interface QOrderLine {
  productId: number;
  stockCode: string;
  barcode: string;
  name: string;
  quantity: number;
  /** VAT-inclusive unit price after line discounts. */
  priceKurus: number;
  vatRate: number;
  variant1Name: string;
  value1: string;
  variant2Name: string;
  value2: string;
}

export interface QOrder {
  id: number;
  code: string;
  /** 1 new, 2 preparing, 3 shipped, 4 delivered, 5 returned, 6 cancelled (see ORDER_STATUS). */
  status: number;
  /** `site`, `trendyol`, `hepsiburada`, … (an open set). */
  platform: string;
  createdAt: string;
  currency: string;
  customer: {
    name: string;
    email: string;
    phone: string;
    identityNumber: string;
    taxNumber: string;
    taxOffice: string;
    companyName: string;
  };
  shippingAddress: QAddress;
  billingAddress: QAddress;
  payment: { type: string; provider: string; installments: number };
  cargo: { company: string; priceKurus: number };
  discountKurus: number;
  /** Includes cargo. */
  totalKurus: number;
  transferred: boolean;
  lines: QOrderLine[];
}

export interface ListOrdersOptions {
  /** Only orders in this status. */
  status?: number;
  /** Row offset. */
  pageStart: number;
  /** Asked-for size; the store may use less (see {@linkcode OrderPage.pageSize}). */
  pageSize: number;
  /** By id. */
  sort: "asc" | "desc";
}

export interface OrderPage {
  total: number;
  /** The page size the store actually used: advance `pageStart` by this. */
  pageSize: number;
  list: QOrder[];
}
