/** writeInChunks (qukasoft/chunks.ts): a request refused as too large (413) goes again in halves. */
import assert from "node:assert/strict";
import { writeInChunks, WriteLanes } from "../../qukasoft/chunks.ts";
import { IntegrationError, PartialFailure } from "../../errors.ts";

const TOO_LARGE = new IntegrationError("fatal", "status 413", { system: "qukasoft" });

Deno.test("writeInChunks(): a 413's first half answered, its second failing: the first half's results are kept", async () => {
  const sent: number[][] = [];
  const e = await writeInChunks({
    items: [1, 2, 3, 4],
    toWire: (n: number) => n,
    refused: () => "refused",
    unwritten: (n) => `unwritten ${n}`,
    size: 4,
    keyOf: (n) => n,
    send: (chunk) => {
      sent.push(chunk);
      if (chunk.length > 2) return Promise.reject(TOO_LARGE);
      if (chunk.includes(3)) {
        return Promise.reject(new IntegrationError("retriable", "status 503", { system: "qukasoft" }));
      }
      return Promise.resolve(chunk.map((n) => `saved ${n}`));
    },
    lanes: new WriteLanes(),
    split: { tooLarge: (error) => error === TOO_LARGE, oversized: (n) => `oversized ${n}` },
  }).then(() => undefined, (e: unknown) => e);
  assert.ok(e instanceof PartialFailure, `expected a partial failure, got ${e}`);
  assert.deepEqual(sent, [[1, 2, 3, 4], [1, 2], [3, 4]]);
  assert.equal(e.message, "status 503");
  // The store applied and answered [1, 2]: their results are known, not "may have been written".
  assert.deepEqual(e.results, ["saved 1", "saved 2", "unwritten 3", "unwritten 4"]);
  assert.equal(e.requests, 3);
});
