import assert from "node:assert/strict";
import {
  channelPrice,
  type PriceDecision,
  priceFor,
  type PriceInput,
  type PriceRules,
  rulesFromSettings,
} from "../../pricing/rules.ts";
import { kurusFromDecimal } from "../../pricing/money.ts";
import { parseSettings } from "../../settings/schema.ts";
import { ZERO_RULES } from "../support/pricing.ts";

/** Zero margins, no specials, no ending, cost and store both VAT-exclusive (no VAT change). */
const BASE = ZERO_RULES;

interface Row {
  name: string;
  rules: Partial<PriceRules>;
  input: PriceInput;
  expect: PriceDecision;
}

function ok(site: number, marketplace: number = site): PriceDecision {
  return { ok: true, site, marketplace };
}

const NO_VAT = { vatRate: null };
const VAT_ADD = { costIncludesVat: false, storePricesIncludeVat: true };
const VAT_REMOVE = { costIncludesVat: true, storePricesIncludeVat: false };

// Every expected value is worked by hand in kuruş in the row's name.
const ROWS: Row[] = [
  // Channel margins
  {
    name: "site 10 %: 100.00 → 110.00",
    rules: { site: { percent: 10, amount: 0 } },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(11000, 10000),
  },
  {
    name: "site 5.50 TL: 100.00 → 105.50",
    rules: { site: { percent: 0, amount: 5.5 } },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(10550, 10000),
  },
  {
    name: "marketplace 12.5 %: 100.00 → 112.50",
    rules: { marketplace: { percent: 12.5, amount: 0 } },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(10000, 11250),
  },
  {
    name: "marketplace 19.99 TL: 100.00 → 119.99",
    rules: { marketplace: { percent: 0, amount: 19.99 } },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(10000, 11999),
  },
  {
    name: "site 20 % + 5 TL: 123.45 × 1.2 = 148.14, + 5 = 153.14",
    rules: { site: { percent: 20, amount: 5 } },
    input: { costKurus: 12345, ...NO_VAT },
    expect: ok(15314, 12345),
  },
  {
    name: "both channels at once: site 10 %, marketplace 25 % + 1 TL",
    rules: { site: { percent: 10, amount: 0 }, marketplace: { percent: 25, amount: 1 } },
    input: { costKurus: 8000, ...NO_VAT },
    expect: ok(8800, 10100),
  },

  // Special margins: first match wins
  {
    name: "first special wins: 50.00 in [0,100) and [0,1000) → 50 × 1.6 + 5 = 85.00",
    rules: {
      special: [{ from: 0, to: 100, percent: 60, amount: 5 }, { from: 0, to: 1000, percent: 10, amount: 0 }],
    },
    input: { costKurus: 5000, ...NO_VAT },
    expect: ok(8500),
  },
  {
    name: "second special when the first does not contain the cost: 500.00 × 1.1 = 550.00",
    rules: {
      special: [{ from: 0, to: 100, percent: 60, amount: 5 }, { from: 0, to: 1000, percent: 10, amount: 0 }],
    },
    input: { costKurus: 50000, ...NO_VAT },
    expect: ok(55000),
  },
  {
    name: "a special margin replaces the channel margin (not added to it)",
    rules: { site: { percent: 10, amount: 3 }, special: [{ from: 0, to: null, percent: 50, amount: 0 }] },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(15000),
  },

  // Range bounds [from, to)
  {
    name: "from is inclusive: 100.00 in [100,200) → × 1.5 = 150.00",
    rules: { site: { percent: 10, amount: 0 }, special: [{ from: 100, to: 200, percent: 50, amount: 0 }] },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(15000, 15000),
  },
  {
    name: "just below from: 99.99 → site 10 % = 109.989 → 109.99",
    rules: { site: { percent: 10, amount: 0 }, special: [{ from: 100, to: 200, percent: 50, amount: 0 }] },
    input: { costKurus: 9999, ...NO_VAT },
    expect: ok(10999, 9999),
  },
  {
    name: "just below to: 199.99 × 1.5 = 299.985 → 299.99",
    rules: { site: { percent: 10, amount: 0 }, special: [{ from: 100, to: 200, percent: 50, amount: 0 }] },
    input: { costKurus: 19999, ...NO_VAT },
    expect: ok(29999, 29999),
  },
  {
    name: "to is exclusive: 200.00 → site 10 % = 220.00",
    rules: { site: { percent: 10, amount: 0 }, special: [{ from: 100, to: 200, percent: 50, amount: 0 }] },
    input: { costKurus: 20000, ...NO_VAT },
    expect: ok(22000, 20000),
  },
  {
    name: "to null has no upper bound: 100000.00 × 1.15 = 115000.00",
    rules: { special: [{ from: 1000, to: null, percent: 15, amount: 0 }] },
    input: { costKurus: 10_000_000, ...NO_VAT },
    expect: ok(11_500_000),
  },
  {
    name: "decimal bounds: 10.50 in [10.50, 20.25)",
    rules: { special: [{ from: 10.5, to: 20.25, percent: 100, amount: 0 }] },
    input: { costKurus: 1050, ...NO_VAT },
    expect: ok(2100),
  },
  {
    name: "decimal bounds: 20.25 is outside [10.50, 20.25)",
    rules: { special: [{ from: 10.5, to: 20.25, percent: 100, amount: 0 }] },
    input: { costKurus: 2025, ...NO_VAT },
    expect: ok(2025),
  },

  // Channel-specific special margins
  {
    name: "marketplace-only special: site keeps its 10 %, marketplace gets 50 %",
    rules: {
      site: { percent: 10, amount: 0 },
      special: [{ from: 0, to: null, percent: 50, amount: 0, channel: "marketplace" }],
    },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(11000, 15000),
  },
  {
    name: "site-only special: marketplace keeps its 5 TL",
    rules: {
      marketplace: { percent: 0, amount: 5 },
      special: [{ from: 0, to: null, percent: 20, amount: 0, channel: "site" }],
    },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(12000, 10500),
  },
  {
    name: "site-specific before a both-channel range: site 30 %, marketplace 20 %",
    rules: {
      special: [{ from: 0, to: 100, percent: 30, amount: 0, channel: "site" }, {
        from: 0,
        to: 100,
        percent: 20,
        amount: 0,
      }],
    },
    input: { costKurus: 5000, ...NO_VAT },
    expect: ok(6500, 6000),
  },

  // VAT
  {
    name: "VAT added: (100.00 × 1.1) × 1.2 = 132.00",
    rules: { ...VAT_ADD, site: { percent: 10, amount: 0 } },
    input: { costKurus: 10000, vatRate: 20 },
    expect: ok(13200, 12000),
  },
  {
    name: "VAT added after the TL amount: (100.00 + 5) × 1.2 = 126.00",
    rules: { ...VAT_ADD, site: { percent: 0, amount: 5 } },
    input: { costKurus: 10000, vatRate: 20 },
    expect: ok(12600, 12000),
  },
  {
    name: "VAT 8 % added: 9.99 × 1.08 = 10.7892 → 10.79",
    rules: VAT_ADD,
    input: { costKurus: 999, vatRate: 8 },
    expect: ok(1079),
  },
  {
    name: "VAT 0 % added: unchanged",
    rules: VAT_ADD,
    input: { costKurus: 999, vatRate: 0 },
    expect: ok(999),
  },
  {
    name: "VAT removed: 120.00 / 1.2 = 100.00",
    rules: VAT_REMOVE,
    input: { costKurus: 12000, vatRate: 20 },
    expect: ok(10000),
  },
  {
    name: "VAT removed after the margin: 120.00 × 1.1 / 1.2 = 110.00",
    rules: { ...VAT_REMOVE, site: { percent: 10, amount: 0 } },
    input: { costKurus: 12000, vatRate: 20 },
    expect: ok(11000, 10000),
  },
  {
    name: "VAT 10 % removed: 10.00 / 1.1 = 9.0909 → 9.09",
    rules: VAT_REMOVE,
    input: { costKurus: 1000, vatRate: 10 },
    expect: ok(909),
  },
  {
    name: "no VAT change when both include it (rate not needed)",
    rules: { costIncludesVat: true, storePricesIncludeVat: true },
    input: { costKurus: 12000, vatRate: null },
    expect: ok(12000),
  },
  {
    name: "no VAT change when both exclude it (rate ignored)",
    rules: {},
    input: { costKurus: 12000, vatRate: 20 },
    expect: ok(12000),
  },
  {
    name: "item override: price list IsTaxIncluded=1 beats costIncludesVat=false → no change",
    rules: VAT_ADD,
    input: { costKurus: 12000, vatRate: 20, costIncludesVat: true },
    expect: ok(12000),
  },
  {
    name: "item override: IsTaxIncluded=0 beats costIncludesVat=true → VAT added",
    rules: { costIncludesVat: true, storePricesIncludeVat: true },
    input: { costKurus: 10000, vatRate: 20, costIncludesVat: false },
    expect: ok(12000),
  },
  {
    name: "item override null: the rules' setting applies",
    rules: VAT_ADD,
    input: { costKurus: 10000, vatRate: 20, costIncludesVat: null },
    expect: ok(12000),
  },
  {
    name: "ranges compare the cost as read (VAT-exclusive 90.00 is in [0,100) though 108.00 with VAT is not)",
    rules: { ...VAT_ADD, special: [{ from: 0, to: 100, percent: 100, amount: 0 }] },
    input: { costKurus: 9000, vatRate: 20 },
    expect: ok(21600),
  },

  // Half-up rounding
  {
    name: "half-up: 0.01 × 1.5 = 0.015 → 0.02",
    rules: { site: { percent: 50, amount: 0 } },
    input: { costKurus: 1, ...NO_VAT },
    expect: ok(2, 1),
  },
  {
    name: "half-up: 0.03 × 1.5 = 0.045 → 0.05",
    rules: { site: { percent: 50, amount: 0 } },
    input: { costKurus: 3, ...NO_VAT },
    expect: ok(5, 3),
  },
  {
    name: "below half rounds down: 0.01 × 1.125 → 0.01",
    rules: { site: { percent: 12.5, amount: 0 } },
    input: { costKurus: 1, ...NO_VAT },
    expect: ok(1, 1),
  },

  // Endings
  {
    name: ".90: 123.45 → 123.90",
    rules: { ending: "0.90" },
    input: { costKurus: 12345, ...NO_VAT },
    expect: ok(12390),
  },
  {
    name: ".90: 123.95 → 124.90",
    rules: { ending: "0.90" },
    input: { costKurus: 12395, ...NO_VAT },
    expect: ok(12490),
  },
  {
    name: ".90: 123.90 stays",
    rules: { ending: "0.90" },
    input: { costKurus: 12390, ...NO_VAT },
    expect: ok(12390),
  },
  {
    name: ".90: 123.00 → 123.90",
    rules: { ending: "0.90" },
    input: { costKurus: 12300, ...NO_VAT },
    expect: ok(12390),
  },
  {
    name: ".90: 0.50 → 0.90",
    rules: { ending: "0.90" },
    input: { costKurus: 50, ...NO_VAT },
    expect: ok(90),
  },
  {
    name: ".90: 123.901 (100.00 TL + 23.901 %) is above 123.90 → 124.90",
    rules: { ending: "0.90", site: { percent: 23.901, amount: 0 } },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(12490, 10090),
  },
  {
    name: ".99: 123.45 → 123.99",
    rules: { ending: "0.99" },
    input: { costKurus: 12345, ...NO_VAT },
    expect: ok(12399),
  },
  {
    name: ".99: 123.99 stays",
    rules: { ending: "0.99" },
    input: { costKurus: 12399, ...NO_VAT },
    expect: ok(12399),
  },
  {
    name: ".99: 124.00 → 124.99",
    rules: { ending: "0.99" },
    input: { costKurus: 12400, ...NO_VAT },
    expect: ok(12499),
  },
  { name: ".99: 0.01 → 0.99", rules: { ending: "0.99" }, input: { costKurus: 1, ...NO_VAT }, expect: ok(99) },
  {
    name: "one rounding at the end: 100.01 × 1.005 = 100.51005 → .90 = 100.90",
    rules: { ending: "0.90", site: { percent: 0.5, amount: 0 } },
    input: { costKurus: 10001, ...NO_VAT },
    expect: ok(10090, 10090),
  },
  {
    name: "ending after VAT: 100.00 × 1.2 = 120.00 → 120.99",
    rules: { ...VAT_ADD, ending: "0.99" },
    input: { costKurus: 10000, vatRate: 20 },
    expect: ok(12099),
  },

  // Exactness where floats drift
  {
    name: "125.00 + 0.72 % = 125.90 exactly (float gives 12590.000000000002 → 126.90)",
    rules: { ending: "0.90", site: { percent: 0.72, amount: 0 } },
    input: { costKurus: 12500, ...NO_VAT },
    expect: ok(12590, 12590),
  },
  {
    name: "300.00 + 33.33 % = 399.99 exactly",
    rules: { site: { percent: 33.33, amount: 0 } },
    input: { costKurus: 30000, ...NO_VAT },
    expect: ok(39999, 30000),
  },
  {
    name: "100.00 + 15 % = 115.00 → .99 = 115.99 (float 114.99999…)",
    rules: { ending: "0.99", site: { percent: 15, amount: 0 } },
    input: { costKurus: 10000, ...NO_VAT },
    expect: ok(11599, 10099),
  },
  {
    name: "30.00 + 7.25 % + 20 % VAT = 38.61 exactly",
    rules: { ...VAT_ADD, site: { percent: 7.25, amount: 0 } },
    input: { costKurus: 3000, vatRate: 20 },
    expect: ok(3861, 3600),
  },
  {
    name: "0.29 TL amount is 29 kuruş (float 28.999…): 1.61 + 0.29 = 1.90 stays",
    rules: { ending: "0.90", site: { percent: 0, amount: 0.29 } },
    input: { costKurus: 161, ...NO_VAT },
    expect: ok(190, 190),
  },
  {
    name: "cost 0.10 + 0.20 TL read as 30 kuruş",
    rules: {},
    input: { costKurus: kurusFromDecimal(0.1 + 0.2), ...NO_VAT },
    expect: ok(30),
  },

  // Holds
  {
    name: "hold: no cost",
    rules: {},
    input: { costKurus: null, vatRate: 20 },
    expect: { ok: false, reason: "no cost in Nebim" },
  },
  {
    name: "hold: cost 0",
    rules: {},
    input: { costKurus: 0, vatRate: 20 },
    expect: { ok: false, reason: "cost is 0" },
  },
  {
    name: "hold: negative cost",
    rules: {},
    input: { costKurus: -150, vatRate: 20 },
    expect: { ok: false, reason: "cost is negative (-1.50 TL)" },
  },
  {
    name: "hold: fractional kuruş cost",
    rules: {},
    input: { costKurus: 10.5, vatRate: 20 },
    expect: { ok: false, reason: "cost is not a whole number of kuruş (10.5)" },
  },
  {
    name: "hold: VAT to add but no rate",
    rules: VAT_ADD,
    input: { costKurus: 10000, vatRate: null },
    expect: { ok: false, reason: "unknown VAT rate" },
  },
  {
    name: "hold: VAT to remove but no rate",
    rules: VAT_REMOVE,
    input: { costKurus: 10000, vatRate: null },
    expect: { ok: false, reason: "unknown VAT rate" },
  },
  {
    name: "hold: negative VAT rate",
    rules: VAT_ADD,
    input: { costKurus: 10000, vatRate: -1 },
    expect: { ok: false, reason: "VAT rate is negative (-1 %)" },
  },
  {
    name: "hold: site price ≤ 0 (negative amount from hand-made rules)",
    rules: { site: { percent: 0, amount: -2 } },
    input: { costKurus: 100, ...NO_VAT },
    expect: { ok: false, reason: "site price would be ≤ 0" },
  },
  {
    name: "hold: marketplace price ≤ 0",
    rules: { marketplace: { percent: -100, amount: 0 } },
    input: { costKurus: 100, ...NO_VAT },
    expect: { ok: false, reason: "marketplace price would be ≤ 0" },
  },
  {
    name: "hold: rounds to 0 (0.01 with 300 % VAT removed = 0.0025)",
    rules: VAT_REMOVE,
    input: { costKurus: 1, vatRate: 300 },
    expect: { ok: false, reason: "site price would be ≤ 0" },
  },
];

