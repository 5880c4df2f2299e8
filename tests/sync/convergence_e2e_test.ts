/**
 * Model-based convergence, end to end (real mssql reader → TDS simulator, real Qukasoft client → Qukasoft
 * simulator, real ledger): fast-check draws a sequence of Nebim edits, cycles, store and SQL faults, work in
 * the store's panel and interruptions (a cycle stopped midway, the agent restarted). Once the faults stop:
 *
 * 1. the next incremental cycle (and the full one the productSync actor runs after it when the store answered
 *    "not found") leaves the store as a clean start would make it, unless since the last full cycle the
 *    merchant changed the store in the panel, or a code created by a cycle whose answer was lost left Nebim
 *    before a cycle recorded it (only a full reconciliation repairs those: RELIABILITY.md, known limits);
 * 2. one full and one incremental cycle leave it so in every case;
 * 3. no product code or stock code was created twice (a product the merchant deleted is created again, once:
 *    RELIABILITY.md, known limits), `active` is the merchant's, and a dry-run full cycle plans nothing.
 *
 * "As a clean start would make it" is the oracle: a second agent, on an empty ledger, syncs the same final
 * Nebim data into an empty store with one full cycle. The stores must be equal but for store ids, `active`,
 * and stock codes Nebim no longer sells, which stay in the first store at stock 0 (DESIGN §3: never deleted).
 * Names take part: the agent runs with updateNames on (Ürün Adlarını Güncelle).
 *
 * A fixed seed and 15 runs keep it to a few seconds; a soak run sets CONVERGENCE_SEED and CONVERGENCE_RUNS.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { IntegrationError } from "../../errors.ts";
import type { Row } from "../../sim/nebim/dataset.ts";
import type { StoreState } from "../../sim/qukasoft/state.ts";
import type { StoreProduct } from "../../sim/qukasoft/types.ts";
import { addItem, addStock, commit, type ItemSpec, variantKey } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

/** Names follow Nebim (so they are compared); margins differ per channel and by cost range. */
const SETTINGS = {
  pricing: {
    updateNames: true,
    site: { percent: 25, amount: 0 },
    marketplace: { percent: 40, amount: 5 },
    special: [{ from: 0, to: 100, percent: 60, amount: 5 }],
  },
};

const COLORS = ["BEY", "LAC"];
const SIZES = ["S", "M", "L"];
const NAMES = ["Keten Gömlek", "İpek Şal", "Yün Kazak", "Deri Çanta", "Işıklı Ayna", "Kadife Ceket"];

type Mode = "incremental" | "full";
type Step =
  | { kind: "cost"; item: number; cost: number }
  | { kind: "stock"; item: number; variant: number; qty: number }
  | { kind: "reserve"; item: number; variant: number; qty: number }
  | { kind: "name"; item: number; name: number }
  | { kind: "newItem"; variants: number; cost: number }
  | { kind: "block"; item: number; variant: number }
  | { kind: "barcode"; item: number; variant: number }
  | { kind: "tax"; item: number }
  | { kind: "vatRate" }
  | { kind: "clock"; ms: number }
  | { kind: "cycle"; mode: Mode }
  | { kind: "storeFault"; fault: "5xx" | "429" | "drop" | "error"; on: string; times: number }
  | { kind: "sqlFault"; fault: "drop" | "error" }
  | { kind: "panelDelete"; product: number }
  | { kind: "panelDeleteVariant"; product: number; variant: number }
  | { kind: "panelEdit"; product: number; variant: number; what: "name" | "quantity" | "price" }
  | { kind: "panelActive"; product: number }
  | { kind: "interrupt"; mode: Mode; system: "store" | "sql"; after: number }
  | { kind: "restart" };

