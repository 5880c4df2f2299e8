/**
 * The convergence property's world (convergence_e2e_test.ts): the agent under test on its harness, the model of
 * what the test put in Nebim, and what the run did that the final comparison must allow for.
 * @module
 */

import { IntegrationError } from "../../errors.ts";
import type { Row } from "../../sim/nebim/dataset.ts";
import { storeKey } from "../../sim/qukasoft/collation.ts";
import type { StoreState } from "../../sim/qukasoft/state.ts";
import type { StoreProduct } from "../../sim/qukasoft/types.ts";
import { mergePatch } from "../../settings/mod.ts";
import { addItem, addStock, commit, type ItemSpec, variantKey } from "../support/catalog.ts";
import { type HarnessOptions, type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { PRICE_GROUP, SettingsHistory } from "./convergence_settings.ts";
import type { Mode, Step } from "./convergence_steps.ts";
import { storeStep } from "./convergence_store_steps.ts";
import { Barcodes, barcodeStep, isVariant } from "./convergence_barcodes.ts";

type ChunkSizes = HarnessOptions["chunkSizes"];
const COLORS = ["BEY", "LAC"];
export const PANEL_NAME = "Panelde Verilen Ad";
const SIZES = ["S", "M", "L"];
const NAMES = ["Keten Gömlek", "İpek Şal", "Yün Kazak", "Deri Çanta", "Işıklı Ayna", "Kadife Ceket"];

/**
 * The variants of one item as the test put them in Nebim (barcodes change; the key does not): each with its
 * barcodes of the type read (DEF), at least one.
 */
interface ModelItem {
  code: string;
  variants: { color: string; size: string; barcodes: string[] }[];
}

/** Runs one sequence and checks the promises; the harnesses are closed whatever happens. */
export class World {
  readonly items: ModelItem[] = [];
  /**
   * `active` as the merchant last set it in the panel (products the agent created start passive), by storeKey
   * of the product code (the merchant may retype its spelling); undefined: either (deleted in the panel).
   */
  readonly active = new Map<string, boolean | undefined>();
  /**
   * Panel deletions per product code and per stock code: each allows that code one more creation. Keyed as the
   * store counts creations (storeKey: the store compares codes case-blind).
   */
  readonly deletions = { products: new Map<string, number>(), stockCodes: new Map<string, number>() };
  /**
   * Only a full reconciliation brings the store back (RELIABILITY.md, known limits): a stock code whose
   * create's answer was lost left Nebim before a cycle recorded it. Since the last full cycle that completed.
   */
  needsFull = false;
  /**
   * Nor what the merchant changed in the panel since then (the same known limits): the products and stock
   * codes (by storeKey) they touched, left out of the comparison after an incremental cycle.
   */
  readonly touched = { products: new Set<string>(), codes: new Set<string>() };
  /**
   * A settings change asked for a full cycle (priceRules' re-price, or the supervisor's fullNow for other
   * catalogue keys): the productSync actor runs one next, and owes it until one completes.
   */
  fullOwed = false;
  readonly history = new SettingsHistory();
  /** The agent moved to a new data folder: store codes its ledger never knew are left alone (sync/adopt.ts). */
  newFolder = false;
  /** Every name Nebim gave an item, as a product name under either grouping, and the merchant's. */
  readonly names = new Set([PANEL_NAME]);
  /** Price-list starts, ms on the SQL clock. */
  readonly listStarts: number[] = [];
  /** A cycle failed or was stopped after sending a product/save: its creates may be in the store unrecorded. */
  lostAnswers = false;
  /** The barcodes the test gives: a run's own, new ones sorting first or last. */
  readonly barcodes = new Barcodes();
  #lists = 0;
  /** The list in force since January: a line per item, so every item has a price under either source. */
  #baseList = "";

  constructor(readonly h: SyncHarness) {}

  /**
   * `chunkSizes`: products per save and items per stockPrice request, so that a call goes in several;
   * `itemBatch`: items per batch, so that a cycle has several and their pushes overlap (sync/push_queue.ts).
   */
  static async start(
    settings: Record<string, unknown>,
    chunkSizes?: ChunkSizes,
    itemBatch?: number,
  ): Promise<World> {
    const specs: ItemSpec[] = [];
    const h = await syncHarness([], settings, { chunkSizes, itemBatch });
    const w = new World(h);
    w.#baseList = w.#listHeader("2026-01-01", "00:00:00", false);
    for (let i = 0; i < 7; i++) specs.push(w.#newItem(2 + (i % 3), 40 + 173 * i, NAMES[i % NAMES.length]!));
    for (const spec of specs) w.#add(spec);
    return w;
  }

  /** An item into Nebim, with its line in the base price list (its cost plus a third, VAT included). */
  #add(spec: ItemSpec): void {
    addItem(this.h.data, spec);
    this.#listLine(this.#baseList, { ItemCode: spec.code }, Math.round((spec.cost ?? 1) * 133) / 100);
    this.#named(spec.name!);
  }

  #named(name: string): void {
    for (const suffix of ["", " Beyaz", " Lacivert"]) this.names.add(name + suffix);
  }

  #listHeader(validDate: string, validTime: string, taxIncluded: boolean): string {
    const id = `00000000-0000-0000-0001-${String(++this.#lists).padStart(12, "0")}`;
    this.h.data.insert("trPriceListHeader", {
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
    this.h.data.insert("trPriceListLine", {
      PriceListLineID: `00000000-0000-0000-0002-${String(++this.#lists).padStart(12, "0")}`,
      PriceListHeaderID: header,
      ItemTypeCode: 1,
      ...codes,
      Price: price,
    });
  }

  get store(): StoreState {
    return this.h.sims.qukasoft.state;
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

  product(i: number): StoreProduct | undefined {
    const codes = [...this.store.products.keys()].sort();
    return codes.length ? this.store.products.get(codes[i % codes.length]!) : undefined;
  }

  touch(p: StoreProduct): void {
    this.touched.products.add(storeKey(p.productCode));
    for (const v of p.variants) this.touched.codes.add(storeKey(v.stockCode));
  }

  /** The store rules refusing writes now ("refuse" steps): each lifts one. */
  readonly refusals: (() => void)[] = [];

  liftRefusals(): void {
    for (const lift of this.refusals.splice(0)) lift();
  }

  async run(s: Step): Promise<void> {
    const { data } = this.h;
    const sameItem = (code: string) => (r: Row) => r.ItemCode === code;
    switch (s.kind) {
      case "cost":
        data.update("prItemBasePrice", sameItem(this.items[s.item % this.items.length]!.code), {
          Price: s.cost,
        });
        return;
      case "stock":
        addStock(data, this.variant(s.item, s.variant).key, s.qty, s.warehouse);
        return;
      case "reserve":
        commit(data, this.variant(s.item, s.variant).key, "Reserve", s.qty, { warehouse: s.warehouse });
        return;
      case "priceList": {
        const { item, variant } = this.variant(s.item, s.variant);
        const start = this.h.clock.now().getTime() + s.startMin * 60_000;
        this.listStarts.push(start);
        const [date, time] = new Date(start).toISOString().slice(0, 19).split("T") as [string, string];
        const codes: Record<string, string> = { ItemCode: item.code };
        if (s.level === "color") codes.ColorCode = variant.color;
        this.#listLine(this.#listHeader(date, time, s.vat), codes, s.price);
        return;
      }
      case "settings": {
        if (s.via === "patch") {
          // Every key a patch here changes is under catalog or pricing: each runs a full cycle at once
          // (docs/settings.md: a re-price, or a full cycle for any other catalogue key).
          if (this.h.settings.update(s.patch).changed.length) this.fullOwed = true;
          return;
        }
        // Until PATCH /settings ships, the operator's way (docs/OPERATIONS.md): stop, and start on a new data
        // folder with the new settings. Its first cycle is a full one, which adopts the store's products.
        const next = mergePatch(this.h.settings.current(), s.patch);
        await this.h.restart({ catalog: next.catalog, pricing: next.pricing });
        this.newFolder = this.fullOwed = true;
        return;
      }
      case "name": {
        const name = `${NAMES[s.name % NAMES.length]} ${s.name}`;
        this.#named(name);
        data.update("cdItemDesc", sameItem(this.items[s.item % this.items.length]!.code), {
          ItemDescription: name,
        });
        return;
      }
      case "newItem":
        this.#add(this.#newItem(s.variants, s.cost, `Yeni Ürün ${this.items.length}`));
        return;
      case "block": {
        if (this.lostAnswers) this.needsFull = true;
        const { key } = this.variant(s.item, s.variant);
        const row = data.rows("prItemVariant").find((r) => isVariant(r, key))!;
        data.update("prItemVariant", (r) => isVariant(r, key), { IsBlocked: !row.IsBlocked });
        return;
      }
      case "barcode":
        return barcodeStep(this, s);
      case "tax": {
        const code = this.items[s.item % this.items.length]!.code;
        const row = data.rows("cdItem").find(sameItem(code))!;
        data.update("cdItem", sameItem(code), { ItemTaxGrCode: row.ItemTaxGrCode === "%10" ? "%20" : "%10" });
        return;
      }
      case "vatRate": {
        const row = data.rows("cdVat").find((r) => r.VatCode === "%20")!;
        data.update("cdVat", (r) => r.VatCode === "%20", { VatRate: row.VatRate === 20 ? 18 : 20 });
        return;
      }
      case "clock":
        this.h.clock.advance(s.ms);
        return;
      case "cycle":
        return await this.cycle(s.mode);
      case "storeFault":
      case "refuse":
      case "lift":
      case "panelDelete":
      case "panelDeleteVariant":
      case "panelEdit":
      case "panelActive":
      case "panelRecase":
      case "panelCreate":
        return storeStep(this, s);
      case "sqlFault":
        this.h.sims.sqlFaults.once(s.fault);
        return;
      case "interrupt":
        return await this.cycle(s.mode, { system: s.system, after: s.after });
      case "restart": {
        // A start with the first --config file: it replaces the ledger's settings while nothing is synced.
        const before = JSON.stringify(this.h.settings.current());
        await this.h.restart();
        if (JSON.stringify(this.h.settings.current()) !== before) this.fullOwed = true;
        return;
      }
    }
  }

  /**
   * One cycle with the faults queued for it; `stop` stops the agent when the simulator of `system` logs its
   * `after`-th request (the store has then applied it and not answered yet). A cycle may fail only because
   * of an injected fault or the stop. Leftover faults are cleared: they were meant for this cycle.
   */
  async cycle(asked: Mode, stop?: { system: "store" | "sql"; after: number }): Promise<void> {
    const mode = this.fullOwed ? "full" : asked;
    this.history.cycle(this.h.settings.current());
    const { qukasoft, sqlLog, sqlFaults } = this.h.sims;
    const logs = [qukasoft.log, sqlLog];
    const faultsBefore = logs.map((l) => l.entries().filter((e) => e.fault).length);
    const saves = qukasoft.log.entries("/product/save").length;
    const stopping = new AbortController();
    const watched = stop && (stop.system === "store" ? qukasoft.log : sqlLog);
    let seen = 0;
    if (watched && stop) {
      watched.onRequest = () => {
        if (++seen === stop.after) stopping.abort(new Error("the agent was stopped"));
      };
    }
    try {
      await this.h.sync(mode, false, stopping.signal);
      this.lostAnswers = false;
      if (mode === "full") {
        this.needsFull = this.fullOwed = false;
        this.touched.products.clear();
        this.touched.codes.clear();
      }
    } catch (e) {
      if (qukasoft.log.entries("/product/save").length > saves) this.lostAnswers = true;
      const faulted = logs.some((l, i) => l.entries().filter((x) => x.fault).length > faultsBefore[i]!);
      if (!stopping.signal.aborted && !(faulted && e instanceof IntegrationError)) throw e;
    } finally {
      // A refused write is sent again only when its row changes in Nebim or by a full cycle (RELIABILITY.md).
      if (this.refusals.length) this.needsFull = true;
      if (watched) watched.onRequest = undefined;
      qukasoft.faults.clear();
      sqlFaults.clear();
    }
  }
}
