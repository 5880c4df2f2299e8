/**
 * Issue "try it on your own data", done-when: a hand-written Nebim data set and store file (Turkish names,
 * three items, one order) load through `deno task sim -- --nebim-data … --store-data …`; the agent runs
 * through `deno task start -- sync products --once --config FILE --data DIR` with a partial settings file;
 * the store simulator then holds the expected products at the expected prices.
 */
import assert from "node:assert/strict";
import { FIXTURES, runTask, settingsFor, startFixtureSim, storeProducts } from "./processes.ts";
import type { StoreProduct } from "../../sim/qukasoft/types.ts";

/** productCode → [stockCode, quantity, price, marketplacePrice, value1, value2] per variant, sorted. */
function summary(products: StoreProduct[]) {
  return Object.fromEntries(
    products.map((p) => [
      p.productCode,
      p.variants.map((v) => [v.stockCode, v.quantity, v.price, v.marketplacePrice, v.value1, v.value2])
        .sort(),
    ]),
  );
}

const BEFORE = { "CNT-3005": [["8680000300056", 1, 1500, 1500, "", ""]] };

// Site margin 25 % on cost, then VAT; the marketplace has no margin: cost + VAT.
const AFTER = {
  "GML-2001": [
    ["8680000200011", 10, 600, 480, "Beyaz", "M"], // 400 TL cost, %20 VAT; 12 in, 2 out
    ["8680000200028", 5, 600, 480, "Beyaz", "L"],
    ["8680000200035", 6, 600, 480, "Mavi", "M"],
  ],
  "CNT-3005": [["8680000300056", 3, 1718.75, 1375, "", ""]], // 1250 TL, %10 VAT; was 1500 in the store
  "ATK-0007": [
    ["8680000400076", 16, 270, 216, "Kırmızı", ""], // 180 TL, %20 VAT
    ["8680000400083", 0, 270, 216, "Siyah", ""], // no stock movement at all: 0
  ],
};

Deno.test("try it: the agent syncs a hand-written data set from files into the store simulator", async (t) => {
  const sim = await startFixtureSim();
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-tryit-" });
  try {
    assert.match(sim.stderr(), /simulators up: 6 variants, 1 store products, 1 store orders/);
    const config = `${dir}/settings.json`;
    await Deno.writeTextFile(config, JSON.stringify(await settingsFor(sim.settings)));
    const data = `${dir}/data`;
    const sync = (...extra: string[]) =>
      runTask("start", ["sync", "products", "--once", ...extra, "--data", data]);

    await t.step("--dry-run prints what would change and changes nothing", async () => {
      const out = await sync("--dry-run", "--config", config);
      assert.equal(out.code, 0, out.stdout + out.stderr);
      const rows = out.stdout.split("\n").filter((l) => /^(create|addVariant|adopt|price|stock)\s/.test(l));
      assert.deepEqual(rows.map((l) => l.split(/\s+/).slice(0, 3)).sort(), [
        ["adopt", "8680000300056", "CNT-3005"],
        ["create", "8680000200011", "GML-2001"],
        ["create", "8680000200028", "GML-2001"],
        ["create", "8680000200035", "GML-2001"],
        ["create", "8680000400076", "ATK-0007"],
        ["create", "8680000400083", "ATK-0007"],
        ["price", "8680000300056", "CNT-3005"],
      ]);
      // Already in the store: adopted as it stands, then only what differs is sent.
      assert.match(
        out.stdout,
        /price\s+8680000300056\s+CNT-3005\s+quantity 1 → 3; price 1500\.00\/1500\.00 → 1718\.75\/1375\.00/,
      );
      assert.match(
        out.stdout,
        /dry run, nothing sent: full cycle, 3 items \/ 6 variants read; would create 5, would update 1/,
      );
      assert.deepEqual(summary(await storeProducts(sim.settings.qukasoft)), BEFORE);
      // A dry run on a data folder with no ledger yet leaves no ledger behind.
      await assert.rejects(Deno.stat(`${data}/ledger.sqlite`), Deno.errors.NotFound);
    });

    await t.step("a real run puts the products in the store at the expected prices", async () => {
      const out = await sync("--config", config);
      assert.equal(out.code, 0, out.stdout + out.stderr);
      assert.match(
        out.stdout,
        /full cycle, 3 items \/ 6 variants read; created 5, updated 1, .*failed 0, rejected 0/,
      );
      const products = await storeProducts(sim.settings.qukasoft);
      assert.deepEqual(summary(products), AFTER);
      const byCode = new Map(products.map((p) => [p.productCode, p]));
      assert.deepEqual(
        [...byCode.values()].map((p) => [p.productCode, p.name, p.vatRate]).sort(),
        [["ATK-0007", "Yün Atkı", 20], ["CNT-3005", "Deri Çanta", 10], ["GML-2001", "Pamuklu Gömlek", 20]],
      );
      // The product already in the store kept its id and its active state; new ones start passive.
      assert.deepEqual([byCode.get("CNT-3005")!.id, byCode.get("CNT-3005")!.active], [301, true]);
      assert.equal(byCode.get("GML-2001")!.active, false);
      await Deno.stat(`${data}/ledger.sqlite`);
    });

    await t.step(
      "a later start with the config file's margin changed applies it: a dry run shows it, a run re-prices all",
      async () => {
        const other = `${dir}/settings-40.json`;
        const changed = await settingsFor(sim.settings, `${FIXTURES}settings-40.json`);
        assert.equal(changed.pricing.site.percent, 40);
        await Deno.writeTextFile(other, JSON.stringify(changed));
        // Without --full: a price key changed, so the cycle is a full one, and every site price moves.
        const dry = await sync("--dry-run", "--config", other);
        assert.equal(dry.code, 0, dry.stdout + dry.stderr);
        assert.match(
          dry.stdout,
          /^note: The config file changes the settings kept in the ledger at pricing\.site\.percent: this dry run uses them and stores nothing$/m,
        );
        assert.match(dry.stdout, /^actions: 6 price$/m);
        assert.deepEqual(summary(await storeProducts(sim.settings.qukasoft)), AFTER);
        const out = await sync("--config", other);
        assert.equal(out.code, 0, out.stdout + out.stderr);
        assert.match(out.stdout, /^note: .* at pricing\.site\.percent: applied and kept$/m);
        assert.match(out.stdout, /full cycle, 3 items \/ 6 variants read; created 0, updated 6,/);
        const site = Object.values(summary(await storeProducts(sim.settings.qukasoft))).flat().map((
          v,
        ) => [v[0], v[2]]);
        assert.deepEqual(site.sort(), [
          ["8680000200011", 672], // 400 TL × 1.40 × 1.20
          ["8680000200028", 672],
          ["8680000200035", 672],
          ["8680000300056", 1925], // 1250 TL × 1.40 × 1.10
          ["8680000400076", 302.4], // 180 TL × 1.40 × 1.20
          ["8680000400083", 302.4],
        ]);
        // The same file again: no note, nothing to change.
        const same = await sync("--dry-run", "--config", other);
        assert.equal(same.code, 0, same.stdout + same.stderr);
        assert.doesNotMatch(same.stdout, /note:/);
        assert.match(same.stdout, /^nothing to change$/m);
      },
    );
  } finally {
    assert.equal(await sim.close(), 0, sim.stderr());
    await Deno.remove(dir, { recursive: true });
  }
});
