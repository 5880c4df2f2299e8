import assert from "node:assert/strict";
import {
  checkBindingUpsert,
  checkDirtyRecord,
  checkPushRecord,
  usableFailures,
} from "../../ledger/check_binding.ts";
import type { BindingUpsert, DirtyRecord, PushedFields, PushRecord } from "../../ledger/types.ts";
import { IntegrationError } from "../../errors.ts";

const key = {
  itemTypeCode: 1,
  itemCode: "KML-1001",
  colorCode: "01",
  itemDim1Code: "M",
  itemDim2Code: "",
  itemDim3Code: "",
};
const pushed: PushedFields = {
  quantity: 3,
  price: 129_990,
  marketplacePrice: null,
  name: "Kazak",
  vatRate: 20,
  barcode: "8690000000010",
  label: "Beyaz",
};
const record: PushRecord = {
  stockCode: "KML-1001-01-M",
  productCode: "KML-1001",
  itemCode: "KML-1001",
  variantKey: key,
  pushed,
  vanished: false,
};
const upsert: BindingUpsert = { stockCode: "KML-1001-01-M", key, productCode: "KML-1001", pushed };

/** Asserts `check` refuses with a skippable error that names the record and the field, and only that. */
function refuses(check: () => void, subject: string, field: string): void {
  assert.throws(check, (e: unknown) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "skippable");
    assert.equal(e.subject, subject);
    assert.ok(e.message.startsWith(`Binding "${subject}": ${field} must be`), e.message);
    return true;
  });
}

// A bad value for each field a push's record keeps, as the ledger's JSON or columns would store it.
const BAD_PUSHED: [keyof PushedFields, unknown][] = [
  ["quantity", 1.5],
  ["quantity", null],
  ["price", 12.5],
  ["price", "100"],
  ["marketplacePrice", Number.NaN],
  ["name", 7],
  ["vatRate", Number.POSITIVE_INFINITY],
  ["vatRate", "20"],
  ["barcode", 8690000000010],
  ["label", 1],
];

for (const [field, value] of BAD_PUSHED) {
  Deno.test(`a push's record with pushed.${field} = ${String(value)} is refused, naming the code and the field`, () => {
    const bad = { ...record, pushed: { ...pushed, [field]: value } };
    refuses(() => checkPushRecord(bad), record.stockCode, `pushed.${field}`);
    refuses(() => checkBindingUpsert({ ...upsert, pushed: bad.pushed }), upsert.stockCode, `pushed.${field}`);
  });
}

const BAD_KEY: [keyof typeof key, unknown][] = [
  ["itemTypeCode", "1"],
  ["itemCode", null],
  ["colorCode", undefined],
  ["itemDim1Code", 1],
  ["itemDim2Code", null],
  ["itemDim3Code", false],
];

for (const [field, value] of BAD_KEY) {
  Deno.test(`a variant key with ${field} = ${String(value)} is refused in each record that carries one`, () => {
    const k = { ...key, [field]: value } as typeof key;
    refuses(() => checkPushRecord({ ...record, variantKey: k }), record.stockCode, `key.${field}`);
    refuses(() => checkBindingUpsert({ ...upsert, key: k }), upsert.stockCode, `key.${field}`);
    const d: DirtyRecord = {
      stockCode: "KML-1001-01-M",
      itemCode: "KML-1001",
      reason: "HTTP 503",
      variantKey: k,
    };
    refuses(() => checkDirtyRecord(d), d.stockCode, `key.${field}`);
  });
}

Deno.test("the record's own fields are checked: codes, ids, state, reason and the dirty flag", () => {
  const code = upsert.stockCode;
  refuses(() => checkPushRecord({ ...record, productCode: 1 as unknown as string }), code, "productCode");
  refuses(() => checkPushRecord({ ...record, itemCode: null as unknown as string }), code, "key.itemCode");
  refuses(() => checkPushRecord({ ...record, productId: 1.5 }), code, "qukasoftProductId");
  refuses(() => checkPushRecord({ ...record, pushed: null as unknown as PushedFields }), code, "pushed");
  refuses(() => checkPushRecord({ ...record, variantKey: null as unknown as typeof key }), code, "key");
  refuses(() => checkBindingUpsert({ ...upsert, qukasoftProductId: -0.5 }), code, "qukasoftProductId");
  refuses(() => checkBindingUpsert({ ...upsert, qukasoftVariantId: Number.NaN }), code, "qukasoftVariantId");
  refuses(() => checkBindingUpsert({ ...upsert, state: "gone" as "held" }), code, "state");
  refuses(() => checkBindingUpsert({ ...upsert, reason: 5 as unknown as string }), code, "reason");
  refuses(() => checkBindingUpsert({ ...upsert, dirty: 1 as unknown as boolean }), code, "dirty");
  refuses(() => checkBindingUpsert({ ...upsert, stockCode: "" }), "", "stockCode");
  const d: DirtyRecord = { stockCode: code, itemCode: "KML-1001", reason: "HTTP 503" };
  refuses(() => checkDirtyRecord({ ...d, itemCode: 3 as unknown as string }), code, "itemCode");
  refuses(() => checkDirtyRecord({ ...d, reason: null as unknown as string }), code, "reason");
});

Deno.test("good records pass: nulls where the store has no value, ids given or not, no label known", () => {
  const bare: PushedFields = {
    quantity: 0,
    price: null,
    marketplacePrice: null,
    name: null,
    vatRate: null,
    barcode: null,
  };
  checkPushRecord(record);
  checkPushRecord({ ...record, pushed: bare, productId: 42 });
  checkBindingUpsert(upsert);
  checkBindingUpsert({ ...upsert, pushed: null, qukasoftProductId: null, state: "held", reason: null });
  checkDirtyRecord({ stockCode: "X", itemCode: "", reason: "" });
});

Deno.test("usableFailures keeps the good failures and turns each bad one into a problem naming its code", () => {
  const good: DirtyRecord = { stockCode: "A-1", itemCode: "A", reason: "HTTP 503" };
  const badKey = { stockCode: "B-1", itemCode: "B", reason: "timeout", variantKey: { ...key, colorCode: 1 } };
  const noCode = { stockCode: "", itemCode: "C", reason: "HTTP 500" };
  const { ok, bad } = usableFailures([good, badKey as unknown as DirtyRecord, noCode]);
  assert.deepEqual(ok, [good]);
  assert.deepEqual(bad.map((p) => [p.subject, p.kind]), [["B-1", "stockCode"], ["C", "stockCode"]]);
  assert.match(
    bad[0]!.reason,
    /^a failed write \(timeout\) could not be kept to send again: .*key\.colorCode/,
  );
});
