import assert from "node:assert/strict";
import { ensureToken } from "../../agent/token.ts";
import { withTempDir } from "../support/temp_dir.ts";

Deno.test("the first start and a token command at once end with one token, the file's", () =>
  withTempDir("token-test-", async (dir) => {
    const [a, b] = await Promise.all([ensureToken(dir), ensureToken(dir)]);
    assert.match(a, /^[0-9a-f]{48}$/);
    assert.equal(b, a, "both print the token the agent serves");
    assert.equal(await Deno.readTextFile(`${dir}/token`), `${a}\n`);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["token"], "no draft left behind");
    if (Deno.build.os !== "windows") assert.equal(Deno.statSync(`${dir}/token`).mode! & 0o777, 0o600);
    // Kept across starts.
    assert.equal(await ensureToken(dir), a);
  }));

Deno.test("an empty token file (a write cut short) is replaced by a new token", () =>
  withTempDir("token-test-", async (dir) => {
    await Deno.writeTextFile(`${dir}/token`, "");
    let pauses = 0;
    const token = await ensureToken(dir, Deno.link, () => {
      pauses++;
      return Promise.resolve();
    });
    assert.ok(pauses > 0, "it waited for a write under way before replacing it");
    assert.match(token, /^[0-9a-f]{48}$/);
    assert.equal(await Deno.readTextFile(`${dir}/token`), `${token}\n`);
  }));

Deno.test("a data folder whose file system has no hard links still gets one token, made by an exclusive create", () =>
  withTempDir("token-test-", async (dir) => {
    const noLinks = () => Promise.reject(new Deno.errors.NotSupported("hard links not supported"));
    const [a, b] = await Promise.all([ensureToken(dir, noLinks), ensureToken(dir, noLinks)]);
    assert.match(a, /^[0-9a-f]{48}$/);
    assert.equal(b, a);
    assert.equal(await Deno.readTextFile(`${dir}/token`), `${a}\n`);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["token"], "no draft left behind");
  }));

Deno.test("without hard links, an empty token file another process has just created is waited for, not replaced", () =>
  withTempDir("token-test-", async (dir) => {
    const noLinks = () => Promise.reject(new Deno.errors.NotSupported("hard links not supported"));
    // The other process's exclusive create has made the file; its write comes while this one waits.
    await Deno.writeTextFile(`${dir}/token`, "");
    const theirs = "ab".repeat(24);
    let pauses = 0;
    const pause = async () => {
      if (++pauses === 1) await Deno.writeTextFile(`${dir}/token`, `${theirs}\n`);
    };
    assert.equal(await ensureToken(dir, noLinks, pause), theirs, "the one token the other process returns");
    assert.equal(await Deno.readTextFile(`${dir}/token`), `${theirs}\n`);
  }));

Deno.test("without hard links, a crash's empty leftover replaced at once by two processes: the other's fresh file is waited for too", () =>
  withTempDir("token-test-", async (dir) => {
    // Both waited out the leftover; the other process removed it first and made its file by an exclusive
    // create, still empty when this one's create finds it there. Its write lands while this one waits.
    await Deno.writeTextFile(`${dir}/token`, "");
    const theirs = "cd".repeat(24);
    let created = false;
    const noLinks = async () => {
      if (!created) {
        created = true;
        await Deno.writeTextFile(`${dir}/token`, "", { createNew: true });
      }
      throw new Deno.errors.NotSupported("hard links not supported");
    };
    let pauses = 0;
    const pause = async () => {
      // The other's write lands during this one's first pause after it met the other's empty file.
      if (++pauses > 20 && created) await Deno.writeTextFile(`${dir}/token`, `${theirs}\n`);
    };
    assert.equal(await ensureToken(dir, noLinks, pause), theirs, "the one token the other process returns");
    assert.equal(await Deno.readTextFile(`${dir}/token`), `${theirs}\n`);
  }));

Deno.test("a token file saved as UTF-16 (Windows PowerShell's `>`, Notepad's Unicode) gives the token it holds", () =>
  withTempDir("token-test-", async (dir) => {
    const token = "0123456789abcdef0123456789abcdef0123456789abcdef";
    // `e-ticaret token > new\token` in Windows PowerShell 5.1: UTF-16LE with a byte-order mark, CRLF.
    const text = `\uFEFF${token}\r\n`;
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      new DataView(bytes.buffer).setUint16(i * 2, text.charCodeAt(i), true);
    }
    await Deno.writeFile(`${dir}/token`, bytes);
    assert.equal(await ensureToken(dir), token, "the feed's URL with the copied token keeps working");
  }));