const ix = fc.nat(50);
const mode = fc.constantFrom<Mode>("incremental", "full");
const cost = fc.integer({ min: 500, max: 300_000 }).map((k) => k / 100);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("cycle" as const), mode }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("cost" as const), item: ix, cost }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant("stock" as const),
      item: ix,
      variant: ix,
      qty: fc.integer({ min: -4, max: 9 }),
    }),
    weight: 3,
  },
  fc.record({
    kind: fc.constant("reserve" as const),
    item: ix,
    variant: ix,
    qty: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant("name" as const), item: ix, name: ix }),
  fc.record({ kind: fc.constant("newItem" as const), variants: fc.integer({ min: 1, max: 3 }), cost }),
  fc.record({ kind: fc.constant("block" as const), item: ix, variant: ix }),
  fc.record({ kind: fc.constant("barcode" as const), item: ix, variant: ix }),
  fc.record({ kind: fc.constant("tax" as const), item: ix }),
  fc.record({ kind: fc.constant("vatRate" as const) }),
  {
    arbitrary: fc.record({ kind: fc.constant("clock" as const), ms: fc.integer({ min: 0, max: 600_000 }) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("storeFault" as const),
      fault: fc.constantFrom("5xx" as const, "429" as const, "drop" as const, "error" as const),
      on: fc.constantFrom("/product/save", "/product/stockPrice", "/product/lists"),
      times: fc.integer({ min: 1, max: 5 }),
    }),
    weight: 3,
  },
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
    what: fc.constantFrom("name" as const, "quantity" as const, "price" as const),
  }),
  fc.record({ kind: fc.constant("panelActive" as const), product: ix }),
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

/** The variants of one item as the test put them in Nebim (barcodes change; the key does not). */
interface ModelItem {
  code: string;
  variants: { color: string; size: string; barcode: string }[];
}

/** Runs one sequence and checks the promises; the harnesses are closed whatever happens. */
class World {
  readonly items: ModelItem[] = [];
  /** `active` as the merchant last set it in the panel (products the agent created start passive). */
  readonly active = new Map<string, boolean>();
  /** Panel deletions per product code and per stock code: each allows that code one more creation. */
  readonly deletions = { products: new Map<string, number>(), stockCodes: new Map<string, number>() };
  /**
   * Only a full reconciliation brings the store back (RELIABILITY.md, known limits): the merchant changed it
   * in the panel, or a stock code whose create's answer was lost left Nebim before a cycle recorded it. Since
   * the last full cycle that completed.
   */
  needsFull = false;
  /** A cycle failed or was stopped after sending a product/save: its creates may be in the store unrecorded. */
  #lostAnswers = false;
  #barcodes = 0;

  constructor(readonly h: SyncHarness) {}

  static async start(): Promise<World> {
    const specs: ItemSpec[] = [];
    const h = await syncHarness([], SETTINGS);
    const w = new World(h);
    for (let i = 0; i < 7; i++) specs.push(w.#newItem(2 + (i % 3), 40 + 173 * i, NAMES[i % NAMES.length]!));
    for (const spec of specs) addItem(h.data, spec);
    return w;
  }

  get store(): StoreState {
    return this.h.sims.qukasoft.state;
  }

  #newItem(variants: number, cost: number, name: string): ItemSpec {
    const code = `URN-${String(this.items.length).padStart(3, "0")}`;
    const item: ModelItem = { code, variants: [] };
    for (let v = 0; v < variants; v++) {
      item.variants.push({ color: COLORS[v % 2]!, size: SIZES[v % 3]!, barcode: this.#barcode() });
    }
    this.items.push(item);
    return {
      code,
      name,
      tax: this.items.length % 2 ? "%20" : "%10",
      cost,
      variants: item.variants.map((v, i) => ({ ...v, stock: 1 + ((i + variants) % 4) })),
    };
  }

  #barcode(): string {
    return `869${String(++this.#barcodes).padStart(10, "0")}`;
  }

  #variant(i: number, v: number) {
    const item = this.items[i % this.items.length]!;
    const variant = item.variants[v % item.variants.length]!;
    return { item, variant, key: variantKey(item.code, variant) };
  }

