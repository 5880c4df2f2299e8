/**
 * `sync products --once --csv FILE` whose file cannot be written once the cycle is done (the disk filled, the
 * path taken meanwhile): the exit code and message say the cycle ran to its end. It exited 1 with "Cannot
 * write --csv" alone, which reads as a failed sync, and a script or operator ran the cycle again.
 */
import assert from "node:assert/strict";
import { CANTA, GOMLEK } from "../support/items.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { syncOnce } from "../support/sync_once_cli.ts";

/** The path checked before the cycle is taken by a folder while the store works on its first save. */
function takenDuringSave(h: SyncHarness, csv: string): void {
  h.sims.qukasoft.log.onRequest = (e) => {
    if (!e.name.endsWith("/product/save")) return;
    h.sims.qukasoft.log.onRequest = undefined;
    Deno.removeSync(csv);
    Deno.mkdirSync(csv);
  };
}

Deno.test("sync products --once whose --csv cannot be written after the cycle exits 4, saying the cycle ran", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  const csv = `${h.dataDir}/out.csv`;
  takenDuringSave(h, csv);
  const r = await syncOnce(h, ["--csv", csv]);
  assert.equal(r.code, 4, r.err);
  assert.match(r.out, /created 3, updated 0, held 0, problems 0, failed 0, rejected 0$/m);
  assert.match(
    r.err,
    new RegExp(
      "sync products --once: the cycle ran to its end \\(its report above; what the store took is " +
        `recorded\\), but Cannot write --csv ${csv}: `,
    ),
  );
  assert.ok(h.variant("8690000000031"), "the store has the cycle's writes");
});

Deno.test("sync products --once whose store refused an item and whose --csv cannot be written exits 3, not 4", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  const csv = `${h.dataDir}/out.csv`;
  h.sims.qukasoft.state.refuse("8690000000031", "kategori eşleşmesi yok");
  takenDuringSave(h, csv);
  const r = await syncOnce(h, ["--csv", csv]);
  // A scheduled task must still see the partial cycle; the file's failure is said on stderr.
  assert.equal(r.code, 3, r.err);
  assert.match(r.out, /, rejected 1$/m);
  assert.match(r.err, new RegExp(`but Cannot write --csv ${csv}: `));
});
