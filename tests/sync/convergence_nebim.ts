/**
 * The Nebim side of the convergence properties (tests/sync/convergence_e2e_test.ts for the API sync,
 * tests/agent/feed_convergence_e2e_test.ts for the XML feed): the catalogue a run starts with, the model of
 * what the test put in Nebim, and the edits the runs draw (convergence_steps.ts).
 * @module
 */

import type { NebimDataSet, Row } from "../../sim/nebim/dataset.ts";
import {
  addItem,
  addStock,
  addVariant,
  commit,
  type ItemSpec,
  type ManualClock,
  recodeItem,
  recolorVariant,
  variantKey,
} from "../support/catalog.ts";
import { PRICE_GROUP } from "./convergence_settings.ts";
import { type NebimEdit, STAGES } from "./convergence_steps.ts";
import { Barcodes, barcodeStep, isVariant } from "./convergence_barcodes.ts";
import { storeKey } from "../../sim/qukasoft/collation.ts";

const COLORS = ["BEY", "LAC"];
/** A tax group Nebim has no rate for (convergence_steps.ts "unknownTax"). */
const UNKNOWN_TAX = "%99";
export const PANEL_NAME = "Panelde Verilen Ad";
/** A colour label the merchant types in the panel. */
export const PANEL_LABEL = "Panelde Renk";
const SIZES = ["S", "M", "L"];
const NAMES = ["Keten Gömlek", "İpek Şal", "Yün Kazak", "Deri Çanta", "Işıklı Ayna", "Kadife Ceket"];
/** Each colour's description to start with (tests/support/catalog.ts baseDataSet), and the base of those it gets. */
const COLOR_NAMES: Record<string, string> = { BEY: "Beyaz", LAC: "Lacivert" };

/**
 * The variants of one item as the test put them in Nebim (barcodes change; the key does not): each with its
 * barcodes of the type read (DEF), at least one.
 */
export interface ModelItem {
  code: string;
  /** `past`: the barcodes of the type read it had and lost (replaced, deleted, re-typed), for `restore`. */
  variants: { color: string; size: string; barcodes: string[]; past?: string[] }[];
}

/** Nebim as a run edits it: seven items to start with, and every edit a step draws. */
export class NebimWorld {
  readonly items: ModelItem[] = [];
  /** Every name Nebim gave an item, as a product name under either grouping, and the merchant's. */
  readonly names = new Set([PANEL_NAME]);
  /** Every description Nebim gave a colour (a variant's label in the store), and the merchant's. */
  readonly labels = new Set([PANEL_LABEL, ...Object.values(COLOR_NAMES)]);
  readonly #itemNames = new Set<string>();
  /** Price-list starts, ms on the SQL clock. */
  readonly listStarts: number[] = [];
  /** The barcodes the test gives: a run's own, new ones sorting first or last. */
  readonly barcodes = new Barcodes();
  /** Each barcode (by storeKey) with every variant (item, colour, size) it has been on: see {@link noteHolders}. */
  readonly holders = new Map<string, Set<string>>();
  #lists = 0;
  /** The headers of the lists the run's steps made, for `confirmList`. */
  readonly #runLists: string[] = [];
  /** The list in force since January: a line per item, so every item has a price under either source. */
  #baseList = "";

  constructor(readonly nebim: { data: NebimDataSet; clock: ManualClock }) {}

