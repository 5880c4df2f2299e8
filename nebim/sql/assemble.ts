/**
 * One batch's result sets (variants, barcodes, on-hand, reservations, prices) joined into one NebimVariant
 * per variant. Pure: rows in, variants out.
 * @module
 */

import type { NebimVariant } from "../types.ts";
import type { CostLookup } from "./costs.ts";
import { codeKey, codeOf, flagOf, nameOf, quantityOf, variantPartsKey, variantRowKey } from "./map.ts";
import type { NebimRow } from "./pool.ts";
import { lastKeyed } from "../../last_keyed.ts";

/** A batch's rows, by query. */
export interface BatchRows {
  variants: readonly NebimRow[];
  barcodes: readonly NebimRow[];
  onHand: readonly NebimRow[];
  reserved: readonly NebimRow[];
}

/**
 * Each distinct variant (by its case-blind key, as SQL Server groups) gets a slot that the other result sets'
 * rows are added to. Rows are matched by their codes as they came first: a map lookup by item code and four
 * string comparisons, where the case-blind key builds five upper-cased strings and their join per row. The
 * other tables nearly always spell a variant's codes as prItemVariant does, and codes are nearly always upper
 * case ASCII already, which is their own key; the keys are built only for a batch where either fails.
 */
export class VariantSlots {
  /** Item code → [colour, dim1, dim2, dim3, slot, …] of the variants, codes as first read (NULL as ""). */
  readonly #byRaw = new Map<string, unknown[]>();
  /** Case-blind key → slot; built once a code is not its own key, or a row is not found as spelled. */
  #byKey: Map<string, number> | undefined;
  size = 0;

  /** The variant's new slot, or undefined when a variant of the same case-blind key came first. */
  add(r: NebimRow): number | undefined {
    const item = codeOf(r.ItemCode), c = codeOf(r.ColorCode), d1 = codeOf(r.ItemDim1Code);
    const d2 = codeOf(r.ItemDim2Code), d3 = codeOf(r.ItemDim3Code);
    const list = this.#byRaw.get(item);
    if (list && indexOf(list, c, d1, d2, d3) >= 0) return undefined;
    // Codes each their own key, distinct as spelled, are distinct case-blind: no key needed while all are.
    if (!this.#byKey && !(ownKey(item) && ownKey(c) && ownKey(d1) && ownKey(d2) && ownKey(d3))) this.#keys();
    if (this.#byKey) {
      const k = variantPartsKey(item, c, d1, d2, d3);
      if (this.#byKey.has(k)) return undefined;
      this.#byKey.set(k, this.size);
    }
    const slot = this.size++;
    if (list) list.push(c, d1, d2, d3, slot);
    else this.#byRaw.set(item, [c, d1, d2, d3, slot]);
    return slot;
  }

  /** The slot of the variant a row of another result set belongs to, or undefined for one not read. */
  find(r: NebimRow): number | undefined {
    const list = this.#byRaw.get(codeOf(r.ItemCode));
    if (list) {
      const i = indexOf(
        list,
        codeOf(r.ColorCode),
        codeOf(r.ItemDim1Code),
        codeOf(r.ItemDim2Code),
        codeOf(r.ItemDim3Code),
      );
      if (i >= 0) return list[i + 4] as number;
    }
    return this.#keys().get(variantRowKey(r));
  }

  #keys(): Map<string, number> {
    if (this.#byKey) return this.#byKey;
    const keys = new Map<string, number>();
    this.#byRaw.forEach((list, item) => {
      for (let i = 0; i < list.length; i += 5) {
        const [c, d1, d2, d3, slot] = list.slice(i, i + 5) as [string, string, string, string, number];
        keys.set(variantPartsKey(item, c, d1, d2, d3), slot);
      }
    });
    return this.#byKey = keys;
  }
}

/** Where the codes are in a [colour, dim1, dim2, dim3, slot, …] list, or -1. */
function indexOf(list: readonly unknown[], c: string, d1: string, d2: string, d3: string): number {
  for (let i = 0; i < list.length; i += 5) {
    if (list[i] === c && list[i + 1] === d1 && list[i + 2] === d2 && list[i + 3] === d3) return i;
  }
  return -1;
}

