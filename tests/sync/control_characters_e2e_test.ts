/**
 * Control characters pasted into Nebim's descriptions (a tab, a line break, a NUL from an import), end to end:
 * the store gets the text without them, as the feed does (feed/xml.ts), and a description of nothing else is
 * no description.
 */
import assert from "node:assert/strict";
import { syncHarness } from "../support/sync_harness.ts";

Deno.test("a name or colour with control characters reaches the store without them; one of nothing else is held", async () => {
  await using h = await syncHarness([
    {
      code: "CTRL-1",
      name: "Keten\tGömlek\r\n\u0000",
      cost: 40,
      variants: [{ color: "KRM", barcode: "8690000006001" }],
    },
    { code: "NUL-1", name: "\u0000", cost: 40, variants: [{ barcode: "8690000006002" }] },
  ]);
  h.data.insert("cdColorDesc", { ColorCode: "KRM", LangCode: "TR", ColorDescription: "\u0000\u0007" });
  await h.sync("full");
  const p = h.product("CTRL-1")!;
  assert.equal(p.name, "Keten Gömlek");
  assert.equal(p.variants[0]!.value1, "KRM", "a colour of control characters only is its code");
  assert.equal(h.product("NUL-1"), undefined, "no product with an invisible name");
  assert.deepEqual(
    h.ledger.openProblems({ limit: 10 }).map((p) => [p.subject, p.reason]),
    [["8690000006002", "no item description in Nebim for NUL-1"]],
  );
});
