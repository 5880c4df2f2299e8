/**
 * The store's records, in the JSON shapes of `docs/qukasoft-api.md`. Money is a number in TRY with at most
 * two decimals, as the real store keeps it. These are the simulator's own types on purpose: the double
 * implements the document, not the agent's client, so the contract test can catch either one drifting.
 * @module
 */

export interface StoreVariant {
  stockCode: string;
  barcode: string;
  name1: string;
  value1: string;
  name2: string;
  value2: string;
  quantity: number;
  price: number;
  /** null: never set (a merchant selling on no marketplace; the store lists it so). */
  marketplacePrice: number | null;
}

export interface StoreProduct {
  id: number;
  productCode: string;
  name: string;
  active: boolean;
  vatRate: number;
  variants: StoreVariant[];
}

export interface StoreCustomer {
  name: string;
  email: string;
  phone: string;
  identityNumber: string;
  taxNumber: string;
  taxOffice: string;
  companyName: string;
}

export interface StoreAddress {
  name: string;
  address: string;
  district: string;
  city: string;
  country: string;
  zipCode: string;
  phone: string;
}

export interface StoreOrderLine {
  productId: number;
  stockCode: string;
  barcode: string;
  name: string;
  quantity: number;
  /** VAT-inclusive unit price after line discounts. */
  price: number;
  vatRate: number;
  variant1Name: string;
  value1: string;
  variant2Name: string;
  value2: string;
}

export interface StoreOrder {
  id: number;
  code: string;
  /** 1 new, 2 preparing, 3 shipped, 4 delivered, 5 returned, 6 cancelled. */
  status: number;
  platform: string;
  createdAt: string;
  currency: string;
  customer: StoreCustomer;
  shippingAddress: StoreAddress;
  billingAddress: StoreAddress;
  payment: { type: string; provider: string; installments: number };
  cargo: { company: string; price: number };
  discount: number;
  /** Includes cargo. */
  total: number;
  transferred: boolean;
  products: StoreOrderLine[];
}

/** A store data set file: `{"products": [...], "orders": [...]}`. */
export interface StoreData {
  products: StoreProduct[];
  orders: StoreOrder[];
}
