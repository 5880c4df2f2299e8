/**
 * The bindings' storage: a slot per stock code, its fields in columns (typed arrays for numbers and flags, an
 * array per text field), and each item's codes a list through the slots. A running agent holds every binding
 * between cycles (100,000 and more); two objects and a set entry per binding were half its live heap.
 * @module
 */

import type { PushedFields } from "../ledger/types.ts";
import { lastKeyed } from "../last_keyed.ts";

export type { PushedFields };

/** The slice of a ledger binding the plan needs. */
export interface BindingView {
  stockCode: string;
  productCode: string;
  itemCode: string;
  pushed: PushedFields | null;
  vanished: boolean;
  /**
   * Its last write failed, or its answer was never recorded: the store may show that write, part of it, or
   * what came before, so `pushed` is not sure and the next plan sends every field again.
   */
  dirty?: boolean;
}

// A slot's flags. DIRTY_SET: `dirty` was given (true or false), so a view is rebuilt as it was set.
export const PUSHED = 1, VANISHED = 2, DIRTY_SET = 4, DIRTY = 8;
// A slot's numbers, in `#nums`: quantity, price, marketplace price, VAT rate; NaN stands for null.
const NUMS = 4, VAT = 3;
const NONE = -1;
/** Codes whose slot (or absence) `slotOf` keeps at hand: a few batches' worth. */
const RECENT = 8192;

const num = (n: number | null | undefined): number => n ?? NaN;
const orNull = (n: number): number | null => Number.isNaN(n) ? null : n;

/** Bindings by stock code, each in a slot. The caller keys items (`item`: Nebim's key of the item code). */
export class BindingColumns {
  readonly #slots = new Map<string, number>();
  // A batch asks for each of its codes some eight times (reading, planning, pushing, recording its answer),
  // each a miss in the CPU's cache for a map of 100,000 codes (~3% of the agent's thread in a full sync,
  // bench/perf_report.ts). The last few thousand answers, misses too, are kept in a map small enough to stay
  // cached.
  readonly #recent = new Map<string, number>();
  readonly #free: number[] = [];
  readonly #code: string[] = [];
  readonly #product: string[] = [];
  readonly #item: string[] = [];
  readonly #name: (string | null)[] = [];
  readonly #barcode: (string | null)[] = [];
  readonly #label: (string | null)[] = [];
  #nums = new Float64Array(0);
  #flags = new Uint8Array(0);
  // Each item's codes, in the order they were bound: a circular list through the slots, from its first slot.
  #next = new Int32Array(0);
  #prev = new Int32Array(0);
  readonly #itemFirst = new Map<string, number>();
  // A product's codes come one after another (a batch's pushes, the ledger's rows in the order they were
  // made): their texts are kept once per run of equal ones, not once per code as each row read them.
  readonly #sameProduct = lastKeyed((s: string) => s);
  readonly #sameItem = lastKeyed((s: string) => s);
  readonly #sameName = lastKeyed((s: string) => s);
  readonly #sameLabel = lastKeyed((s: string) => s);

  get size(): number {
    return this.#slots.size;
  }

  slotOf(code: string): number | undefined {
    let slot = this.#recent.get(code);
    if (slot === undefined) {
      slot = this.#slots.get(code) ?? NONE;
      this.#remember(code, slot);
    }
    return slot === NONE ? undefined : slot;
  }

  #remember(code: string, slot: number): void {
    if (this.#recent.size >= RECENT) this.#recent.clear();
    this.#recent.set(code, slot);
  }

  /** Stock code → slot, in the order the codes were first bound. */
  slots(): MapIterator<[string, number]> {
    return this.#slots.entries();
  }

  forEachSlot(f: (slot: number, code: string) => void): void {
    this.#slots.forEach(f);
  }

  productOf(slot: number): string {
    return this.#product[slot]!;
  }

  itemOf(slot: number): string {
    return this.#item[slot]!;
  }

  flagsOf(slot: number): number {
    return this.#flags[slot]!;
  }

