/**
 * The served build read back from the feed's folder (agent/feed_served.ts), as a restarted agent weighs its
 * first build against it: every row the feed wrote, whatever its values hold.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { servedIn } from "../../agent/feed_served.ts";
import { renderFeed } from "../../feed/xml.ts";
import { desired } from "../support/plan.ts";
import { withTempDir } from "../support/temp_dir.ts";

Deno.test("servedIn() reads back every row of the served build, a value holding the row's end tag too", () =>
  withTempDir("feed-served-", async (dir) => {
    // A value pasted from a web page, with a line break after its markup: Nebim takes any text.
    const odd = "Beyaz</product>\n";
    const rows = [
      desired("A1", { name: `Gömlek ${odd}` }),
      desired("B2", { variantValues: { name1: "Renk", value1: odd } }),
      desired("C3", { barcode: odd }),
      desired("D4", { quantity: 0 }),
    ];
    const path = join(dir, "products-1000-1.xml");
    await Deno.writeTextFile(path, renderFeed(rows, { category: "G", channel: "site" }));
    await Deno.writeTextFile(`${path}.gz`, "");
    const served = await servedIn(dir);
    assert.deepEqual([...served!.onSale].sort(), ["A1", "B2", "C3"]);
    assert.equal(served!.file.rows, 4);
  }));

Deno.test("servedIn() takes the highest build number, whatever the builds' times say (a clock set back)", () =>
  withTempDir("feed-served-", async (dir) => {
    // Build 7 was made after the clock went back an hour: its name's time, and its files', are the older.
    const builds = [
      { n: 6, at: Date.UTC(2026, 10, 28, 11), codes: ["OLD"] },
      { n: 7, at: Date.UTC(2026, 10, 28, 10), codes: ["NEW"] },
    ];
    for (const b of builds) {
      const path = join(dir, `products-${b.at}-${b.n}.xml`);
      await Deno.writeTextFile(
        path,
        renderFeed(b.codes.map((c) => desired(c)), { category: "G", channel: "site" }),
      );
      await Deno.writeTextFile(`${path}.gz`, "");
      for (const p of [path, `${path}.gz`]) await Deno.utime(p, b.at / 1000, b.at / 1000);
    }
    const served = await servedIn(dir);
    assert.equal(served!.file.path, join(dir, `products-${builds[1]!.at}-7.xml`));
    assert.deepEqual([...served!.onSale], ["NEW"]);
    assert.equal(served!.file.builtAt.getTime(), builds[1]!.at);
  }));