for (const row of ROWS) {
  Deno.test(`priceFor: ${row.name}`, () => {
    assert.deepEqual(priceFor(row.input, { ...BASE, ...row.rules }), row.expect);
  });
}

Deno.test("channelPrice prices one channel and gives a reason instead of a price", () => {
  const rules: PriceRules = {
    ...BASE,
    ...VAT_ADD,
    site: { percent: 10, amount: 0 },
    marketplace: { percent: 20, amount: 0 },
  };
  assert.equal(channelPrice(10000, 20, false, "site", rules), 13200);
  assert.equal(channelPrice(10000, 20, false, "marketplace", rules), 14400);
  assert.equal(channelPrice(12000, null, true, "site", { ...rules, storePricesIncludeVat: true }), 13200);
  assert.deepEqual(channelPrice(10000, null, false, "site", rules), { reason: "unknown VAT rate" });
  assert.deepEqual(channelPrice(0, 20, false, "site", rules), { reason: "cost is 0" });
});

Deno.test("rulesFromSettings maps the pricing and catalog VAT settings", () => {
  const settings = parseSettings({
    catalog: { costIncludesVat: true, storePricesIncludeVat: false },
    pricing: {
      site: { percent: 12.5, amount: 1.5 },
      marketplace: { percent: 20, amount: 0 },
      special: [{ from: 0, to: 100, percent: 60, amount: 5 }, {
        from: 1000,
        to: null,
        percent: 15,
        channel: "site",
      }],
      ending: "0.99",
      updateNames: true,
    },
  });
  const rules = rulesFromSettings(settings.pricing, settings.catalog);
  assert.deepEqual(rules, {
    site: { percent: 12.5, amount: 1.5 },
    marketplace: { percent: 20, amount: 0 },
    special: [
      { from: 0, to: 100, percent: 60, amount: 5 },
      { from: 1000, to: null, percent: 15, amount: 0, channel: "site" },
    ],
    ending: "0.99",
    costIncludesVat: true,
    storePricesIncludeVat: false,
  });
  // 1200.00 incl. 20 % VAT: site special 15 % → 1380.00 / 1.2 = 1150.00 → 1150.99; marketplace 20 % → 1200.99.
  assert.deepEqual(priceFor({ costKurus: 120000, vatRate: 20 }, rules), ok(115099, 120099));
});
