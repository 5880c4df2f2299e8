import assert from "node:assert/strict";
import { sameBytes } from "../../agent/same_bytes.ts";
import { withTempDir } from "../support/temp_dir.ts";

Deno.test("sameBytes: equal files are the same; a byte changed, a length, a missing file are not", () =>
  withTempDir("same-bytes-", async (dir) => {
    // Over a chunk (1 MiB) and a half, the difference in the second chunk.
    const bytes = new Uint8Array((1 << 20) * 1.5).map((_, i) => i % 251);
    await Deno.writeFile(`${dir}/a`, bytes);
    await Deno.writeFile(`${dir}/b`, bytes);
    assert.equal(await sameBytes(`${dir}/a`, `${dir}/b`), true);
    bytes[(1 << 20) + 7]! ^= 1;
    await Deno.writeFile(`${dir}/c`, bytes);
    assert.equal(await sameBytes(`${dir}/a`, `${dir}/c`), false);
    await Deno.writeFile(`${dir}/d`, bytes.subarray(0, bytes.length - 1));
    assert.equal(await sameBytes(`${dir}/a`, `${dir}/d`), false);
    assert.equal(await sameBytes(`${dir}/a`, `${dir}/none`), false);
    assert.equal(await sameBytes(`${dir}/none`, `${dir}/a`), false);
  }));
