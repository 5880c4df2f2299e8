/**
 * `sync products --once` names each item the store refused, with the store's reason, on the screen and in
 * the --csv file: the refusal is an open problem in the ledger, and "rejected 1" alone sent the operator to
 * /health to learn which item and why.
 */
import assert from "node:assert/strict";
import { CANTA, GOMLEK } from "../support/items.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { syncOnce } from "../support/sync_once_cli.ts";

Deno.test("sync products --once names each item the store refused and the store's reason", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  h.clock.advance(120_000); // the items' rows, past every later window's overlap
  h.sims.qukasoft.state.refuse("8690000000031", "kategori eşleşmesi yok");
  const csv = `${h.dataDir}/out.csv`;
  const r = await syncOnce(h, ["--csv", csv]);
  assert.match(r.out, /, rejected 1$/m);
  assert.match(
    r.out,
    /^refused by the store .*:\nsubject +reason\n-+ +-+\n8690000000031 +store rejected it: kategori eşleşmesi yok\b/m,
  );
  assert.match(
    await Deno.readTextFile(csv),
    /^problem: store;8690000000031;;store rejected it: kategori eşleşmesi yok\b[^;]*;;;\r$/m,
  );

  // The next cycle does not send it again: it names no refusal of its own.
  h.clock.advance(120_000);
  const next = await syncOnce(h, []);
  assert.doesNotMatch(next.out, /refused by the store/);
});
