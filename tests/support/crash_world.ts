/**
 * A full sync killed (SIGKILL) at chosen requests and started again: the agent as its own process through the
 * real command line, a proxy between it and the store simulator. The proxy also keeps the one record that
 * tells a duplicate create on any store: a create (a product/save entry carrying `active`, sync/plan.ts) sent
 * for a product the store already had. The simulator's save is an upsert by product code, so its product
 * count alone would not show one.
 * @module
 */

import assert from "node:assert/strict";
import { type Ledger, openLedger } from "../../ledger/ledger.ts";
import type { ItemSpec } from "./catalog.ts";
import { type SyncHarness, syncHarness } from "./sync_harness.ts";
import { proxiedAgent, syncOnceCommand } from "./agent_process.ts";
import { tooLargePage } from "../../sim/qukasoft/app.ts";

export const CRASH_ITEMS = 1_200; // 6 item batches (ITEM_BATCH) × 2 product/save requests of ≤ 100 products

export function crashCatalogue(): ItemSpec[] {
  return Array.from({ length: CRASH_ITEMS }, (_, i) => ({
    code: `URN-${String(i).padStart(5, "0")}`,
    name: `Ürün ${i}`,
    cost: 10 + (i % 50),
    variants: [{ size: "STD", barcode: `869${String(i).padStart(10, "0")}`, stock: 1 + (i % 7) }],
  }));
}

/** The product codes of a product/save body. */
export function savedCodes(body: string): string[] {
  return (JSON.parse(body) as { products: { productCode: string }[] }).products.map((p) => p.productCode);
}

/** When to kill a run: true kills it, before the store sees the request or once it applied it. */
export interface KillAt {
  before?: (path: string, body: string) => boolean;
  /** Told once the run was killed. */
  killed?: () => void;
  /** May hold the store's answer (a promise) before it says. */
  after?: (path: string, body: string) => boolean | Promise<boolean>;
}

export interface CrashWorld {
  h: SyncHarness;
  /**
   * `sync products --once --full` (`incremental`: without --full), killed at `at` (at most once); a request
   * sent after the kill is refused.
   */
  run(at?: KillAt, incremental?: boolean): Promise<{ code: number; killed: boolean; out: string }>;
  /** Creates in the agent's ledger sent and never answered. */
  unrecordedSends(): number;
  /** The agent's ledger, opened for `use` and closed. */
  withLedger<T>(use: (ledger: Ledger) => T): T;
  /** Asserts the store holds the catalogue, each product created once, and a further run has nothing to do. */
  assertConverged(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `tooLarge`: a request the web server in front of the store refuses (413, its own page) before the store
 * sees it, in every run.
 */
export async function crashWorld(
  tooLarge?: (path: string, body: string) => boolean,
  items = crashCatalogue(),
): Promise<CrashWorld> {
  const h = await syncHarness(items);
  let child: Deno.ChildProcess | undefined;
  let at: KillAt = {};
  let killed = false;
  const recreated: string[] = [];
  const kill = () => {
    if (child && !killed) child.kill("SIGKILL");
    killed = true;
    at.killed?.();
  };
  const agent = await proxiedAgent(h, async (path, body) => {
    if (!killed && await at.after?.(path, body)) kill();
  }, (path, body): Response | undefined => {
    if (killed) return new Response("", { status: 502 }); // the killed agent's requests still on their way
    if (tooLarge?.(path, body)) return tooLargePage();
    if (at.before?.(path, body)) {
      kill();
      return new Response("", { status: 502 });
    }
    if (!path.endsWith("/product/save")) return undefined;
    for (
      const p of (JSON.parse(body) as { products: { productCode: string; active?: boolean }[] }).products
    ) {
      if ("active" in p && h.product(p.productCode)) recreated.push(p.productCode);
    }
    return undefined;
  });
  const ledgerPath = `${agent.dataDir}/ledger.sqlite`;
  const world: CrashWorld = {
    h,
    async run(kills = {}, incremental = false) {
      at = kills;
      killed = false;
      child = syncOnceCommand(agent.configPath, agent.dataDir, ...incremental ? [] : ["--full"]).spawn();
      try {
        const o = await child.output();
        const out = new TextDecoder().decode(o.stdout) + new TextDecoder().decode(o.stderr);
        return { code: o.code, killed, out };
      } finally {
        child = undefined;
        at = {};
      }
    },
    withLedger(use) {
      const ledger = openLedger(ledgerPath);
      try {
        return use(ledger);
      } finally {
        ledger.close();
      }
    },
    unrecordedSends: () => world.withLedger((l) => l.unrecordedSends().ids.length),
    async assertConverged() {
      const last = await world.run();
      assert.equal(last.code, 0, last.out);
      const state = h.sims.qukasoft.state;
      assert.equal(state.products.size, CRASH_ITEMS, "every product is in the store");
      for (const [code, n] of state.creations.products) assert.equal(n, 1, `${code} created ${n} times`);
      assert.deepEqual(recreated, [], "no create was sent for a product the store already had");
      for (let i = 0; i < CRASH_ITEMS; i += 97) {
        const v = h.variant(`869${String(i).padStart(10, "0")}`)!;
        assert.equal(v.variant.quantity, 1 + (i % 7), v.product.productCode);
        assert.equal(v.product.active, false);
      }
      assert.equal(world.unrecordedSends(), 0, "every unanswered send settled");
      const again = await world.run();
      assert.match(again.out, /nothing to change/);
    },
    async close() {
      await agent.close();
      await h.close();
    },
  };
  return world;
}
