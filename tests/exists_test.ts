import assert from "node:assert/strict";
import { exists } from "../exists.ts";

Deno.test("exists() is true for a file, false for a missing one, and throws any other failure", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-exists-" });
  try {
    const file = `${dir}/f`;
    await Deno.writeTextFile(file, "");
    assert.equal(await exists(file), true);
    assert.equal(await exists(`${dir}/missing`), false);
    await assert.rejects(exists(`${file}/below-a-file`), Deno.errors.NotADirectory);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