  /** The catalogue every run starts with. */
  protected seed(): void {
    this.#baseList = this.#listHeader("2026-01-01", "00:00:00", false);
    const specs: ItemSpec[] = [];
    for (let i = 0; i < 7; i++) {
      specs.push(this.#newItem(2 + (i % 3), 40 + 173 * i, NAMES[i % NAMES.length]!));
    }
    for (const spec of specs) this.#add(spec);
    // Made an hour before the agent's first cycle, as a catalogue is: no window re-reads it for its own stamps,
    // so a change a window misses shows as one.
    this.nebim.clock.advance(3_600_000);
  }

  /**
   * Records which variant holds each barcode now (call after every edit): a barcode seen on two variants may
   * be a stock code Nebim moved from one to the other (taken by one, then replaced on the first).
   */
  noteHolders(): void {
    for (const item of this.items) {
      for (const v of item.variants) {
        for (const b of v.barcodes) {
          const key = storeKey(b);
          const held = this.holders.get(key) ?? this.holders.set(key, new Set()).get(key)!;
          held.add(`${item.code}/${v.color}/${v.size}`);
        }
      }
    }
  }

  /** An item into Nebim, with its line in the base price list (its cost plus a third, VAT included). */
  #add(spec: ItemSpec): void {
    addItem(this.nebim.data, spec);
    this.#listLine(this.#baseList, { ItemCode: spec.code }, Math.round((spec.cost ?? 1) * 133) / 100);
    this.#named(spec.name!);
  }

