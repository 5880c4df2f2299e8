/**
 * The settings part of the convergence property (convergence_e2e_test.ts): every setting that changes what
 * reaches the store, drawn once per run and patched mid-run as an operator would, and what the run's settings
 * history leaves defined in the final store (the rest depends on when things happened, by the product's rules).
 * @module
 */

import fc from "fast-check";
import type { SettingsStore } from "../../agent/settings_store.ts";
import { type Settings, SettingsError } from "../../settings/mod.ts";

export const TEMPLATE = "{ItemCode}-{ColorCode}-{ItemDim1Code}";
/** The price group the runs' price lists belong to. */
export const PRICE_GROUP = "WEB";

const margin = fc.record({
  percent: fc.integer({ min: 0, max: 60 }),
  amount: fc.integer({ min: 0, max: 10 }),
});
const special = fc.constantFrom(
  [],
  [{ from: 0, to: 100, percent: 60, amount: 5 }],
  [
    { from: 0, to: 250, percent: 80, amount: 0, channel: "site" },
    { from: 1000, to: null, percent: 10, amount: 3 },
  ],
);

/** One catalogue key or one pricing key, each with every value it may take in a run. */
const catalogKeys = {
  stockCode: fc.constantFrom(
    { from: "barcode", barcodeTypeCode: "DEF" },
    { from: "template", template: TEMPLATE },
  ),
  groupBy: fc.constantFrom("item", "itemColor"),
  warehouses: fc.constantFrom(["W01"], ["W01", "MRK"]),
  subtractReservations: fc.boolean(),
  safetyStock: fc.integer({ min: 0, max: 2 }),
  priceSource: fc.constantFrom(
    { kind: "basePrice", basePriceCode: 1 },
    { kind: "priceList", priceGroupCode: PRICE_GROUP },
  ),
  costIncludesVat: fc.boolean(),
  storePricesIncludeVat: fc.boolean(),
  newProductsActive: fc.boolean(),
  zeroStockForVanished: fc.boolean(),
};
const pricingKeys = {
  updateNames: fc.boolean(),
  disablePriceUpdate: fc.boolean(),
  site: margin,
  marketplace: margin,
  special,
  ending: fc.constantFrom(null, "0.90", "0.99"),
};

/** The settings a run starts with: every key drawn. */
export const settingsDoc = fc.record({ catalog: fc.record(catalogKeys), pricing: fc.record(pricingKeys) });

/** A mid-run change: one or two keys of one group, as a merge patch (`PATCH /settings`). */
export const settingsPatch = fc.oneof(
  fc.record(catalogKeys, { requiredKeys: [] }).filter((p) => Object.keys(p).length > 0).map((catalog) => ({
    catalog,
  })),
  fc.record(pricingKeys, { requiredKeys: [] }).filter((p) => Object.keys(p).length > 0).map((pricing) => ({
    pricing,
  })),
);

/**
 * A mid-run patch applied as `PATCH /settings` would: its changed key paths, or undefined when it is refused
 * because it changes the stock codes or grouping once something is synced (agent/settings_store.ts), and
 * changes nothing; the operator then starts over on a new data folder.
 */
export function patched(settings: SettingsStore, patch: unknown): string[] | undefined {
  try {
    return settings.update(patch).changed;
  } catch (e) {
    if (
      !(e instanceof SettingsError) || !e.issues.every((i) => /^catalog\.(stockCode|groupBy)\b/.test(i.path))
    ) {
      throw e;
    }
    return undefined;
  }
}

/**
 * The settings every cycle of a run ran under, as far as the final store depends on them. DESIGN §4.5 and
 * §3: existing products get stock always, price unless disabled, name only when names follow Nebim, never
 * `active`; a variant stays in the product it was created in; a vanished code keeps its stock unless zeroed.
 * Barcodes follow Nebim under either stock-code form (a re-code, or a save of the new barcode): always compared.
 */
export class SettingsHistory {
  readonly groupBy = new Set<string>();
  readonly newProductsActive = new Set<boolean>();

  /** Called before every cycle, stopped or not: anything it sends may have been sent under these. */
  cycle(s: Settings): void {
    this.groupBy.add(s.catalog.groupBy);
    this.newProductsActive.add(s.catalog.newProductsActive);
  }

  /** What of the final store is defined by the final settings alone. */
  rules(final: Settings): CompareRules {
    return {
      // A full cycle under updateNames renames every product back to Nebim's; without it, the first name stays.
      names: final.pricing.updateNames,
      // Likewise prices: re-priced by the full cycle a price-setting change runs, unless price updates are off.
      prices: !final.pricing.disablePriceUpdate,
      // A product made under another grouping keeps its variants: only its codes are compared.
      otherGrouping: this.groupBy.size > 1,
      vanishedAtZero: final.catalog.zeroStockForVanished,
      newProductsActive: this.newProductsActive.size === 1 ? final.catalog.newProductsActive : undefined,
    };
  }
}

export interface CompareRules {
  names: boolean;
  prices: boolean;
  otherGrouping: boolean;
  vanishedAtZero: boolean;
  /** `active` of a product the merchant never set; undefined when it changed during the run. */
  newProductsActive: boolean | undefined;
}
