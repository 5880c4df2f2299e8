import assert from "node:assert/strict";
import { FeedWriter } from "../../agent/feed_writer.ts";
import { withTempDir } from "../support/temp_dir.ts";

const inTemp = (fn: (dir: string) => Promise<void>) => withTempDir("feed-writer-", fn);

const names = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();

Deno.test("FeedWriter: both files hold every text in order, through its one reused buffer", () =>
  inTemp(async (dir) => {
    // Many writes, one longer than the buffer, Turkish letters (two bytes each) across its edges.
    const texts = Array.from({ length: 40 }, (_, i) => `<product>${i} Şık Çanta ığüşöç</product>\n`);
    texts.splice(20, 0, "İ".repeat(700_000) + "\n"); // 1.4 MB encoded
    const w = await FeedWriter.create(`${dir}/f.xml`);
    for (const t of texts) await w.write(t);
    await w.close();
    assert.deepEqual(names(dir), ["f.xml", "f.xml.gz"]);
    const expected = texts.join("");
    assert.equal(await Deno.readTextFile(`${dir}/f.xml`), expected);
    const gz = (await Deno.open(`${dir}/f.xml.gz`)).readable.pipeThrough(new DecompressionStream("gzip"));
    assert.equal(await new Response(gz).text(), expected);
  }));

Deno.test("FeedWriter: abort removes what it wrote; create refuses a build that is already there", () =>
  inTemp(async (dir) => {
    const w = await FeedWriter.create(`${dir}/f.xml`);
    await w.write("<products>\n");
    await w.abort(new Error("stopping"));
    assert.deepEqual(names(dir), []);
    await Deno.writeTextFile(`${dir}/g.xml.gz.part`, "left by someone");
    await assert.rejects(FeedWriter.create(`${dir}/g.xml`), Deno.errors.AlreadyExists);
    assert.deepEqual(names(dir), ["g.xml.gz.part"], "its own .part is removed, the other kept");
  }));

Deno.test({
  name: "FeedWriter: a build's files are owner-only (0600), whatever the umask: the feed is token-guarded",
  ignore: Deno.build.os === "windows",
  fn: () =>
    inTemp(async (dir) => {
      const w = await FeedWriter.create(`${dir}/f.xml`);
      await w.write("<products/>\n");
      await w.close();
      const modes = ["f.xml", "f.xml.gz"].map((n) => ((Deno.statSync(`${dir}/${n}`).mode ?? 0) & 0o777));
      assert.deepEqual(modes.map((m) => m.toString(8)), ["600", "600"]);
    }),
});

Deno.test("FeedWriter: each file is on disk (synced) before it takes its final name", () =>
  inTemp(async (dir) => {
    // A power loss after a rename the disk had not got the bytes for leaves an empty or cut feed under the
    // served name, which the store would import: each file's fsync must come before its rename.
    const events: string[] = [];
    const sync = Deno.FsFile.prototype.sync;
    const rename = Deno.rename;
    Deno.FsFile.prototype.sync = async function (this: Deno.FsFile) {
      events.push(`sync ${(await this.stat()).size}`);
      return sync.call(this);
    };
    Deno.rename = (from: string | URL, to: string | URL) => {
      events.push(`rename ${String(to).slice(dir.length + 1)}`);
      return rename(from, to);
    };
    try {
      const w = await FeedWriter.create(`${dir}/f.xml`);
      await w.write("<products/>\n");
      await w.close();
    } finally {
      Deno.FsFile.prototype.sync = sync;
      Deno.rename = rename;
    }
    const gz = Deno.statSync(`${dir}/f.xml.gz`).size;
    const xml = Deno.statSync(`${dir}/f.xml`).size;
    const name = (e: string) => e.replace(`sync ${gz}`, "sync gz").replace(`sync ${xml}`, "sync xml");
    const seen = events.map(name);
    for (const [file, final] of [["gz", "f.xml.gz"], ["xml", "f.xml"]]) {
      const synced = seen.indexOf(`sync ${file}`);
      assert.ok(synced >= 0, `the ${file} file is synced (${seen.join(", ")})`);
      assert.ok(synced < seen.indexOf(`rename ${final}`), `before it is renamed (${seen.join(", ")})`);
    }
  }));
