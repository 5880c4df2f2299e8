/**
 * The bindings as the sync plans against them: a Map by stock code that keeps, on every change, the two
 * lookups a plan needs.
 * @module
 */

import { codeKey } from "../nebim/code_key.ts";
import { storeCodeKey } from "../qukasoft/code_key.ts";
import { lastKeyed } from "../last_keyed.ts";

/** What the agent last pushed for a stock code (kuruş, units). */
export interface PushedFields {
  quantity: number;
  price: number | null;
  marketplacePrice: number | null;
  name: string | null;
  /** The product's VAT rate (%), per product but kept on each variant; null = not known (see ledger/types.ts). */
  vatRate: number | null;
  /** The variant's barcode as the store has it; null = not known (see ledger/types.ts). */
  barcode: string | null;
}

/** The slice of a ledger binding the plan needs. */
export interface BindingView {
  stockCode: string;
  productCode: string;
  itemCode: string;
  pushed: PushedFields | null;
  vanished: boolean;
  /**
   * Its last write failed, or its answer was never recorded: the store may show that write, part of it, or
   * what came before, so `pushed` is not sure and the next plan sends every field again.
   */
  dirty?: boolean;
}

/**
 * The bindings by stock code, with the two lookups a plan needs kept up to date on every `set`: which
 * products the store already has (by storeCodeKey: the store finds "kml-1001" for KML-1001), and the stock
 * codes bound to each item (by Nebim's codeKey). Without them every batch of a
 * full cycle would walk all bindings (O(batches × bindings)).
 */
export class BindingIndex extends Map<string, BindingView> {
  /** Store key of a product → how many codes were pushed into it (vanished ones too): the store has it. */
  readonly #pushedPerProduct = new Map<string, number>();
  /**
   * Store key of a product → the items (by Nebim's key) with codes on sale pushed into it (not vanished), and
   * how many each: an item whose codes there all vanished (deleted, blocked) holds the product no more.
   */
  readonly #liveItems = new Map<string, Map<string, number>>();
  readonly #byItem = new Map<string, Set<string>>();
  /**
   * Item keys the store would fold further (non-ASCII codes: KAZAKİ), by their store key: the few items
   * whose codes may clash in the store. Never pruned: an entry is only a candidate, checked against bindings.
   */
  readonly #foldedItems = new Map<string, Set<string>>();
  /** Products (by store key) the agent had pushed and a full cycle found gone from the store. */
  readonly #lost = new Set<string>();

  constructor(entries?: Iterable<readonly [string, BindingView]>) {
    super();
    if (entries) { for (const [k, v] of entries) this.set(k, v); }
  }

  override set(code: string, b: BindingView): this {
    const old = super.get(code);
    if (old) this.#unlink(code, old);
    super.set(code, b);
    const item = this.#itemKey(b.itemCode);
    if (b.pushed) {
      const product = this.#productKey(b.productCode);
      this.#pushedPerProduct.set(product, (this.#pushedPerProduct.get(product) ?? 0) + 1);
      if (!b.vanished) {
        let items = this.#liveItems.get(product);
        if (!items) this.#liveItems.set(product, items = new Map());
        items.set(item, (items.get(item) ?? 0) + 1);
      }
      this.#lost.delete(product);
    }
    const folded = this.#foldedKey(item);
    if (folded !== item) {
      const same = this.#foldedItems.get(folded);
      if (same) same.add(item);
      else this.#foldedItems.set(folded, new Set([item]));
    }
    let codes = this.#byItem.get(item);
    if (!codes) this.#byItem.set(item, codes = new Set());
    codes.add(code);
    return this;
  }

  override delete(code: string): boolean {
    const old = super.get(code);
    if (old) this.#unlink(code, old);
    return super.delete(code);
  }

  /** True when a binding of this product was pushed: the store has the product. */
  knowsProduct(productCode: string): boolean {
    return this.#pushedPerProduct.has(this.#askedKey(productCode));
  }

  /** The items (by Nebim's key) with a code on sale (not vanished) pushed into the store's product `productCode`. */
  itemsIn(productCode: string): string[] {
    return [...this.#liveItems.get(storeCodeKey(productCode))?.keys() ?? []];
  }

  /** A full cycle found this product, which the agent had pushed, gone from the store (deleted in its panel). */
  markLost(productCode: string): void {
    this.#lost.add(storeCodeKey(productCode));
  }

  /** True when the store lost this product (markLost) and it has not been made again since. */
  lostProduct(productCode: string): boolean {
    return this.#lost.has(this.#askedKey(productCode));
  }

  /**
   * The VAT rate a product of this item has in the store, as its bound codes record it, or null when they do
   * not agree. A code no longer sold (or whose last write is in doubt) keeps the rate of its last write, while a
   * later change goes to the product through the codes still sold: those are asked first.
   */
  storeVat(itemCode: string, productCode: string): number | null {
    const product = storeCodeKey(productCode);
    const sure = new Set<number>();
    const older = new Set<number>();
    for (const code of this.codesOfItem(itemCode)) {
      const b = super.get(code)!;
      if (b.pushed?.vatRate == null || storeCodeKey(b.productCode) !== product) continue;
      (b.vanished || b.dirty ? older : sure).add(b.pushed.vatRate);
    }
    const rates = sure.size ? sure : older;
    return rates.size === 1 ? rates.values().next().value! : null;
  }

  /** Stock codes bound to variants of this item. */
  codesOfItem(itemCode: string): ReadonlySet<string> {
    return this.#byItem.get(codeKey(itemCode)) ?? new Set();
  }

  /**
   * Items other than `itemCode` to Nebim but one with it to the store (KAZAKI for KAZAKİ) that have a code
   * on sale (not vanished) pushed into the store's product `productCode`, by Nebim's key (nebim/code_key.ts).
   */
  clashingItems(itemCode: string, productCode: string): string[] {
    const own = codeKey(itemCode);
    const folded = storeCodeKey(own);
    const candidates = [...this.#foldedItems.get(folded) ?? []];
    if (folded !== own) candidates.push(folded);
    return candidates.filter((item) => item !== own && this.pushedInto(item, productCode));
  }

  /** True when the item (by Nebim's key) has a code on sale (not vanished) in the store's product `productCode`. */
  pushedInto(itemKey: string, productCode: string): boolean {
    return this.#liveItems.get(storeCodeKey(productCode))?.has(itemKey) ?? false;
  }

  // A product's codes are set one after another (a batch's pushes, the ledger's rows in code order): each key
  // is kept for the code it was last made of rather than built again per stock code.
  readonly #itemKey = lastKeyed(codeKey);
  readonly #productKey = lastKeyed(storeCodeKey);
  readonly #foldedKey = lastKeyed(storeCodeKey);
  readonly #askedKey = lastKeyed(storeCodeKey);

  #unlink(code: string, old: BindingView): void {
    const item = this.#itemKey(old.itemCode);
    if (old.pushed) {
      const product = this.#productKey(old.productCode);
      const n = (this.#pushedPerProduct.get(product) ?? 1) - 1;
      if (n > 0) this.#pushedPerProduct.set(product, n);
      else this.#pushedPerProduct.delete(product);
      const items = old.vanished ? undefined : this.#liveItems.get(product);
      const live = (items?.get(item) ?? 1) - 1;
      if (live > 0) items!.set(item, live);
      else if (items?.delete(item) && items.size === 0) this.#liveItems.delete(product);
    }
    this.#byItem.get(item)?.delete(code);
  }
}
