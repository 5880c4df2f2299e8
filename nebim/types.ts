/**
 * What the agent reads from Nebim, in the agent's own terms. The SQL rows are mapped into these by
 * `nebim/` and nothing above it sees a column name.
 * @module
 */

/** A variant's identity in Nebim (DESIGN §3). Unused dimensions are "", never null. */
export interface VariantKey {
  itemTypeCode: number;
  itemCode: string;
  colorCode: string;
  itemDim1Code: string;
  itemDim2Code: string;
  itemDim3Code: string;
}

/** The full current state of one variant, as the sync needs it. */
export interface NebimVariant {
  key: VariantKey;
  /** Item description in the configured language; null when there is none. */
  itemName: string | null;
  /** Colour description in the configured language; null when there is none. */
  colorName: string | null;
  /** Barcodes of the configured barcode type (there may be 0, 1 or several). */
  barcodes: string[];
  itemBlocked: boolean;
  variantBlocked: boolean;
  itemUseInternet: boolean;
  variantUseInternet: boolean;
  /** cdItem.ItemTaxGrCode. */
  taxGroupCode: string;
  /** Sell VAT rate in percent through the item's tax group (TR, retail); null when the chain is broken. */
  vatRate: number | null;
  /** Cost from the configured price source, in kuruş (half-up from Nebim's decimal); null when none. */
  costKurus: number | null;
  /**
   * The cost in 1/10000 TL when Nebim's decimal has digits past the kuruş (83.325): pricing rounds once, at
   * the end, not this and then the price. Absent when costKurus is exact.
   */
  costTenThousandths?: number;
  /**
   * Why the price source's value cannot be used (the variant is held): a price past exact kuruş (costKurus is
   * then null), a price-list line whose currency disagrees with its header's, one with a DisableDate but not
   * disabled, or a line of a shape not understood that may price the variant (nebim/sql/costs.ts).
   */
  costUnreadable?: string;
  /** Currency of that cost (e.g. "TRY"); null when there is no cost. */
  costCurrency: string | null;
  /** Whether the cost includes VAT, when the source says so (price lists: IsTaxIncluded); null = use the setting. */
  costIncludesVat: boolean | null;
  /** On-hand quantity summed over the configured warehouses (may be negative in Nebim). */
  onHand: number;
  /** Committed to open orders in those warehouses: reserved, in a dispatch order or being picked. */
  reserved: number;
}

/** The catalogue options the reader needs (a slice of the settings). */
export interface CatalogReadOptions {
  langCode: string;
  /** The barcode type whose barcodes are read (stock codes may come from them). */
  barcodeTypeCode: string;
  warehouses: string[];
  subtractReservations: boolean;
  priceSource: { kind: "basePrice"; basePriceCode: number } | { kind: "priceList"; priceGroupCode: string };
  /** Country for base prices and tax groups. */
  countryCode: string;
}

export function variantKeyString(k: VariantKey): string {
  return [k.itemTypeCode, k.itemCode, k.colorCode, k.itemDim1Code, k.itemDim2Code, k.itemDim3Code].join("|");
}
