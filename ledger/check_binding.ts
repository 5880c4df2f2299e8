/**
 * Input checks for binding writes, run over a whole batch before any row is written, so a bad record
 * fails with its stock code and field named and leaves the batch unwritten.
 * @module
 */

import { IntegrationError } from "../errors.ts";
import type { VariantKey } from "../nebim/types.ts";
import type {
  BindingState,
  BindingUpsert,
  DirtyRecord,
  ProblemReport,
  PushedFields,
  PushRecord,
} from "./types.ts";

const STATES: ReadonlySet<string> = new Set<BindingState>(["active", "vanished", "held"]);

function fail(stockCode: unknown, field: string, rule: string): never {
  const subject = typeof stockCode === "string" ? stockCode : String(stockCode);
  throw new IntegrationError("skippable", `Binding "${subject}": ${field} ${rule}`, {
    system: "ledger",
    subject,
  });
}

function isInt(x: unknown): boolean {
  return typeof x === "number" && Number.isSafeInteger(x);
}

function isIntOrNull(x: unknown): boolean {
  return x === null || isInt(x);
}

const KEY_CODES = ["itemCode", "colorCode", "itemDim1Code", "itemDim2Code", "itemDim3Code"] as const;

function checkKey(code: string, k: VariantKey): void {
  if (typeof k !== "object" || k === null) fail(code, "key", "must be a variant key");
  if (!isInt(k.itemTypeCode)) fail(code, "key.itemTypeCode", "must be an integer");
  for (const f of KEY_CODES) {
    if (typeof k[f] !== "string") fail(code, `key.${f}`, 'must be a string ("" when unused)');
  }
}

function checkPushed(code: string, p: PushedFields): void {
  if (!isInt(p.quantity)) fail(code, "pushed.quantity", "must be an integer");
  if (!isIntOrNull(p.price)) fail(code, "pushed.price", "must be integer kuruş or null");
  if (!isIntOrNull(p.marketplacePrice)) {
    fail(code, "pushed.marketplacePrice", "must be integer kuruş or null");
  }
  if (p.name !== null && typeof p.name !== "string") fail(code, "pushed.name", "must be a string or null");
  if (p.vatRate !== null && (typeof p.vatRate !== "number" || !Number.isFinite(p.vatRate))) {
    fail(code, "pushed.vatRate", "must be a number or null");
  }
  if (p.barcode !== null && typeof p.barcode !== "string") {
    fail(code, "pushed.barcode", "must be a string or null");
  }
  if (p.label != null && typeof p.label !== "string") fail(code, "pushed.label", "must be a string or null");
}

function checkCodes(code: unknown, productCode: unknown): asserts code is string {
  if (typeof code !== "string" || code === "") fail(code, "stockCode", "must be a non-empty string");
  if (typeof productCode !== "string") fail(code, "productCode", "must be a string");
}

/** Throws a skippable IntegrationError (subject = the stock code) naming the first bad field. */
export function checkBindingUpsert(b: BindingUpsert): void {
  const code = b.stockCode;
  checkCodes(code, b.productCode);
  checkKey(code, b.key);
  if (b.qukasoftProductId !== undefined && !isIntOrNull(b.qukasoftProductId)) {
    fail(code, "qukasoftProductId", "must be an integer or null");
  }
  if (b.qukasoftVariantId !== undefined && !isIntOrNull(b.qukasoftVariantId)) {
    fail(code, "qukasoftVariantId", "must be an integer or null");
  }
  if (b.pushed !== undefined && b.pushed !== null) checkPushed(code, b.pushed);
  if (b.state !== undefined && !STATES.has(b.state)) fail(code, "state", "must be active, vanished or held");
  if (b.reason !== undefined && b.reason !== null && typeof b.reason !== "string") {
    fail(code, "reason", "must be a string or null");
  }
  if (b.dirty !== undefined && typeof b.dirty !== "boolean") fail(code, "dirty", "must be a boolean");
}

/** The same checks for one write of a push (its item code is the key's, as the binding stores it). */
export function checkPushRecord(w: PushRecord): void {
  const code = w.stockCode;
  checkCodes(code, w.productCode);
  checkKey(code, w.variantKey);
  if (typeof w.itemCode !== "string") fail(code, "key.itemCode", 'must be a string ("" when unused)');
  if (w.productId !== undefined && !isInt(w.productId)) fail(code, "qukasoftProductId", "must be an integer");
  if (typeof w.pushed !== "object" || w.pushed === null) fail(code, "pushed", "must be the pushed fields");
  checkPushed(code, w.pushed);
}

/** The checks for a failed write's record, which marks its code dirty (MARK_FAILED's columns). */
export function checkDirtyRecord(d: DirtyRecord): void {
  const code = d.stockCode;
  if (typeof code !== "string" || code === "") fail(code, "stockCode", "must be a non-empty string");
  if (typeof d.itemCode !== "string") fail(code, "itemCode", "must be a string");
  if (typeof d.reason !== "string") fail(code, "reason", "must be a string");
  if (d.variantKey !== undefined) checkKey(code, d.variantKey);
}

/**
 * The failed records fit to mark dirty, and a problem for each other one: a bad one must not roll back the
 * batch's writes, which the store has taken (the writes are checked as before: they are the store's state).
 */
export function usableFailures(failed: readonly DirtyRecord[]): { ok: DirtyRecord[]; bad: ProblemReport[] } {
  const ok: DirtyRecord[] = [];
  const bad: ProblemReport[] = [];
  for (const d of failed) {
    try {
      checkDirtyRecord(d);
      ok.push(d);
    } catch (e) {
      if (!(e instanceof IntegrationError)) throw e;
      const code = typeof d.stockCode === "string" && d.stockCode !== "" ? d.stockCode : String(d.itemCode);
      bad.push({
        subject: code,
        kind: "stockCode",
        reason: `a failed write (${String(d.reason)}) could not be kept to send again: ${e.message}`,
      });
    }
  }
  return { ok, bad };
}

/** Throws a fatal IntegrationError unless `state` is a binding state. */
export function checkBindingState(state: unknown): void {
  if (typeof state !== "string" || !STATES.has(state)) {
    throw new IntegrationError("fatal", `Binding state "${String(state)}" must be active, vanished or held`, {
      system: "ledger",
      subject: "state",
    });
  }
}
