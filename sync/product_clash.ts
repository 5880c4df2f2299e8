/**
 * Nebim product codes the store takes for one. Nebim's Turkish_CI_AS tells KAZAKI from KAZAKİ (and ÇANTA
 * from CANTA); the store's collation does not (qukasoft/code_key.ts). Pushed both, their variants would share
 * one store product whose name and VAT rate each full cycle saves back and forth: the second is a problem.
 * Under `groupBy: "itemColor"` two items can even make the very same code: item KML-1001 in colour 01, and an
 * item KML-1001-01 without colours, are both product KML-1001-01.
 * @module
 */

import { codeKey } from "../nebim/code_key.ts";
import { storeCodeKey } from "../qukasoft/code_key.ts";
import type { BindingIndex } from "./binding_index.ts";
import type { DesiredVariant, Problem } from "./desired.ts";

/**
 * The problem of `d` when another Nebim product holds its store code, else undefined (and `d`'s product
 * holds it for the rest of the cycle, in `claims`: store key → Nebim's product code). The holder is the one
 * with codes on sale in the store's product (of two, the first by Nebim's key, so every cycle decides alike), else
 * the first this cycle reads. The XML feed has no bindings (undefined): there the first product a build reads
 * holds the code (builds read items in Nebim's order, so every build decides alike), or one it listed before,
 * claimed ahead (claimFirst).
 */
export function productClash(
  claims: Map<string, ProductClaim>,
  bindings: BindingIndex | undefined,
  d: DesiredVariant,
  outcome = "not pushed, so as not to save over it",
): Problem | undefined {
  // A product's variants come together: once one of them holds its code, so do the rest (a claim stays for
  // the cycle), without each building the store's and Nebim's keys again.
  const last = lastHeld.get(claims);
  if (last?.product === d.productCode && last.item === d.key.itemCode) return undefined;
  const key = storeCodeKey(d.productCode);
  const claimed = claims.get(key);
  const own = codeKey(d.key.itemCode);
  let holder: string | undefined;
  let same = false; // the same code, of another item
  if (claimed !== undefined) {
    const product = claimed.product;
    if (product !== d.productCode && codeKey(product) !== codeKey(d.productCode)) {
      holder = `product ${product}`;
    } else if (claimed.item === undefined || claimed.item === own) {
      lastHeld.set(claims, { product: d.productCode, item: d.key.itemCode });
      return undefined;
    } else [holder, same] = [`item ${claimed.item}'s product`, true];
  } else if (bindings) {
    const others = bindings.clashingItems(d.key.itemCode, d.productCode);
    const first = others.find((item) => item < own) ?? others[0];
    if (first !== undefined && (first < own || !bindings.pushedInto(own, d.productCode))) {
      holder = `item ${first}'s product`;
    } else if (first === undefined) {
      // Another item's codes in the store's product, under this very code: it holds it if this item has none
      // there, or (both there: merged before, or adopted so) the first by Nebim's key does, every cycle alike.
      // Only an item that makes this code as the store compares it (itself, or with a colour) is a rival:
      // another's code kept there (a barcode Nebim moved to it) leaves the product to the item it is of.
      const code = storeCodeKey(d.productCode);
      const makes = (item: string) => {
        const folded = storeCodeKey(item);
        return folded === code || code.startsWith(`${folded}-`);
      };
      const items = bindings.itemsIn(d.productCode).filter((item) => item !== own && makes(item)).sort();
      const other = bindings.pushedInto(own, d.productCode) ? items.find((item) => item < own) : items[0];
      if (other !== undefined) [holder, same] = [`item ${other}'s product`, true];
    }
  }
  if (holder === undefined) {
    claims.set(key, { product: d.productCode, item: own });
    lastHeld.set(claims, { product: d.productCode, item: d.key.itemCode });
    return undefined;
  }
  return {
    subject: d.stockCode,
    kind: "duplicate",
    reason: same
      ? `product code "${d.productCode}" is ${holder} too (item ${d.key.itemCode}'s code and colour make ` +
        `another item's code): ${outcome}; give one of the items another code`
      : `product code "${d.productCode}" is ${holder} to the store, which compares codes without regard ` +
        `to case or accents (İ/I, Ç/C): ${outcome}; give one of the items another code`,
  };
}

/** Per claims map (a cycle's, a feed build's): the product code and item code whose claim was last found held. */
const lastHeld = new WeakMap<Map<string, ProductClaim>, { product: string; item: string }>();

/** Who holds a store product code this cycle: Nebim's product code, and its item's key when known. */
export interface ProductClaim {
  product: string;
  /** codeKey of the item; none for a product the XML feed listed before (its item is not kept). */
  item?: string;
}

/** Claims `productCode`'s store code unless a product already holds it. */
export function claimFirst(claims: Map<string, ProductClaim>, productCode: string): void {
  const key = storeCodeKey(productCode);
  if (!claims.has(key)) claims.set(key, { product: productCode });
}
