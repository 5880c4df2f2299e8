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
