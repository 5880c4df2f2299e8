/**
 * orders.channels' platform keys: an order's platform is matched to its key exactly, so a blank key, one with
 * spaces around it, or a second spelling of a platform was accepted and its codes never used (the order went
 * to Nebim under the default channel's customer, office and warehouse, or under one of two entries).
 */
import assert from "node:assert/strict";
import { channelFor, parseSettings } from "../../settings/schema.ts";
import { issuesOf } from "../support/settings_issues.ts";

const TY = { customerCode: "TY001" };

Deno.test("orders.channels refuses a blank or whitespace-only platform key, naming orders.channels", () => {
  for (const key of ["", "  "]) {
    assert.deepEqual(issuesOf({ orders: { channels: { [key]: TY } } }), [{
      path: "orders.channels",
      message: `a platform's key is blank (${JSON.stringify(key)}): name the platform as its orders do ` +
        "(trendyol, hepsiburada, …)",
    }]);
  }
});

Deno.test("orders.channels refuses a platform spelt twice, differing only in case or spaces, naming the second", () => {
  assert.deepEqual(
    issuesOf({ orders: { channels: { trendyol: TY, Trendyol: { customerCode: "TY002" } } } }),
    [{
      path: "orders.channels.Trendyol",
      message: "the same platform as orders.channels.trendyol, spelt with other case or spaces: keep one",
    }],
  );
  assert.deepEqual(issuesOf({ orders: { channels: { n11: TY, " N11": TY } } }), [{
    path: "orders.channels. N11",
    message: "the same platform as orders.channels.n11, spelt with other case or spaces: keep one",
  }]);
});

Deno.test("orders.channels refuses a platform key with spaces around it: no order's platform matches it", () => {
  assert.deepEqual(issuesOf({ orders: { channels: { "trendyol ": TY } } }), [{
    path: "orders.channels.trendyol ",
    message: 'has spaces around it ("trendyol "), so no order\'s platform matches it: write "trendyol"',
  }]);
  // Spelt as the orders spell it, the entry is the platform's.
  const s = parseSettings({ orders: { channels: { trendyol: TY, hepsiburada: { customerCode: "HB001" } } } });
  assert.equal(channelFor(s.orders, "trendyol").customerCode, "TY001");
  assert.equal(channelFor(s.orders, "hepsiburada").customerCode, "HB001");
});
