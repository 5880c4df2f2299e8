/** The data folder's files owner-only (0600) where the OS has modes: made so, or narrowed. */
import assert from "node:assert/strict";
import { createOwnerOnlyFile, narrowFile } from "../owner_only_file.ts";
import { withTempDir } from "./support/temp_dir.ts";

const ignore = Deno.build.os === "windows";
const mode = (path: string) => (Deno.statSync(path).mode ?? 0) & 0o777;

Deno.test({
  name: "createOwnerOnlyFile makes a missing file 0600 and leaves one there as it is",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-file-", async (dir) => {
      createOwnerOnlyFile(`${dir}/new.log`);
      assert.equal(mode(`${dir}/new.log`), 0o600);
      await Deno.writeTextFile(`${dir}/old.log`, "kept\n");
      Deno.chmodSync(`${dir}/old.log`, 0o644);
      createOwnerOnlyFile(`${dir}/old.log`);
      assert.equal(mode(`${dir}/old.log`), 0o644);
      assert.equal(await Deno.readTextFile(`${dir}/old.log`), "kept\n");
      createOwnerOnlyFile(`${dir}/win.log`, "windows");
      assert.throws(() => Deno.statSync(`${dir}/win.log`), Deno.errors.NotFound);
    }),
});

Deno.test({
  name: "narrowFile clears group and other bits, says the mode before once, and passes over a missing file",
  ignore,
  fn: () =>
    withTempDir("e-ticaret-file-", async (dir) => {
      await Deno.writeTextFile(`${dir}/a.log`, "");
      Deno.chmodSync(`${dir}/a.log`, 0o644);
      assert.equal((narrowFile(`${dir}/a.log`) ?? 0) & 0o777, 0o644);
      assert.equal(mode(`${dir}/a.log`), 0o600);
      assert.equal(narrowFile(`${dir}/a.log`), undefined);
      assert.equal(narrowFile(`${dir}/missing.log`), undefined);
    }),
});
