/**
 * The convergence property's world (convergence_e2e_test.ts): the agent under test on its harness, the model of
 * what the test put in Nebim, and what the run did that the final comparison must allow for.
 * @module
 */

import { IntegrationError } from "../../errors.ts";
import { storeKey } from "../../sim/qukasoft/collation.ts";
import type { StoreState } from "../../sim/qukasoft/state.ts";
import type { StoreProduct } from "../../sim/qukasoft/types.ts";
import { mergePatch } from "../../settings/mod.ts";
import { type HarnessOptions, type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { patched, SettingsHistory } from "./convergence_settings.ts";
import type { Mode, Step } from "./convergence_steps.ts";
import { storeStep } from "./convergence_store_steps.ts";
import { NebimWorld } from "./convergence_nebim.ts";

export { PANEL_LABEL, PANEL_NAME } from "./convergence_nebim.ts";

type ChunkSizes = HarnessOptions["chunkSizes"];

/** Runs one sequence and checks the promises; the harnesses are closed whatever happens. */
export class World extends NebimWorld {
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
  /**
   * Stock codes (by storeKey) the merchant typed into the panel (panelCreate). One the agent never bound (Nebim
   * no longer had it by the next full cycle, a barcode replaced meanwhile) is the merchant's, left alone.
   */
  readonly typed = new Set<string>();
  /** A cycle failed or was stopped after sending a product/save: its creates may be in the store unrecorded. */
  lostAnswers = false;

  constructor(readonly h: SyncHarness) {
    super(h);
  }

  /**
   * `chunkSizes`: products per save and items per stockPrice request, so that a call goes in several;
   * `itemBatch`: items per batch, so that a cycle has several and their pushes overlap (sync/push_queue.ts).
   */
  static async start(
    settings: Record<string, unknown>,
    chunkSizes?: ChunkSizes,
    itemBatch?: number,
  ): Promise<World> {
    const w = new World(await syncHarness([], settings, { chunkSizes, itemBatch }));
    w.seed();
    w.noteHolders();
    return w;
  }

  get store(): StoreState {
    return this.h.sims.qukasoft.state;
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
    switch (s.kind) {
      case "cost":
      case "stock":
      case "oversell":
      case "reserve":
      case "release":
      case "priceList":
      case "name":
      case "colorName":
      case "newItem":
      case "tax":
      case "vatRate":
      case "clock":
      case "internet":
      case "addVariant":
      case "confirmList":
        this.edit(s);
        this.noteHolders();
        return;
      case "block":
      case "barcode":
        // A code's create whose answer was lost, then the code leaving Nebim; or a deleted row, which leaves
        // no trace an incremental cycle could see: only a full cycle repairs them (RELIABILITY.md, known limits).
        // So too a barcode another variant took: the cycle reading that item does not read the one on sale
        // under it, which keeps its stock until a cycle reads it (sync/duplicate_holders.ts).
        if (this.edit(s) || this.lostAnswers || (s.kind === "barcode" && s.op === "share")) {
          this.needsFull = true;
        }
        this.noteHolders();
        return;
      case "settings": {
        // Every key a patch here changes is under catalog or pricing: each runs a full cycle at once
        // (docs/settings.md: a re-price, or a full cycle for any other catalogue key).
        const changed = s.via === "patch" ? patched(this.h.settings, s.patch) : undefined;
        if (changed) {
          if (changed.length) this.fullOwed = true;
          return;
        }
        // Until PATCH /settings ships, and for a patch it refuses, the operator's way (docs/OPERATIONS.md): stop,
        // and start on a new data folder with the new settings. Its first cycle is a full one, which adopts the
        // store's products.
        const next = mergePatch(this.h.settings.current(), s.patch);
        await this.h.restart({ catalog: next.catalog, pricing: next.pricing });
        this.newFolder = this.fullOwed = true;
        return;
      }
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
      case "unknownTax":
        this.unknownTax(s.item);
        return;
      case "costZero":
        this.costZero(s.item);
        return;
      case "costUndo":
        this.costUndo(s.item);
        return;
      case "recolor":
        // As a re-code: the old key's rows are gone without a trace.
        if (this.recolor(s.item, s.variant)) this.needsFull = true;
        this.noteHolders();
        return;
      case "deleteVariant":
        // Deleted rows: only a full cycle finds the variant gone (RELIABILITY.md, known limits).
        if (this.edit(s)) this.needsFull = true;
        return;
      case "recode":
        // The old code's rows are gone without a trace an incremental cycle could see: only a full cycle
        // zeroes its codes (RELIABILITY.md, known limits).
        this.recode(s.item, s.back);
        this.needsFull = true;
        this.noteHolders();
        return;
      case "restart": {
        // A start with the first --config file: it replaces the ledger's settings while nothing is synced.
        const before = JSON.stringify(this.h.settings.current());
        await this.h.restart();
        if (JSON.stringify(this.h.settings.current()) !== before) this.fullOwed = true;
        return;
      }
      default: {
        // Every step is the world's to take: one left out here would pass every run doing nothing.
        const none: never = s;
        throw new Error(`no such step: ${JSON.stringify(none)}`);
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