  #named(name: string): void {
    this.#itemNames.add(name);
    this.names.add(name);
    for (const label of this.labels) this.names.add(`${name} ${label}`);
  }

  /** A colour's new description: every item's name with it is a product name too (by item and colour). */
  #colorNamed(label: string): void {
    this.labels.add(label);
    for (const name of this.#itemNames) this.names.add(`${name} ${label}`);
  }

  #listHeader(validDate: string, validTime: string, taxIncluded: boolean): string {
    const id = `00000000-0000-0000-0001-${String(++this.#lists).padStart(12, "0")}`;
    this.nebim.data.insert("trPriceListHeader", {
      PriceListHeaderID: id,
      PriceListNumber: `PL-${this.#lists}`,
      PriceListDate: validDate,
      PriceGroupCode: PRICE_GROUP,
      ValidDate: validDate,
      ValidTime: validTime,
      IsTaxIncluded: taxIncluded,
    });
    return id;
  }

  #listLine(header: string, codes: Record<string, string>, price: number): void {
    this.nebim.data.insert("trPriceListLine", {
      PriceListLineID: `00000000-0000-0000-0002-${String(++this.#lists).padStart(12, "0")}`,
      PriceListHeaderID: header,
      ItemTypeCode: 1,
      ...codes,
      Price: price,
    });
  }

  #newItem(variants: number, cost: number, name: string): ItemSpec {
    const code = `URN-${String(this.items.length).padStart(3, "0")}`;
    const item: ModelItem = { code, variants: [] };
    for (let v = 0; v < variants; v++) {
      item.variants.push({ color: COLORS[v % 2]!, size: SIZES[v % 3]!, barcodes: [this.barcodes.next()] });
    }
    this.items.push(item);
    return {
      code,
      name,
      tax: this.items.length % 2 ? "%20" : "%10",
      cost,
      variants: item.variants.map((v, i) => ({
        color: v.color,
        size: v.size,
        barcode: v.barcodes[0]!,
        stock: 1 + ((i + variants) % 4),
      })),
    };
  }

  variant(i: number, v: number) {
    const item = this.items[i % this.items.length]!;
    const variant = item.variants[v % item.variants.length]!;
    return { item, variant, key: variantKey(item.code, variant) };
  }

  /** One edit of Nebim; true when it deleted a row (which no incremental cycle sees: RELIABILITY.md). */
  edit(s: NebimEdit): boolean {
    const { data, clock } = this.nebim;
    const sameItem = (code: string) => (r: Row) => r.ItemCode === code;
    switch (s.kind) {
      case "cost": {
        const code = this.items[s.item % this.items.length]!.code;
        // The cost before a slip to 0 (costZero) is the one an undo gives back: Nebim's fix does not undo it.
        const was = this.#cost(code);
        this.#zeroed.delete(code);
        if (was !== undefined) (this.#costs.get(code) ?? this.#costs.set(code, []).get(code)!).push(was);
        data.update("prItemBasePrice", sameItem(code), { Price: s.cost });
        return false;
      }
      case "stock":
        addStock(data, this.variant(s.item, s.variant).key, s.qty, s.warehouse);
        return false;
      case "oversell": {
        // Out of W01, one to five more than the variant has in each warehouse: negative whichever are counted.
        const { key } = this.variant(s.item, s.variant);
        const has = (w: string) =>
          data.rows("trStock").filter((r) => isVariant(r, key) && r.WarehouseCode === w)
            .reduce((n, r) => n + Number(r.In_Qty1) - Number(r.Out_Qty1), 0);
        addStock(data, key, -(Math.max(has("W01"), 0) + Math.max(has("MRK"), 0) + s.by), "W01");
        return false;
      }
      case "reserve":
        commit(data, this.variant(s.item, s.variant).key, s.stage, s.qty, { warehouse: s.warehouse });
        return false;
      case "release": {
        // An order line cancelled: its stage's open row goes, and the line says so (CancelQty1), which stamps
        // it (a release that leaves the order line as it was is a known limit: RELIABILITY.md).
        const open = STAGES.flatMap((stage) => data.rows(`st${stage}`).map((r) => ({ stage, r })));
        if (!open.length) return false;
        const { stage, r } = open[s.pick % open.length]!;
        const line = (x: Row) => x.OrderLineID === r.OrderLineID;
        data.delete(`st${stage}`, line);
        data.update("trOrderLine", line, { CancelQty1: data.rows("trOrderLine").find(line)!.Qty1 });
        return false;
      }
      case "priceList": {
        const { item, variant } = this.variant(s.item, s.variant);
        const start = clock.now().getTime() + s.startMin * 60_000;
        this.listStarts.push(start);
        const [date, time] = new Date(start).toISOString().slice(0, 19).split("T") as [string, string];
        const codes: Record<string, string> = { ItemCode: item.code };
        if (s.level === "color") codes.ColorCode = variant.color;
        const header = this.#listHeader(date, time, s.vat);
        this.#runLists.push(header);
        this.#listLine(header, codes, s.price);
        return false;
      }
      case "name": {
        const name = `${NAMES[s.name % NAMES.length]} ${s.name}`;
        this.#named(name);
        data.update("cdItemDesc", sameItem(this.items[s.item % this.items.length]!.code), {
          ItemDescription: name,
        });
        return false;
      }
      case "colorName": {
        const color = COLORS[s.color % COLORS.length]!;
        // Now and then back to the first description.
        const label = s.name === 0 ? COLOR_NAMES[color]! : `${COLOR_NAMES[color]} ${s.name}`;
        this.#colorNamed(label);
        data.update("cdColorDesc", (r) => r.ColorCode === color, { ColorDescription: label });
        return false;
      }
      case "newItem":
        this.#add(this.#newItem(s.variants, s.cost, `Yeni Ürün ${this.items.length}`));
        return false;
      case "block": {
        // Blocked, the item (cdItem) or one variant.
        const { item, key } = this.variant(s.item, s.variant);
        return s.level === "item"
          ? this.#toggle("cdItem", { ItemCode: item.code }, "IsBlocked")
          : this.#toggle("prItemVariant", key, "IsBlocked");
      }
      case "internet": {
        // Off the internet, the item or one variant (UseInternet: the flag an operator unticks).
        const { item, key } = this.variant(s.item, s.variant);
        return this.#toggle(
          s.level === "item" ? "cdItem" : "prItemVariant",
          s.level === "item" ? { ItemCode: item.code } : key,
          "UseInternet",
        );
      }
      case "barcode":
        return barcodeStep(this, s);
      case "tax": {
        const code = this.items[s.item % this.items.length]!.code;
        const row = data.rows("cdItem").find(sameItem(code))!;
        data.update("cdItem", sameItem(code), { ItemTaxGrCode: row.ItemTaxGrCode === "%10" ? "%20" : "%10" });
        return false;
      }
      case "vatRate": {
        const row = data.rows("cdVat").find((r) => r.VatCode === "%20")!;
        data.update("cdVat", (r) => r.VatCode === "%20", { VatRate: row.VatRate === 20 ? 18 : 20 });
        return false;
      }
      case "clock":
        clock.advance(s.ms);
        return false;
      case "addVariant":
        this.addVariant(s.item, s.pick);
        return false;
      case "deleteVariant":
        return this.deleteVariant(s.item, s.variant);
      case "confirmList":
        this.confirmList(s.pick);
        return false;
    }
  }

  /** An item's tax group set to one Nebim has no VAT rate for (a typo): its new products are held. */
  unknownTax(item: number): void {
    const code = this.items[item % this.items.length]!.code;
    this.nebim.data.update("cdItem", (r) => r.ItemCode === code, { ItemTaxGrCode: UNKNOWN_TAX });
  }

  /** Base prices set to 0 (costZero), by item code: the cost each had, which fixCosts gives back. */
  readonly #zeroed = new Map<string, Row[string]>();
  /** The costs each item had before its cost steps, by item code, for costUndo. */
  readonly #costs = new Map<string, Row[string][]>();

  #cost(code: string): Row[string] | undefined {
    return this.#zeroed.get(code) ??
      this.nebim.data.rows("prItemBasePrice").find((r) => r.ItemCode === code && r.BasePriceCode === 1)
        ?.Price;
  }

  /** An item's base price set to 0 (a slip): its price is held, its stock still flows. */
  costZero(item: number): void {
    const code = this.items[item % this.items.length]!.code;
    const same = (r: Row) => r.ItemCode === code && r.BasePriceCode === 1;
    const price = this.nebim.data.rows("prItemBasePrice").find(same)?.Price;
    if (price === undefined || price === 0) return;
    this.#zeroed.set(code, price);
    this.nebim.data.update("prItemBasePrice", same, { Price: 0 });
  }

  /** An item's last cost change undone in Nebim: the cost it had before (a price the ledger may still hold). */
  costUndo(item: number): void {
    const code = this.items[item % this.items.length]!.code;
    const before = this.#costs.get(code)?.pop();
    if (before === undefined) return;
    this.#zeroed.delete(code);
    this.nebim.data.update("prItemBasePrice", (r) => r.ItemCode === code && r.BasePriceCode === 1, {
      Price: before,
    });
  }

  /**
   * A variant given the item's other colour (BEY ↔ LAC), when the item has no variant in that colour and size
   * (Nebim's variant key is unique): its code changes under a template, its barcodes go with it, and under
   * grouping by item and colour it belongs to the other colour's product. False when there was none to move.
   */
  recolor(item: number, variant: number): boolean {
    const { item: model, variant: v } = this.variant(item, variant);
    const to = v.color === COLORS[0] ? COLORS[1]! : COLORS[0]!;
    if (model.variants.some((o) => o.color === to && o.size === v.size)) return false;
    recolorVariant(this.nebim.data, model.code, { size: v.size, from: v.color, to });
    v.color = to;
    return true;
  }

  #recodes = 0;

  /**
   * An item re-coded (Nebim's code change: every row of the item under a new code, their dates kept). The new
   * code extends the old one ("URN-003" → "URN-003-A"), as merchants often re-code, which the old item's
   * product code then looks like under grouping by item and colour. Its barcodes go with it: under the barcode
   * form each is a stock code the store keeps in the old product (sync/plan.ts). `back`: to the code it had
   * before, when it had one (its old codes come back, bound and vanished).
   */
  recode(item: number, back = false): { from: string; to: string } {
    const model = this.items[item % this.items.length]!;
    const from = model.code;
    const to = back && /-[A-Z]$/.test(from)
      ? from.slice(0, -2)
      : `${from}-${String.fromCharCode(65 + (this.#recodes++ % 26))}`;
    recodeItem(this.nebim.data, from, to);
    model.code = to;
    for (const m of [this.#zeroed, this.#costs] as Map<string, unknown>[]) {
      if (m.has(from)) m.set(to, m.get(from)).delete(from);
    }
    return { from, to };
  }

  /**
   * A new variant of an item, in a colour and size it has none in (Nebim's variant key is unique), with a
   * barcode and stock: under grouping by item, a new variant of a product the store has. Under the template
   * form its stock code may be one a deleted variant had (deleteVariant), bound and vanished.
   */
  addVariant(item: number, pick: number): void {
    const model = this.items[item % this.items.length]!;
    const free = COLORS.flatMap((color) => SIZES.map((size) => ({ color, size })))
      .filter((c) => !model.variants.some((v) => v.color === c.color && v.size === c.size));
    if (!free.length) return;
    const { color, size } = free[pick % free.length]!;
    const barcode = this.barcodes.next();
    addVariant(this.nebim.data, model.code, { color, size, barcode, stock: 1 + (pick % 4) });
    model.variants.push({ color, size, barcodes: [barcode] });
  }

  /**
   * A variant deleted from Nebim, as one made by mistake is: its variant row, barcodes and stock rows (Nebim
   * refuses it once the variant is on an order: then nothing happens). An item keeps one variant. True when
   * rows were deleted, which no incremental cycle sees.
   */
  deleteVariant(item: number, variant: number): boolean {
    const { item: model, variant: v, key } = this.variant(item, variant);
    const { data } = this.nebim;
    const mine = (r: Row) => isVariant(r, key);
    if (model.variants.length < 2 || data.rows("trOrderLine").some(mine)) return false;
    for (const table of ["prItemVariant", "prItemBarcode", "trStock"]) data.delete(table, mine);
    model.variants.splice(model.variants.indexOf(v), 1);
    return true;
  }

  /**
   * One of the run's price lists confirmed, or its confirmation taken back (IsConfirmed; the header's
   * LastUpdatedDate stamped): only a confirmed list's lines price an item.
   */
  confirmList(pick: number): void {
    if (!this.#runLists.length) return;
    const id = this.#runLists[pick % this.#runLists.length]!;
    const same = (r: Row) => r.PriceListHeaderID === id;
    const row = this.nebim.data.rows("trPriceListHeader").find(same)!;
    this.nebim.data.update("trPriceListHeader", same, { IsConfirmed: !row.IsConfirmed });
  }

  /** Nebim fixed: each base price set to 0 has its cost back, the one it had (the price the ledger may hold). */
  fixCosts(): void {
    for (const [code, price] of this.#zeroed) {
      const same = (r: Row) => r.ItemCode === code && r.BasePriceCode === 1 && r.Price === 0;
      this.nebim.data.update("prItemBasePrice", same, { Price: price });
    }
    this.#zeroed.clear();
  }

  /**
   * Nebim fixed: each item of the unknown group moved back to a known one (`item`), or the group given its
   * rate (`group`: the tax group mapping changes, not the items).
   */
  fixTax(how: "item" | "group"): void {
    const { data } = this.nebim;
    const unknown = (r: Row) => r.ItemTaxGrCode === UNKNOWN_TAX;
    if (!data.rows("cdItem").some(unknown)) return;
    if (how === "item") {
      data.update("cdItem", unknown, { ItemTaxGrCode: "%10" });
      return;
    }
    data.insert("cdItemTaxGr", { ItemTaxGrCode: UNKNOWN_TAX });
    data.insert("prItemTaxGrAtt", {
      ItemTaxGrCode: UNKNOWN_TAX,
      CountryCode: "TR",
      ProcessCode: "R",
      SellVatCode: "%20",
    });
  }

  #toggle(table: string, key: Record<string, unknown>, flag: string): false {
    const row = this.nebim.data.rows(table).find((r) => isVariant(r, key))!;
    this.nebim.data.update(table, (r) => isVariant(r, key), { [flag]: !row[flag] });
    return false;
  }
}
