import assert from "node:assert/strict";
import { plainText } from "../../sync/plain_text.ts";

Deno.test("plainText() makes each run of control characters one space and trims; nothing else left is none", () => {
  assert.equal(plainText("Keten\tGömlek\r\n"), "Keten Gömlek");
  assert.equal(plainText("A\u0000\u0085B"), "A B");
  assert.equal(plainText("Keten  Gömlek"), "Keten  Gömlek", "spaces the merchant typed stay");
  assert.equal(plainText("\u0000\u0007 "), "");
  assert.equal(plainText(null), "");
});