  #product(i: number): StoreProduct | undefined {
    const codes = [...this.store.products.keys()].sort();
    return codes.length ? this.store.products.get(codes[i % codes.length]!) : undefined;
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
        addStock(data, this.#variant(s.item, s.variant).key, s.qty);
        return;
      case "reserve":
        commit(data, this.#variant(s.item, s.variant).key, "Reserve", s.qty);
        return;
      case "name":
        data.update("cdItemDesc", sameItem(this.items[s.item % this.items.length]!.code), {
          ItemDescription: `${NAMES[s.name % NAMES.length]} ${s.name}`,
        });
        return;
      case "newItem":
        addItem(data, this.#newItem(s.variants, s.cost, `Yeni Ürün ${this.items.length}`));
        return;
      case "block": {
        if (this.#lostAnswers) this.needsFull = true;
        const { key } = this.#variant(s.item, s.variant);
        const row = data.rows("prItemVariant").find((r) => isVariant(r, key))!;
        data.update("prItemVariant", (r) => isVariant(r, key), { IsBlocked: !row.IsBlocked });
        return;
      }
      case "barcode": {
        if (this.#lostAnswers) this.needsFull = true;
        const { variant, key } = this.#variant(s.item, s.variant);
        variant.barcode = this.#barcode();
        data.update("prItemBarcode", (r) => isVariant(r, key), { Barcode: variant.barcode });
        return;
      }
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
        this.h.sims.qukasoft.faults.once(s.fault, {
          match: s.on,
          times: s.times,
          detail: faultDetail(s.fault),
        });
        return;
      case "sqlFault":
        this.h.sims.sqlFaults.once(s.fault);
        return;
      case "panelDelete": {
        const p = this.#product(s.product);
        if (!p) return;
        this.needsFull = true;
        this.active.delete(p.productCode);
        bump(this.deletions.products, p.productCode);
        for (const v of p.variants) bump(this.deletions.stockCodes, v.stockCode);
        this.store.deleteProduct(p.productCode);
        return;
      }
      case "panelDeleteVariant": {
        const v = this.#product(s.product)?.variants[s.variant % 3];
        if (!v) return;
        this.needsFull = true;
        bump(this.deletions.stockCodes, v.stockCode);
        this.store.deleteVariant(v.stockCode);
        return;
      }
      case "panelEdit": {
        const p = this.#product(s.product);
        const v = p?.variants[s.variant % p.variants.length];
        if (!p || !v) return;
        this.needsFull = true;
        if (s.what === "name") p.name = "Panelde Verilen Ad";
        else if (s.what === "quantity") v.quantity += 7;
        else v.price = 1;
        return;
      }
      case "panelActive": {
        const p = this.#product(s.product);
        if (!p) return;
        p.active = !p.active;
        this.active.set(p.productCode, p.active);
        return;
      }
      case "interrupt":
        return await this.cycle(s.mode, { system: s.system, after: s.after });
      case "restart":
        return await this.h.restart();
    }
  }

  /**
   * One cycle with the faults queued for it; `stop` stops the agent when the simulator of `system` logs its
   * `after`-th request (the store has then applied it and not answered yet). A cycle may fail only because
   * of an injected fault or the stop. Leftover faults are cleared: they were meant for this cycle.
   */
  async cycle(mode: Mode, stop?: { system: "store" | "sql"; after: number }): Promise<void> {
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
      this.#lostAnswers = false;
      if (mode === "full") this.needsFull = false;
    } catch (e) {
      if (qukasoft.log.entries("/product/save").length > saves) this.#lostAnswers = true;
      const faulted = logs.some((l, i) => l.entries().filter((x) => x.fault).length > faultsBefore[i]!);
      if (!stopping.signal.aborted && !(faulted && e instanceof IntegrationError)) throw e;
    } finally {
      if (watched) watched.onRequest = undefined;
      qukasoft.faults.clear();
      sqlFaults.clear();
    }
  }

  /** Products and variants as compared: no ids, no `active`, variants by stock code. */
  view(state: StoreState = this.store) {
    return viewOf(state);
  }
}

const isVariant = (r: Row, key: Record<string, unknown>) => Object.entries(key).every(([k, v]) => r[k] === v);

function faultDetail(fault: string): string | undefined {
  return fault === "429" ? "1" : undefined;
}

function bump(counts: Map<string, number>, code: string): void {
  counts.set(code, (counts.get(code) ?? 0) + 1);
}

type ProductView = Omit<StoreProduct, "id" | "active">;

function viewOf(state: StoreState): Map<string, ProductView> {
  const out = new Map<string, ProductView>();
  for (const p of [...state.products.values()].sort((a, b) => a.productCode.localeCompare(b.productCode))) {
    out.set(p.productCode, {
      productCode: p.productCode,
      name: p.name,
      vatRate: p.vatRate,
      variants: [...p.variants].sort((a, b) => a.stockCode.localeCompare(b.stockCode)),
    });
  }
  return out;
}

/**
 * The first store against the oracle's: every product and variant the oracle has, equal; anything more is a
 * stock code Nebim no longer sells (blocked, barcode changed), kept at stock 0 (DESIGN §3: never deleted).
 */
function assertSameStore(first: StoreState, oracle: StoreState, when: string): void {
  const mine = viewOf(first);
  const theirs = viewOf(oracle);
  const projected = [...theirs.values()].map((o) => {
    const p = mine.get(o.productCode);
    if (!p) return undefined;
    const codes = new Set(o.variants.map((v) => v.stockCode));
    return { ...p, variants: p.variants.filter((v) => codes.has(v.stockCode)) };
  });
  assert.deepEqual(projected, [...theirs.values()], `${when}: the store differs from a clean start's`);
  const extra = [...mine.values()].flatMap((p) =>
    p.variants.filter((v) => !theirs.get(p.productCode)?.variants.some((o) => o.stockCode === v.stockCode))
      .map((v) => ({ productCode: p.productCode, ...v }))
  );
  assert.deepEqual(extra.filter((v) => v.quantity !== 0), [], `${when}: codes Nebim no longer sells`);
}

async function converges(steps: Step[]): Promise<void> {
  const w = await World.start();
  let oracle: SyncHarness | undefined;
  try {
    const { h } = w;
    for (const s of steps) await w.run(s);
    // The faults stop. A clean start over the same final Nebim data: a fresh agent and an empty store.
    h.sims.qukasoft.faults.clear();
    h.sims.sqlFaults.clear();
    oracle = await syncHarness([], SETTINGS, { nebim: { data: h.data, clock: h.clock } });
    await oracle.sync("full");
    const clean = oracle.sims.qukasoft.state;

    // 1. The next incremental cycle, and the full one the actor runs after "not found" answers.
    const next = await h.sync();
    if (next.missing) await h.sync("full");
    if (next.missing || !w.needsFull) assertSameStore(w.store, clean, "after the next incremental cycle");
    // 2. One full and one incremental cycle: converged whatever happened.
    await h.sync("full");
    await h.sync();
    assertSameStore(w.store, clean, "after a full and an incremental cycle");
    // 3. Nothing created twice; `active` is the merchant's; nothing left to do.
    for (const [kind, counts] of Object.entries(w.store.creations)) {
      const deleted = w.deletions[kind as keyof World["deletions"]];
      const twice = [...counts].filter(([code, n]) => n > 1 + (deleted.get(code) ?? 0));
      assert.deepEqual(twice, [], `${kind} created more than once (panel deletions allow one more each)`);
    }
    for (const p of w.store.products.values()) {
      assert.equal(
        p.active,
        w.active.get(p.productCode) ?? false,
        `${p.productCode}: active is the merchant's`,
      );
    }
    const dry = await h.sync("full", true);
    // Nothing to write. A blocked variant Nebim still has is a row that says why it is not created (held).
    const writes = dry.rows.filter((r) => !(r.action === "held" && /not sellable online/.test(r.why)));
    assert.deepEqual(writes, [], "a dry-run full cycle plans nothing");
  } finally {
    await oracle?.close();
    await w.h.close();
  }
}

Deno.test("random sequences of Nebim edits, store faults, panel work and interruptions converge to a clean start's store", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 30 }), converges),
    {
      seed: Number(Deno.env.get("CONVERGENCE_SEED") ?? 20261120),
      numRuns: Number(Deno.env.get("CONVERGENCE_RUNS") ?? 15),
    },
  );
});
