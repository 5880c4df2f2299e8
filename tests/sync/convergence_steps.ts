/**
 * The steps of the convergence property (convergence_e2e_test.ts) and how fast-check draws them: Nebim edits,
 * SQL clock moves, cycles, faults, panel work, interruptions and settings changes.
 * @module
 */

import fc from "fast-check";
import { settingsPatch } from "./convergence_settings.ts";

export type Mode = "incremental" | "full";
export type Warehouse = "W01" | "MRK";
export type Spelling = "lower" | "turkish" | "both";
/** Where an order's units are committed: reserved, in a dispatch order, being picked. */
export const STAGES = ["Reserve", "DispOrder", "Picking"] as const;
export type Stage = typeof STAGES[number];
/** The steps convergence_store_steps.ts runs: faults, store rules and the merchant's panel work. */
export type StoreStep =
  | {
    kind: "storeFault";
    fault: "5xx" | "429" | "drop" | "error";
    on: string;
    times: number;
    /** Only the requests carrying this variant's codes: with several requests a call, one of them. */
    carrying?: { item: number; variant: number };
  }
  | { kind: "refuse"; item: number; variant: number; what: "code" | "barcode" }
  | { kind: "lift" }
  | { kind: "panelDelete"; product: number }
  | { kind: "panelDeleteVariant"; product: number; variant: number }
  | { kind: "panelEdit"; product: number; variant: number; what: "name" | "label" | "quantity" | "price" }
  | { kind: "panelActive"; product: number }
  | { kind: "panelRecase"; product: number; how: Spelling }
  | { kind: "panelCreate"; item: number; how: Spelling };
/** The edits of Nebim both convergence properties draw (convergence_nebim.ts runs them). */
export type NebimEdit =
  | { kind: "cost"; item: number; cost: number }
  | { kind: "stock"; item: number; variant: number; qty: number; warehouse: Warehouse }
  // A sale past what the variant has in both warehouses (Nebim lets a store sell into negative stock).
  | { kind: "oversell"; item: number; variant: number; by: number }
  | { kind: "reserve"; item: number; variant: number; qty: number; warehouse: Warehouse; stage: Stage }
  | { kind: "release"; pick: number }
  | {
    kind: "priceList";
    item: number;
    variant: number;
    level: "item" | "color";
    price: number;
    startMin: number;
    vat: boolean;
  }
  | { kind: "name"; item: number; name: number }
  // A colour described anew (every item's variants of it): its label in the store, part of the product name
  // when products are by item and colour.
  | { kind: "colorName"; color: number; name: number }
  | { kind: "newItem"; variants: number; cost: number }
  | { kind: "block"; item: number; variant: number; level: "item" | "variant" }
  | {
    kind: "barcode";
    item: number;
    variant: number;
    /** `restore` and `share`: only the API property draws them (apiBarcode). */
    op: "replace" | "add" | "addFirst" | "remove" | "retype" | "restore" | "share";
    pick: number;
  }
  | { kind: "internet"; item: number; variant: number; level: "item" | "variant" }
  | { kind: "tax"; item: number }
  | { kind: "vatRate" }
  | { kind: "clock"; ms: number }
  // A variant added to an item, or one deleted; a price list's confirmation changed (NebimWorld).
  | { kind: "addVariant"; item: number; pick: number }
  | { kind: "deleteVariant"; item: number; variant: number }
  | { kind: "confirmList"; pick: number };
export type Step =
  | StoreStep
  | NebimEdit
  | { kind: "settings"; patch: Record<string, unknown>; via: "patch" | "newFolder" }
  | { kind: "cycle"; mode: Mode }
  | { kind: "sqlFault"; fault: "drop" | "error" }
  | { kind: "interrupt"; mode: Mode; system: "store" | "sql"; after: number }
  | { kind: "restart" }
  // Not a NebimEdit: the feed property's oracle does not model a held VAT rate.
  | { kind: "unknownTax"; item: number }
  // An item's base price set to 0 (its price held), until a cost step or the end gives one back.
  | { kind: "costZero"; item: number }
  | { kind: "costUndo"; item: number }
  // Not a NebimEdit either: an item re-coded in Nebim (its rows under a new code that extends the old one).
  | { kind: "recode"; item: number; back: boolean }
  // A variant given the item's other colour (NebimWorld.recolor).
  | { kind: "recolor"; item: number; variant: number };

