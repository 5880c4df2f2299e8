/**
 * Nebim product codes the store takes for one. Nebim's Turkish_CI_AS tells KAZAKI from KAZAKİ (and ÇANTA
 * from CANTA); the store's collation does not (qukasoft/code_key.ts). Pushed both, their variants would share
 * one store product whose name and VAT rate each full cycle saves back and forth: the second is a problem.
 * @module
 */

import { codeKey } from "../nebim/code_key.ts";
import { storeCodeKey } from "../qukasoft/code_key.ts";
import type { BindingIndex } from "./binding_index.ts";
import type { DesiredVariant, Problem } from "./desired.ts";

/**
 * The problem of `d` when another Nebim product holds its store code, else undefined (and `d`'s product
 * holds it for the rest of the cycle, in `claims`: store key → Nebim's product code). The holder is the one
 * with codes in the store's product (of two, the first by Nebim's key, so every cycle decides alike), else
 * the first this cycle reads. The XML feed has no bindings (undefined): there the first product a build reads
 * holds the code (builds read items in Nebim's order, so every build decides alike), or one it listed before,
 * claimed ahead (claimFirst).
 */
export function productClash(
  claims: Map<string, string>,
  bindings: BindingIndex | undefined,
  d: DesiredVariant,
  outcome = "not pushed, so as not to save over it",
): Problem | undefined {
  const key = storeCodeKey(d.productCode);
  const claimed = claims.get(key);
  let holder: string | undefined;
  if (claimed !== undefined) {
    if (claimed === d.productCode || codeKey(claimed) === codeKey(d.productCode)) return undefined;
    holder = `product ${claimed}`;
  } else if (bindings) {
    const own = codeKey(d.key.itemCode);
    const others = bindings.clashingItems(d.key.itemCode, d.productCode);
    const first = others.find((item) => item < own) ?? others[0];
    if (first !== undefined && (first < own || !bindings.pushedInto(own, d.productCode))) {
      holder = `item ${first}'s product`;
    }
  }
  if (holder === undefined) {
    claims.set(key, d.productCode);
    return undefined;
  }
  return {
    subject: d.stockCode,
    kind: "duplicate",
    reason:
      `product code "${d.productCode}" is ${holder} to the store, which compares codes without regard ` +
      `to case or accents (İ/I, Ç/C): ${outcome}; give one of the items another code`,
  };
}

/** Claims `productCode`'s store code unless a product already holds it. */
export function claimFirst(claims: Map<string, string>, productCode: string): void {
  const key = storeCodeKey(productCode);
  if (!claims.has(key)) claims.set(key, productCode);
}
