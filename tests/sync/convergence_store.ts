/**
 * The convergence property's oracle check (convergence_e2e_test.ts): the first store against a clean start's,
 * stock code by stock code, on what the run's settings history leaves defined (convergence_settings.ts).
 * @module
 */

import assert from "node:assert/strict";
import { storeKey } from "../../sim/qukasoft/collation.ts";
import type { StoreState } from "../../sim/qukasoft/state.ts";
import type { StoreProduct, StoreVariant } from "../../sim/qukasoft/types.ts";
import type { CompareRules } from "./convergence_settings.ts";
import { READ_KINDS } from "../../sync/stale_problems.ts";

interface Placed {
  product: StoreProduct;
  variant: StoreVariant;
}

/** Every variant of a store by stock code (its storeKey: the store compares codes case-blind), with its product. */
function byStockCode(state: StoreState): Map<string, Placed> {
  const out = new Map<string, Placed>();
  for (const product of state.products.values()) {
    for (const variant of product.variants) out.set(storeKey(variant.stockCode), { product, variant });
  }
  return out;
}

/**
 * One variant as compared: no ids, no `active`; codes by storeKey (the store keeps the spelling it was first
 * given, the merchant's or Nebim's: either is the same row to it).
 */
function row({ product, variant }: Placed) {
  const { productCode, name, vatRate } = product;
  return {
    productCode: storeKey(productCode),
    name,
    vatRate,
    ...variant,
    stockCode: storeKey(variant.stockCode),
  };
}

/** The same item's product under the other grouping: "URN-001" and "URN-001-BEY". */
const sameItem = (a: string, b: string) => a.startsWith(`${b}-`) || b.startsWith(`${a}-`);

export interface Defined {
  rules: CompareRules;
  /** The names a product may keep when names do not follow Nebim: any Nebim gave it, or the merchant's. */
  names: ReadonlySet<string>;
  /** The colour labels a variant may keep when names do not follow Nebim: any description Nebim gave it. */
  labels: ReadonlySet<string>;
  /** Products and stock codes (by storeKey) the merchant changed in the panel, which only a full cycle repairs. */
  except?: { products: ReadonlySet<string>; codes: ReadonlySet<string> };
  /** The stock codes the agent's ledger knows (by storeKey). */
  bound: ReadonlySet<string>;
  /**
   * A store code the ledger never knew is the merchant's as far as the agent can tell, left alone (sync/adopt.ts),
   * when the agent started on a new data folder (`newFolder`: any such code), or when the merchant typed it into
   * the panel (`typed`, by storeKey). Any other extra code is the agent's own.
   */
  newFolder: boolean;
  typed: ReadonlySet<string>;
  /** Each barcode (by storeKey) with every Nebim variant it has been on (NebimWorld.holders). */
  holders: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Every variant the oracle has, the first store has, equal on what is defined; anything more is a stock code
 * Nebim no longer sells (blocked, barcode changed, another stock-code form), kept at stock 0 when vanished
 * codes are zeroed (DESIGN §3: never deleted).
 */
export function assertSameStore(first: StoreState, oracle: StoreState, defined: Defined, when: string): void {
  const { rules, names, labels, except } = defined;
  const left = (code: string, p?: Placed) =>
    except !== undefined &&
    (except.codes.has(code) || (p !== undefined && except.products.has(storeKey(p.product.productCode))));
  const all = byStockCode(first);
  const mine = new Map([...all].filter(([code, p]) => !left(code, p)));
  // A code of a touched product in either store: a new size of a product deleted in the panel is an addition
  // the store refuses until a full cycle creates the product again (RELIABILITY.md, known limits).
  const clean = byStockCode(oracle);
  const theirs = new Map([...clean].filter(([code, o]) => !left(code, all.get(code)) && !left(code, o)));
  const expected = [];
  const actual = [];
  for (const [code, o] of [...theirs].sort(([a], [b]) => a.localeCompare(b))) {
    const want = row(o);
    expected.push(want);
    const m = mine.get(code);
    if (!m) {
      actual.push({ stockCode: code, missing: true });
      continue;
    }
    const got = row(m);
    // What the settings' history leaves undefined reads as the oracle's, so the diff shows only the rest.
    // A moved code first: its old product may look like the same item's under the other grouping (URN-003
    // re-coded URN-003-A), and it keeps more of its old product than that does.
    if ((defined.holders.get(code)?.size ?? 0) > 1) {
      // A stock code Nebim moved to another variant (under the barcode form: taken by one, replaced on the
      // other) stays in the product the store keeps it in, with the colour and size its create gave it: the
      // store holds a code in one product, and the agent deletes nothing. Its stock and price follow Nebim;
      // that product's name and rate stay its own (sync/plan.ts).
      const { name1, value1, name2, value2 } = want;
      if (got.productCode !== want.productCode) {
        Object.assign(got, { productCode: want.productCode, name: want.name, vatRate: want.vatRate });
      }
      Object.assign(got, { name1, value1, name2, value2 });
    } else if (
      got.productCode !== want.productCode && rules.otherGrouping &&
      sameItem(got.productCode, want.productCode)
    ) {
      // The item's VAT rate reaches it all the same (sync/plan.ts): compared.
      Object.assign(got, { productCode: want.productCode, name: want.name });
    }
    if (!rules.names && names.has(got.name)) got.name = want.name;
    if (!rules.names && labels.has(got.value1)) got.value1 = want.value1;
    if (!rules.prices) Object.assign(got, { price: want.price, marketplacePrice: want.marketplacePrice });
    actual.push(got);
  }
  assert.deepEqual(actual, expected, `${when}: the store differs from a clean start's`);
  const { bound, newFolder, typed } = defined;
  const theAgents = (code: string) => bound.has(code) || (!newFolder && !typed.has(code));
  const extra = [...mine].filter(([code]) => !clean.has(code) && theAgents(code)).map(([, m]) => row(m));
  if (rules.vanishedAtZero) {
    assert.deepEqual(extra.filter((v) => v.quantity !== 0), [], `${when}: codes Nebim no longer sells`);
  }
}

const READ: ReadonlySet<string> = new Set(READ_KINDS);

/**
 * The open problems of Nebim's records (sync/stale_problems.ts READ_KINDS: no store refusal, no grouping), as
 * sorted "kind subject" lines: both properties compare them with a fresh agent's.
 */
export function recordProblems(open: readonly { kind: string; subject: string }[]): string[] {
  return open.filter((p) => READ.has(p.kind)).map((p) => `${p.kind} ${p.subject}`).sort();
}

/** `active` is the merchant's where they set it, else what a create gave it (when that did not change). */
export function assertActive(
  first: StoreState,
  merchant: ReadonlyMap<string, boolean | undefined>,
  rules: CompareRules,
) {
  for (const p of first.products.values()) {
    const key = storeKey(p.productCode);
    const want = merchant.has(key) ? merchant.get(key) : rules.newProductsActive;
    if (want !== undefined) assert.equal(p.active, want, `${p.productCode}: active is the merchant's`);
  }
}