const ix = fc.nat(50);
const mode = fc.constantFrom<Mode>("incremental", "full");
const warehouse = fc.constantFrom<Warehouse>("W01", "W01", "MRK");
const spelling = fc.constantFrom<Spelling>("lower", "turkish", "both");
// Some with digits past the kuruş (decimal(19,4): a net price derived from a gross one), priced exactly.
const cost = fc.oneof(
  fc.integer({ min: 500, max: 300_000 }).map((k) => k / 100),
  fc.integer({ min: 50_000, max: 30_000_000 }).map((u) => u / 10_000),
);
type Weighted<T> = { arbitrary: fc.Arbitrary<T>; weight: number };
const once = <T>(arbitrary: fc.Arbitrary<T>): Weighted<T> => ({ arbitrary, weight: 1 });

type BarcodeOp = Extract<NebimEdit, { kind: "barcode" }>["op"];

/** A variant's barcodes changed by one of `ops` (convergence_barcodes.ts), drawn `weight` times as often. */
function barcodeEdits(ops: BarcodeOp[], weight: number): Weighted<NebimEdit> {
  const arbitrary = fc.record({
    kind: fc.constant("barcode" as const),
    item: ix,
    variant: ix,
    op: fc.constantFrom(...ops),
    pick: fc.nat(3),
  });
  return { arbitrary, weight };
}

/** Each Nebim edit and how often it is drawn, shared by both properties (the feed's also draws `internet`). */
export const nebimEdits = {
  cost: { arbitrary: fc.record({ kind: fc.constant("cost" as const), item: ix, cost }), weight: 2 },
  stock: {
    arbitrary: fc.record({
      kind: fc.constant("stock" as const),
      item: ix,
      variant: ix,
      qty: fc.integer({ min: -4, max: 9 }),
      warehouse,
    }),
    weight: 3,
  },
  oversell: once(fc.record({
    kind: fc.constant("oversell" as const),
    item: ix,
    variant: ix,
    by: fc.integer({ min: 1, max: 5 }),
  })),
  reserve: once(fc.record({
    kind: fc.constant("reserve" as const),
    item: ix,
    variant: ix,
    qty: fc.integer({ min: 1, max: 3 }),
    warehouse,
    stage: fc.constantFrom(...STAGES),
  })),
  release: once(fc.record({ kind: fc.constant("release" as const), pick: ix })),
  priceList: {
    arbitrary: fc.record({
      kind: fc.constant("priceList" as const),
      item: ix,
      variant: ix,
      level: fc.constantFrom("item" as const, "color" as const),
      price: cost,
      // Minutes from the SQL clock: in force already, or starting during the run (or after it).
      startMin: fc.integer({ min: -10, max: 30 }),
      vat: fc.boolean(),
    }),
    weight: 4,
  },
  name: once(fc.record({ kind: fc.constant("name" as const), item: ix, name: ix })),
  colorName: once(fc.record({ kind: fc.constant("colorName" as const), color: fc.nat(1), name: fc.nat(3) })),
  newItem: once(
    fc.record({ kind: fc.constant("newItem" as const), variants: fc.integer({ min: 1, max: 3 }), cost }),
  ),
  block: once(fc.record({
    kind: fc.constant("block" as const),
    item: ix,
    variant: ix,
    level: fc.constantFrom("item" as const, "variant" as const, "variant" as const),
  })),
  barcode: barcodeEdits(["replace", "add", "addFirst", "remove", "retype"], 3),
  internet: once(fc.record({
    kind: fc.constant("internet" as const),
    item: ix,
    variant: ix,
    level: fc.constantFrom("item" as const, "variant" as const),
  })),
  tax: once(fc.record({ kind: fc.constant("tax" as const), item: ix })),
  vatRate: once(fc.record({ kind: fc.constant("vatRate" as const) })),
  clock: {
    arbitrary: fc.record({ kind: fc.constant("clock" as const), ms: fc.integer({ min: 0, max: 600_000 }) }),
    weight: 2,
  },
  addVariant: once(fc.record({ kind: fc.constant("addVariant" as const), item: ix, pick: ix })),
  deleteVariant: once(fc.record({ kind: fc.constant("deleteVariant" as const), item: ix, variant: ix })),
  confirmList: once(fc.record({ kind: fc.constant("confirmList" as const), pick: ix })),
} satisfies Record<NebimEdit["kind"], Weighted<NebimEdit>>;

