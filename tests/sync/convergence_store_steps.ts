/**
 * The convergence property's store-side steps (convergence_e2e_test.ts): faults, store rules that refuse
 * writes for a while, and the merchant's work in the panel, codes spelled as the store's collation allows.
 * @module
 */

import { storeKey } from "../../sim/qukasoft/collation.ts";
import type { StoreVariant } from "../../sim/qukasoft/types.ts";
import type { StoreStep } from "./convergence_steps.ts";
import { PANEL_LABEL, PANEL_NAME, type World } from "./convergence_world.ts";

const COLOR_NAMES: Record<string, string> = { BEY: "Beyaz", LAC: "Lacivert" };
const TURKISH: Record<string, string> = { U: "Ü", C: "Ç", S: "Ş", O: "Ö", G: "Ğ", I: "İ" };

/** A code as a merchant may type it: the store takes it for Nebim's (utf8mb4_general_ci), spelled its own way. */
export function respell(code: string, how: "lower" | "turkish" | "both"): string {
  const turkish = how === "lower" ? code : code.replace(/[UCSOGI]/g, (c) => TURKISH[c]!);
  return how === "turkish" ? turkish : turkish.toLocaleLowerCase("tr");
}

export function storeStep(w: World, s: StoreStep): void {
  const { state, faults } = w.h.sims.qukasoft;
  switch (s.kind) {
    case "storeFault": {
      // Aimed at the requests carrying one item's code (with several requests a call, one of them).
      const carrying = s.carrying && s.on !== "/product/lists" ? codeText(w, s.carrying) : undefined;
      faults.once(s.fault, {
        match: s.on,
        carrying,
        times: s.times,
        detail: s.fault === "429" ? "1" : undefined,
      });
      return;
    }
    case "refuse": {
      // A store rule the agent does not check, for now: every write of the variant's stock code (either form),
      // or a save carrying its barcode.
      const { item, variant } = w.variant(s.item, s.variant);
      const stockCodes = [`${item.code}-${variant.color}-${variant.size}`, first(variant.barcodes)];
      if (s.what === "barcode") {
        // The variant's barcode now, and the next ones Nebim steps will give: a change refused beside the
        // stock update the store takes.
        const barcodes = [first(variant.barcodes), ...w.barcodes.upcoming()];
        for (const b of barcodes) state.refuseBarcode(b, "barkod başka bir üründe kayıtlı");
        w.refusals.push(() => barcodes.forEach((b) => state.refuseBarcode(b, undefined)));
      } else {
        for (const code of stockCodes) state.refuse(code, "kategori eşleşmesi yok");
        w.refusals.push(() => stockCodes.forEach((code) => state.refuse(code, undefined)));
      }
      return;
    }
    case "lift":
      w.liftRefusals();
      return;
    case "panelDelete": {
      const p = w.product(s.product);
      if (!p) return;
      w.touch(p);
      // Made again, it is passive if the agent had recorded it before (tests/sync/readd_passive_e2e_test.ts),
      // else new to the agent and as newProductsActive says: which, the model does not know.
      w.active.set(storeKey(p.productCode), undefined);
      bump(w.deletions.products, p.productCode);
      for (const v of p.variants) bump(w.deletions.stockCodes, v.stockCode);
      state.deleteProduct(p.productCode);
      return;
    }
    case "panelDeleteVariant": {
      const p = w.product(s.product);
      const v = p?.variants[s.variant % 3];
      if (!p || !v) return;
      w.touch(p);
      bump(w.deletions.stockCodes, v.stockCode);
      state.deleteVariant(v.stockCode);
      return;
    }
    case "panelEdit": {
      const p = w.product(s.product);
      const v = p?.variants[s.variant % p.variants.length];
      if (!p || !v) return;
      w.touch(p);
      if (s.what === "name") p.name = PANEL_NAME;
      else if (s.what === "label") v.value1 = v.value1 && PANEL_LABEL; // a variant with no colour has none
      else if (s.what === "quantity") v.quantity += 7;
      else v.price = 1;
      return;
    }
    case "panelActive": {
      const p = w.product(s.product);
      if (!p) return;
      p.active = !p.active;
      w.active.set(storeKey(p.productCode), p.active);
      return;
    }
    case "panelRecase": {
      // The merchant retypes a product's codes: the same row to the store, which keeps the new spelling.
      const p = w.product(s.product);
      if (!p) return;
      p.productCode = respell(p.productCode, s.how);
      for (const v of p.variants) v.stockCode = respell(v.stockCode, s.how);
      return;
    }
    case "panelCreate":
      return panelCreate(w, s.item, s.how);
  }
}

/**
 * The merchant types a Nebim item's products into the panel, codes spelled their own way, before the agent
 * made them (or after they were deleted): only when the store has none of their codes. What the merchant
 * types is theirs (name, price, stock); the variant values and barcode are the item's.
 */
function panelCreate(w: World, i: number, how: "lower" | "turkish" | "both"): void {
  const { state } = w.h.sims.qukasoft;
  const { catalog } = w.h.settings.current();
  const item = w.items[i % w.items.length]!;
  // Products made under this grouping keep their variants when it changes, as the agent's do.
  w.history.groupBy.add(catalog.groupBy);
  const products = new Map<string, StoreVariant[]>();
  // A code two of its variants share (a barcode given to both) is typed once: the store holds a code once.
  const typed = new Set<string>();
  for (const v of item.variants) {
    const barcode = first(v.barcodes);
    const stockCode = catalog.stockCode.from === "barcode" ? barcode : `${item.code}-${v.color}-${v.size}`;
    const productCode = catalog.groupBy === "itemColor" ? `${item.code}-${v.color}` : item.code;
    if (state.product(productCode) || state.ownerOf(stockCode)) return;
    if (typed.has(storeKey(stockCode))) continue;
    typed.add(storeKey(stockCode));
    const variants = products.get(productCode) ?? [];
    products.set(productCode, variants);
    variants.push({
      stockCode: respell(stockCode, how),
      barcode: barcode.trim(),
      name1: "Renk",
      value1: COLOR_NAMES[v.color]!,
      name2: "Beden",
      value2: v.size,
      quantity: 0,
      price: 100,
      marketplacePrice: 100,
    });
  }
  for (const [productCode, variants] of products) {
    const p = state.createProduct({
      productCode: respell(productCode, how),
      name: PANEL_NAME,
      vatRate: 20,
      active: true,
      variants,
    });
    w.active.set(storeKey(p.productCode), true);
    w.touch(p);
    for (const v of p.variants) w.typed.add(storeKey(v.stockCode));
  }
}

/**
 * Text every write request for a variant carries, under the current stock-code form: its first barcode (the
 * stock code) or the item code (in its product and stock codes).
 */
function codeText(w: World, at: { item: number; variant: number }): string {
  const { item, variant } = w.variant(at.item, at.variant);
  return w.h.settings.current().catalog.stockCode.from === "barcode"
    ? `"${first(variant.barcodes)}"`
    : item.code;
}

/** The barcode the store gets: the first in sort order. */
const first = (barcodes: readonly string[]) => [...barcodes].sort()[0]!;

function bump(counts: Map<string, number>, code: string): void {
  const key = storeKey(code);
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