  /** The VAT rate last pushed, or null. */
  vatOf(slot: number): number | null {
    return orNull(this.#nums[slot * NUMS + VAT]!);
  }

  /** A new view of a slot: changing it changes nothing here. */
  view(stockCode: string, slot: number): BindingView {
    const flags = this.#flags[slot]!;
    const at = slot * NUMS;
    const view: BindingView = {
      stockCode,
      productCode: this.#product[slot]!,
      itemCode: this.#item[slot]!,
      pushed: flags & PUSHED ? this.#pushed(slot, at) : null,
      vanished: (flags & VANISHED) !== 0,
    };
    if (flags & DIRTY_SET) view.dirty = (flags & DIRTY) !== 0;
    return view;
  }

  #pushed(slot: number, at: number): PushedFields {
    const quantity = this.#nums[at]!, price = orNull(this.#nums[at + 1]!);
    const marketplacePrice = orNull(this.#nums[at + 2]!), vatRate = orNull(this.#nums[at + VAT]!);
    const name = this.#name[slot]!, barcode = this.#barcode[slot]!, label = this.#label[slot]!;
    // Not known: left out, as the ledger gives it. One literal each: a property added after would grow the
    // object's store, for every view a full sync asks for.
    return label === null
      ? { quantity, price, marketplacePrice, name, vatRate, barcode }
      : { quantity, price, marketplacePrice, name, vatRate, barcode, label };
  }

  /** A slot for a code not bound yet (a freed one, or one at the end). */
  add(code: string): number {
    const slot = this.#free.pop() ?? this.#grow();
    this.#slots.set(code, slot);
    this.#remember(code, slot);
    this.#code[slot] = code;
    return slot;
  }

  /** The code's slot freed; the caller unlinked it from its item first. */
  remove(code: string, slot: number): void {
    this.#slots.delete(code);
    this.#recent.delete(code);
    this.#code[slot] = this.#product[slot] = this.#item[slot] = "";
    this.#name[slot] = this.#barcode[slot] = this.#label[slot] = null;
    this.#free.push(slot);
  }

  write(slot: number, b: BindingView): void {
    this.#product[slot] = this.#sameProduct(b.productCode);
    this.#item[slot] = this.#sameItem(b.itemCode);
    const p = b.pushed;
    const at = slot * NUMS;
    this.#nums[at] = p ? p.quantity : NaN;
    this.#nums[at + 1] = num(p?.price);
    this.#nums[at + 2] = num(p?.marketplacePrice);
    this.#nums[at + VAT] = num(p?.vatRate);
    this.#name[slot] = p?.name == null ? null : this.#sameName(p.name);
    this.#label[slot] = p?.label == null ? null : this.#sameLabel(p.label);
    // Under barcode stock codes the code itself (one string kept, not a second from the ledger's JSON).
    this.#barcode[slot] = p?.barcode == null
      ? null
      : p.barcode === this.#code[slot]
      ? this.#code[slot]
      : p.barcode;
    this.#flags[slot] = (p ? PUSHED : 0) | (b.vanished ? VANISHED : 0) |
      (b.dirty === undefined ? 0 : DIRTY_SET | (b.dirty ? DIRTY : 0));
  }

  /** The slot put last in its item's list. */
  link(item: string, slot: number): void {
    const first = this.#itemFirst.get(item);
    if (first === undefined) {
      this.#itemFirst.set(item, slot);
      this.#next[slot] = this.#prev[slot] = slot;
      return;
    }
    const last = this.#prev[first]!;
    this.#next[last] = slot;
    this.#prev[slot] = last;
    this.#next[slot] = first;
    this.#prev[first] = slot;
  }

  unlink(item: string, slot: number): void {
    const next = this.#next[slot]!;
    if (next === slot) this.#itemFirst.delete(item);
    else {
      const prev = this.#prev[slot]!;
      this.#next[prev] = next;
      this.#prev[next] = prev;
      if (this.#itemFirst.get(item) === slot) this.#itemFirst.set(item, next);
    }
    this.#next[slot] = this.#prev[slot] = NONE;
  }

  /** The item's slots, in the order they were linked. */
  *slotsOfItem(item: string): Generator<number> {
    const first = this.#itemFirst.get(item);
    if (first === undefined) return;
    let slot = first;
    do {
      yield slot;
      slot = this.#next[slot]!;
    } while (slot !== first);
  }

  codeOf(slot: number): string {
    return this.#code[slot]!;
  }

  /** A new slot at the end, the typed columns doubled when full. */
  #grow(): number {
    const slot = this.#slots.size;
    if (slot === this.#flags.length) {
      const capacity = Math.max(1024, slot * 2);
      const grown = <T extends Float64Array | Uint8Array | Int32Array>(old: T, made: T): T => {
        made.set(old);
        return made;
      };
      this.#nums = grown(this.#nums, new Float64Array(capacity * NUMS));
      this.#flags = grown(this.#flags, new Uint8Array(capacity));
      this.#next = grown(this.#next, new Int32Array(capacity));
      this.#prev = grown(this.#prev, new Int32Array(capacity));
    }
    return slot;
  }
}