/**
 * The API property's barcode edits: also a variant given back a barcode it had (its old stock code comes back),
 * and one given another variant's (a duplicate, until an edit of either mends it).
 */
const apiBarcode = barcodeEdits(["replace", "add", "addFirst", "remove", "retype", "restore", "share"], 4);

const e = nebimEdits;
export const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("cycle" as const), mode }), weight: 6 },
  e.cost,
  e.stock,
  e.oversell,
  e.reserve,
  e.release,
  e.priceList,
  fc.record({
    kind: fc.constant("settings" as const),
    patch: settingsPatch,
    via: fc.constantFrom("patch" as const, "newFolder" as const),
  }),
  e.name,
  e.colorName,
  e.newItem,
  e.block,
  apiBarcode,
  e.tax,
  fc.record({ kind: fc.constant("unknownTax" as const), item: ix }),
  fc.record({ kind: fc.constant("costZero" as const), item: ix }),
  fc.record({ kind: fc.constant("costUndo" as const), item: ix }),
  fc.record({ kind: fc.constant("recode" as const), item: ix, back: fc.boolean() }),
  fc.record({ kind: fc.constant("recolor" as const), item: ix, variant: ix }),
  e.addVariant,
  e.deleteVariant,
  e.confirmList,
  e.vatRate,
  e.clock,
  {
    arbitrary: fc.record({
      kind: fc.constant("storeFault" as const),
      fault: fc.constantFrom("5xx" as const, "429" as const, "drop" as const, "error" as const),
      on: fc.constantFrom("/product/save", "/product/stockPrice", "/product/lists"),
      times: fc.integer({ min: 1, max: 5 }),
      carrying: fc.option(fc.record({ item: ix, variant: ix }), { nil: undefined }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("refuse" as const),
      item: ix,
      variant: ix,
      what: fc.constantFrom("code" as const, "barcode" as const),
    }),
    weight: 3,
  },
  fc.record({ kind: fc.constant("lift" as const) }),
  fc.record({
    kind: fc.constant("sqlFault" as const),
    fault: fc.constantFrom("drop" as const, "error" as const),
  }),
  fc.record({ kind: fc.constant("panelDelete" as const), product: ix }),
  fc.record({ kind: fc.constant("panelDeleteVariant" as const), product: ix, variant: ix }),
  fc.record({
    kind: fc.constant("panelEdit" as const),
    product: ix,
    variant: ix,
    what: fc.constantFrom("name" as const, "label" as const, "quantity" as const, "price" as const),
  }),
  fc.record({ kind: fc.constant("panelActive" as const), product: ix }),
  fc.record({ kind: fc.constant("panelRecase" as const), product: ix, how: spelling }),
  fc.record({ kind: fc.constant("panelCreate" as const), item: ix, how: spelling }),
  {
    arbitrary: fc.record({
      kind: fc.constant("interrupt" as const),
      mode,
      system: fc.constantFrom("store" as const, "sql" as const),
      after: fc.integer({ min: 1, max: 8 }),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant("restart" as const) }),
);
