import assert from "node:assert/strict";
import { maskSecret } from "../mask_secret.ts";

Deno.test("maskSecret: every occurrence of a secret of four characters or more is masked", () => {
  assert.equal(maskSecret("pw=S3cr3t; again S3cr3t", "S3cr3t"), "pw=********; again ********");
  assert.equal(maskSecret("no secret here", "S3cr3t"), "no secret here");
});

Deno.test("maskSecret: a secret under four characters (or none) leaves the text as it is", () => {
  assert.equal(maskSecret("host 10.0.0.123, error 123", "123"), "host 10.0.0.123, error 123");
  assert.equal(maskSecret("socket hang up", "p"), "socket hang up");
  assert.equal(maskSecret("text", ""), "text");
});
