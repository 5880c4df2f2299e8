/**
 * The bindings as the sync plans against them: a map by stock code that keeps, on every change, the lookups
 * a plan needs.
 * @module
 */

import { codeKey } from "../nebim/code_key.ts";
import { storeCodeKey } from "../qukasoft/code_key.ts";
import { lastKeyed } from "../last_keyed.ts";
import { BindingColumns, type BindingView, DIRTY, PUSHED, VANISHED } from "./binding_columns.ts";

export type { BindingView, PushedFields } from "./binding_columns.ts";

const NO_ITEMS: ReadonlyMap<string, number> = new Map();

/**
 * The bindings by stock code, with the lookups a plan needs kept up to date on every `set`: which products the
 * store already has (by storeCodeKey: the store finds "kml-1001" for KML-1001), and the stock codes bound to
 * each item (by Nebim's codeKey). Without them every batch of a full cycle would walk all bindings
 * (O(batches × bindings)). Stored in columns (binding_columns.ts): `get` builds a new view each time, so a
 * binding changes by `set`, never through a view.
 */
export class BindingIndex implements ReadonlyMap<string, BindingView> {
  readonly #columns = new BindingColumns();
  /** Store key of a product → how many codes were pushed into it (vanished ones too): the store has it. */
  readonly #pushedPerProduct = new Map<string, number>();
  /**
   * Store key of a product → the items (by Nebim's key) with codes on sale pushed into it (not vanished), and
   * how many each: an item whose codes there all vanished (deleted, blocked) holds the product no more.
   */
  readonly #liveItems = new Map<string, Map<string, number>>();
  /**
   * Item keys the store would fold further (non-ASCII codes: KAZAKİ), by their store key: the few items
   * whose codes may clash in the store. Never pruned: an entry is only a candidate, checked against bindings.
   */
  readonly #foldedItems = new Map<string, Set<string>>();
  /** Products (by store key) the agent had pushed and a full cycle found gone from the store. */
  readonly #lost = new Set<string>();

  constructor(entries?: Iterable<readonly [string, BindingView]>) {
    if (entries) { for (const [k, v] of entries) this.set(k, v); }
  }

  get size(): number {
    return this.#columns.size;
  }

  get [Symbol.toStringTag](): string {
    return "BindingIndex";
  }

  has(code: string): boolean {
    return this.#columns.slotOf(code) !== undefined;
  }

  get(code: string): BindingView | undefined {
    const slot = this.#columns.slotOf(code);
    return slot === undefined ? undefined : this.#columns.view(code, slot);
  }

  /** The item code of a pushed binding not dirty (none for any other), without a view: a test per code. */
  settledItem(code: string): string | undefined {
    const slot = this.#columns.slotOf(code);
    if (slot === undefined) return undefined;
    const flags = this.#columns.flagsOf(slot);
    return flags & PUSHED && !(flags & DIRTY) ? this.#columns.itemOf(slot) : undefined;
  }

  set(code: string, b: BindingView): this {
    let slot = this.#columns.slotOf(code);
    if (slot === undefined) slot = this.#columns.add(code);
    else this.#unlink(slot);
    this.#columns.write(slot, b);
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
    this.#columns.link(item, slot);
    return this;
  }

  delete(code: string): boolean {
    const slot = this.#columns.slotOf(code);
    if (slot === undefined) return false;
    this.#unlink(slot);
    this.#columns.remove(code, slot);
    return true;
  }

  forEach(
    f: (b: BindingView, code: string, map: ReadonlyMap<string, BindingView>) => void,
    self?: unknown,
  ): void {
    this.#columns.forEachSlot((slot, code) => f.call(self, this.#columns.view(code, slot), code, this));
  }

  *entries(): MapIterator<[string, BindingView]> {
    for (const [code, slot] of this.#columns.slots()) yield [code, this.#columns.view(code, slot)];
  }

  *keys(): MapIterator<string> {
    for (const [code] of this.#columns.slots()) yield code;
  }

  *values(): MapIterator<BindingView> {
    for (const [code, slot] of this.#columns.slots()) yield this.#columns.view(code, slot);
  }

  [Symbol.iterator](): MapIterator<[string, BindingView]> {
    return this.entries();
  }

  /** True when a binding of this product was pushed: the store has the product. */
  knowsProduct(productCode: string): boolean {
    return this.#pushedPerProduct.has(this.#askedKey(productCode));
  }

  /** The items (by Nebim's key) with a code on sale (not vanished) pushed into the store's product `productCode`. */
  itemsIn(productCode: string): string[] {
    return [...this.#liveItems.get(storeCodeKey(productCode))?.keys() ?? []];
  }

  /** How many codes on sale (not vanished) each item (by Nebim's key) has pushed into the store's product. */
  liveCodesIn(productCode: string): ReadonlyMap<string, number> {
    return this.#liveItems.get(storeCodeKey(productCode)) ?? NO_ITEMS;
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
    const c = this.#columns;
    for (const slot of c.slotsOfItem(codeKey(itemCode))) {
      const flags = c.flagsOf(slot);
      const vat = flags & PUSHED ? c.vatOf(slot) : null;
      if (vat === null || storeCodeKey(c.productOf(slot)) !== product) continue;
      (flags & (VANISHED | DIRTY) ? older : sure).add(vat);
    }
    const rates = sure.size ? sure : older;
    return rates.size === 1 ? rates.values().next().value! : null;
  }

  /** Stock codes bound to variants of this item, in the order they were bound. */
  codesOfItem(itemCode: string): string[] {
    const codes: string[] = [];
    for (const slot of this.#columns.slotsOfItem(codeKey(itemCode))) codes.push(this.#columns.codeOf(slot));
    return codes;
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

  /** The slot's binding taken out of the lookups, before it is written again or freed. */
  #unlink(slot: number): void {
    const c = this.#columns;
    const item = this.#itemKey(c.itemOf(slot));
    const flags = c.flagsOf(slot);
    if (flags & PUSHED) {
      const product = this.#productKey(c.productOf(slot));
      const n = (this.#pushedPerProduct.get(product) ?? 1) - 1;
      if (n > 0) this.#pushedPerProduct.set(product, n);
      else this.#pushedPerProduct.delete(product);
      const items = flags & VANISHED ? undefined : this.#liveItems.get(product);
      const live = (items?.get(item) ?? 1) - 1;
      if (live > 0) items!.set(item, live);
      else if (items?.delete(item) && items.size === 0) this.#liveItems.delete(product);
    }
    c.unlink(item, slot);
  }
}
