import assert from "node:assert/strict";
import { saveResult, saveResultSchema } from "../../qukasoft/write_contract.ts";

/** saveResult's answer, which must be read by hand: the schema it falls back to is not asked. */
function byHand(answer: unknown): ReturnType<typeof saveResult.safeParse> {
  const schemaParse = saveResultSchema.safeParse;
  saveResultSchema.safeParse = () => assert.fail(`not read by hand: ${JSON.stringify(answer)}`);
  try {
    return saveResult.safeParse(answer);
  } finally {
    saveResultSchema.safeParse = schemaParse;
  }
}

Deno.test("saveResult reads an answer by hand as its schema does, and leaves any other to the schema's error", () => {
  const same = [
    { list: [] },
    { list: [], extra: 1 },
    { list: [{ productCode: "P", status: "created" }] },
    { list: [{ productCode: "P", id: null, status: " Updated ", message: "m", variants: [] }] },
    // A PHP store's fixed-shape array: no message is null.
    {
      list: [{
        productCode: "P",
        status: "created",
        message: null,
        variants: [{ stockCode: "A", status: "created", message: null }],
      }],
    },
    // A PHP store's id as PDO hands it over: a string.
    {
      list: [{ productCode: "P", id: "812", status: "updated" }, {
        productCode: "Q",
        id: "0",
        status: "error",
      }],
    },
    {
      list: [{
        productCode: "P",
        id: 7,
        status: "created",
        x: 1,
        variants: [
          { stockCode: "A", status: "Created", y: 2 },
          { stockCode: "B", status: "error", message: "bad barcode" },
          { stockCode: "C", status: "queued" },
        ],
      }, { productCode: "Q", id: 8, status: "skipped", message: "later" }],
    },
  ];
  for (const answer of same) {
    const fast = byHand(answer);
    const schema = saveResultSchema.safeParse(answer);
    assert.ok(fast.success && schema.success);
    // Key order too: the results are spread into others and logged.
    assert.equal(JSON.stringify(fast.data), JSON.stringify(schema.data));
    assert.deepEqual(fast.data, schema.data);
  }
  const broken = [
    {},
    { list: {} },
    { list: [[]] },
    { list: [{ status: "created" }] },
    { list: [{ productCode: "P", id: 1.5, status: "created" }] },
    { list: [{ productCode: "P", id: 2 ** 60, status: "created" }] },
    { list: [{ productCode: "P", id: "1.5", status: "created" }] },
    { list: [{ productCode: "P", id: "12a", status: "created" }] },
    { list: [{ productCode: "P", id: "", status: "created" }] },
    { list: [{ productCode: "P", status: "created", message: 3 }] },
    { list: [{ productCode: "P", status: "created", variants: {} }] },
    { list: [{ productCode: "P", status: "created", variants: [{ stockCode: 1, status: "created" }] }] },
    {
      list: [{
        productCode: "P",
        status: "created",
        variants: [{ stockCode: "A", status: "x", message: 3 }],
      }],
    },
  ];
  for (const answer of broken) {
    const fast = saveResult.safeParse(answer);
    assert.ok(!fast.success, JSON.stringify(answer));
    assert.deepEqual(fast.error.issues, saveResultSchema.safeParse(answer).error?.issues);
  }
});

Deno.test("saveResult: a status in another case or with spaces reads as the contract's", () => {
  const answer = {
    list: [{
      productCode: "P",
      status: "Updated",
      variants: [{ stockCode: "A", status: "CREATED" }, { stockCode: "B", status: " error " }],
    }],
  };
  const read = byHand(answer);
  assert.ok(read.success);
  const p = read.data.list[0]!;
  assert.deepEqual([p.status, ...(p.variants ?? []).map((v) => v.status)], ["updated", "created", "error"]);
});
