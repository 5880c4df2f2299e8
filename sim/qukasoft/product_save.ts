/**
 * `POST /product/save` semantics: create or update by productCode, variants by stockCode. A field left
 * out is left unchanged; `active` counts only at creation. Bad items come back as per-item errors.
 *
 * Choices the document leaves open, made here and kept by the contract test:
 * - Creating a product needs `name`, `vatRate` and at least one valid variant; `active` defaults to false
 *   (nothing goes on sale by accident).
 * - A new variant needs `price`; `marketplacePrice` defaults to it, `quantity` to 0, texts to "".
 * - A variant error does not stop the product's other variants; a product-level error saves nothing.
 * - Codes are found as the store's collation compares them (collation.ts): a save of "KML-1001" updates the
 *   merchant's "kml-1001", which keeps its spelling, and the answer gives the code as the store keeps it.
 * @module
 */

import type { StoreProduct, StoreVariant } from "./types.ts";
import type { StoreState } from "./state.ts";
import { storeKey } from "./collation.ts";
import {
  asArray,
  asObject,
  bool,
  code,
  fieldPath,
  int,
  type JsonObject,
  money,
  str,
  vatRate,
} from "./fields.ts";
import { errorMessage } from "../error_message.ts";

export type SaveStatus = "created" | "updated" | "error";

export interface VariantSaveResult {
  stockCode: string;
  status: SaveStatus;
  message?: string;
}

export interface ProductSaveResult {
  productCode: string;
  /** 0 when the product was not created. */
  id: number;
  status: SaveStatus;
  message?: string;
  variants: VariantSaveResult[];
}

/** The variant fields a request may set. */
type VariantPatch = Partial<Omit<StoreVariant, "stockCode">> & { stockCode: string };

const TEXT_FIELDS = ["barcode", "name1", "value1", "name2", "value2"] as const;

/** Applies one `products` array, in order (a later item sees what an earlier one created). */
export function saveProducts(state: StoreState, items: readonly unknown[]): ProductSaveResult[] {
  return items.map((item, i) => saveOne(state, item, `products[${i}]`));
}

function saveOne(state: StoreState, item: unknown, path: string): ProductSaveResult {
  let o: JsonObject;
  let productCode: string;
  try {
    o = asObject(item, path);
    productCode = code(o, "productCode", path);
  } catch (e) {
    const given = (item as { productCode?: unknown } | null)?.productCode;
    return failed(typeof given === "string" ? given : "", 0, errorMessage(e));
  }
  const existing = state.product(productCode);
  const refused = state.productRefusal(productCode);
  if (refused !== undefined) return failed(productCode, existing?.id ?? 0, refused);
  let fields: { name?: string; vatRate?: number; active?: boolean; variants: unknown[] };
  try {
    fields = {
      name: o.name === undefined ? undefined : str(o, "name", path),
      vatRate: o.vatRate === undefined ? undefined : vatRate(o, "vatRate", path),
      active: o.active === undefined ? undefined : bool(o, "active", path),
      variants: o.variants === undefined ? [] : asArray(o.variants, fieldPath(path, "variants")),
    };
    if (!existing && fields.name === undefined) throw new Error(`${path}.name: required to create a product`);
    if (!existing && fields.vatRate === undefined) {
      throw new Error(`${path}.vatRate: required to create a product`);
    }
  } catch (e) {
    return failed(productCode, existing?.id ?? 0, errorMessage(e));
  }

  const results: VariantSaveResult[] = [];
  const patches: VariantPatch[] = [];
  const seen = new Set<string>();
  fields.variants.forEach((raw, j) => {
    const vpath = `${fieldPath(path, "variants")}[${j}]`;
    const checked = checkVariant(state, existing, productCode, raw, vpath, seen);
    if ("message" in checked) results.push(checked);
    else {
      patches.push(checked);
      results.push({ stockCode: checked.stockCode, status: "created" }); // corrected when applied
    }
  });

  let product = existing;
  if (!product) {
    if (patches.length === 0) {
      return {
        ...failed(productCode, 0, `${path}.variants: at least one valid variant is required`),
        variants: results,
      };
    }
    product = state.createProduct({
      productCode,
      name: fields.name!,
      vatRate: fields.vatRate!,
      active: fields.active ?? false,
      variants: [],
    });
  } else {
    if (fields.name !== undefined) product.name = fields.name;
    if (fields.vatRate !== undefined) product.vatRate = fields.vatRate;
  }
  for (const patch of patches) {
    const r = results.find((x) => x.stockCode === patch.stockCode && !x.message);
    const applied = applyVariant(state, product, patch);
    if (r) Object.assign(r, applied);
  }
  return {
    productCode: product.productCode,
    id: product.id,
    status: existing ? "updated" : "created",
    variants: results,
  };
}

/** Validates one variant; a result with a message is an error, else the patch to apply. */
function checkVariant(
  state: StoreState,
  existing: StoreProduct | undefined,
  productCode: string,
  raw: unknown,
  path: string,
  seen: Set<string>,
): VariantPatch | VariantSaveResult {
  let stockCode = "";
  try {
    const o = asObject(raw, path);
    stockCode = code(o, "stockCode", path);
    const refused = state.refusal(stockCode);
    if (refused !== undefined) return { stockCode, status: "error", message: refused };
    const owner = state.ownerOf(stockCode);
    const elsewhere = owner !== undefined && storeKey(owner.productCode) !== storeKey(productCode);
    if (elsewhere || seen.has(storeKey(stockCode))) {
      const where = elsewhere ? ` (used by product ${owner.productCode})` : "";
      return { stockCode, status: "error", message: `duplicate stock code${where}` };
    }
    seen.add(storeKey(stockCode));
    const patch: VariantPatch = { stockCode };
    for (const f of TEXT_FIELDS) if (o[f] !== undefined) patch[f] = str(o, f, path);
    const badBarcode = patch.barcode === undefined ? undefined : state.barcodeRefusal(patch.barcode);
    if (badBarcode !== undefined) return { stockCode, status: "error", message: badBarcode };
    if (o.quantity !== undefined) patch.quantity = int(o, "quantity", path, { min: 0 });
    if (o.price !== undefined) patch.price = money(o, "price", path);
    if (o.marketplacePrice !== undefined) patch.marketplacePrice = money(o, "marketplacePrice", path);
    const isNew = !existing?.variants.some((v) => storeKey(v.stockCode) === storeKey(stockCode));
    if (isNew && patch.price === undefined) throw new Error(`${path}.price: required for a new variant`);
    return patch;
  } catch (e) {
    return { stockCode, status: "error", message: errorMessage(e) };
  }
}

/** Applies a checked variant; says how, under the stock code as the store keeps it. */
function applyVariant(
  state: StoreState,
  product: StoreProduct,
  patch: VariantPatch,
): { stockCode: string; status: SaveStatus } {
  const current = product.variants.find((v) => storeKey(v.stockCode) === storeKey(patch.stockCode));
  if (current) {
    const { stockCode: _sent, ...fields } = patch; // the stored spelling stays
    Object.assign(current, fields);
    return { stockCode: current.stockCode, status: "updated" };
  }
  const price = patch.price ?? 0;
  state.addVariant(product, {
    barcode: "",
    name1: "",
    value1: "",
    name2: "",
    value2: "",
    quantity: 0,
    marketplacePrice: price,
    ...patch,
    price,
  });
  return { stockCode: patch.stockCode, status: "created" };
}

function failed(productCode: string, id: number, message: string): ProductSaveResult {
  return { productCode, id, status: "error", message, variants: [] };
}