/**
 * True when the code is its own case-blind key (nebim/code_key.ts): ASCII with no lower-case letter and no
 * trailing space. Anything else (a Turkish letter, any non-ASCII) is left to the key itself.
 */
export function ownKey(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    if ((ch >= 0x61 && ch <= 0x7a) || ch > 0x7e) return false;
  }
  return code.length === 0 || code.charCodeAt(code.length - 1) !== 0x20;
}

/** The batch's variants, in the order the variants query gave them; a repeated variant key counts once. */
export function assembleVariants(
  rows: BatchRows,
  costOf: CostLookup,
  vat: ReadonlyMap<string, number>,
): NebimVariant[] {
  const slots = new VariantSlots();
  const first: NebimRow[] = [];
  for (const r of rows.variants) if (slots.add(r) !== undefined) first.push(r);
  const barcodesOf = listBy(rows.barcodes, slots, (r) => codeOf(r.Barcode));
  const onHandOf = sumBy(rows.onHand, slots, "OnHand");
  const reservedOf = sumBy(rows.reserved, slots, "Reserved");
  const out: NebimVariant[] = [];
  // A variant's item code and name come once per row, each a string of its own; the bindings the sync keeps
  // between cycles hold them (a product's code is its item code), so one copy per item instead of one per
  // variant keeps ~8 MB less alive at 100,000 variants.
  const item = lastKeyed((code: string) => code);
  const itemName = lastKeyed((name: string | null) => name);
  // An item's variants come together: its tax group's rate is looked up once for them.
  const vatOf = lastKeyed((group) => vat.get(codeKey(group)) ?? null);
  for (let i = 0; i < first.length; i++) {
    const r = first[i]!;
    const key = {
      itemTypeCode: 1,
      itemCode: item(codeOf(r.ItemCode)),
      colorCode: codeOf(r.ColorCode),
      itemDim1Code: codeOf(r.ItemDim1Code),
      itemDim2Code: codeOf(r.ItemDim2Code),
      itemDim3Code: codeOf(r.ItemDim3Code),
    };
    const taxGroupCode = codeOf(r.ItemTaxGrCode);
    const cost = costOf(key.itemCode, key.colorCode, key.itemDim1Code, key.itemDim2Code, key.itemDim3Code);
    const v: NebimVariant = {
      key,
      itemName: itemName(nameOf(r.ItemDescription)),
      colorName: nameOf(r.ColorDescription),
      barcodes: barcodesOf[i] ?? [],
      itemBlocked: flagOf(r.ItemIsBlocked, false),
      // A dimensionless item without a prItemVariant row has no variant-level flags: nothing blocks it.
      variantBlocked: flagOf(r.VariantIsBlocked, false),
      itemUseInternet: flagOf(r.ItemUseInternet, true),
      variantUseInternet: flagOf(r.VariantUseInternet, true),
      taxGroupCode,
      vatRate: vatOf(taxGroupCode),
      costKurus: cost?.kurus ?? null,
      costCurrency: cost?.currency ?? null,
      costIncludesVat: cost?.includesVat ?? null,
      onHand: onHandOf[i]!,
      reserved: reservedOf[i]!,
    };
    // Set only when there is one (rare), rather than spread into the literal: a spread makes each of the
    // 100,000 objects through a slow path.
    if (cost?.unreadable !== undefined) v.costUnreadable = cost.unreadable;
    if (cost?.tenThousandths !== undefined) v.costTenThousandths = cost.tenThousandths;
    out.push(v);
  }
  return out;
}

/** Each row's value in the list of its variant's slot, in row order; a row of no variant read is left out. */
function listBy<T>(rows: readonly NebimRow[], slots: VariantSlots, value: (r: NebimRow) => T) {
  const out = new Array<T[] | undefined>(slots.size);
  for (const r of rows) {
    const i = slots.find(r);
    if (i === undefined) continue;
    const list = out[i];
    if (list) list.push(value(r));
    else out[i] = [value(r)];
  }
  return out;
}

/** Per variant slot; rows the server grouped apart but the case-blind key joins (never on a CI server) add up. */
function sumBy(rows: readonly NebimRow[], slots: VariantSlots, column: string): Float64Array {
  const out = new Float64Array(slots.size);
  for (const r of rows) {
    const i = slots.find(r);
    if (i !== undefined) out[i]! += quantityOf(r[column]);
  }
  return out;
}
