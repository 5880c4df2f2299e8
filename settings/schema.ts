/**
 * The settings document (docs/settings.md, the operator's contract): one zod schema with the defaults
 * that make a partial document — even `{}` — valid and complete. Every object is strict, so a misspelt
 * key is an error naming its path rather than a silently ignored setting.
 *
 * Additions where docs/settings.md is silent: `catalog.countryCode` (base prices and tax groups are per
 * country in Nebim); the two `baseUrl`s may be null (= not configured yet, the default), since no URL is a
 * sensible default for them; `feed` (the XML import feed's category and price channel).
 * @module
 */

import { z } from "zod";
import { isRecord } from "../is_record.ts";
import { closestKey, knownKeys, placeOf, tagForKey } from "./suggest.ts";
import { channelOverride, type ChannelSettings, checkPlatforms, defaultChannel } from "./channels.ts";
import {
  httpUrl,
  money,
  nonEmpty,
  nonNegativeInt,
  percent,
  port,
  positiveInt,
  priceEnding,
  specialChannel,
  sqlHost,
  stockCodeTemplate,
  wholeNumber,
} from "./validators.ts";

const nebimSql = z.strictObject({
  host: sqlHost().default("127.0.0.1"),
  port: port().default(1433),
  instanceName: nonEmpty().regex(/^[^\\]*$/, "must be the instance's name alone, e.g. NEBIM").nullable()
    .default(null),
  database: z.string().default(""),
  user: z.string().default(""),
  password: z.string().default(""),
  encrypt: z.boolean().default(false),
  trustServerCertificate: z.boolean().default(true),
  requestTimeoutMs: positiveInt().default(30000),
}).superRefine((sql, ctx) => {
  // SSMS's SRV01\NEBIM,1500 dials the port and ignores the name, mssql the other way round: refuse both.
  if (sql.instanceName !== null && sql.port !== 1433) {
    ctx.addIssue({
      code: "custom",
      path: ["port"],
      message:
        "set either a port or nebim.sql.instanceName (whose port SQL Server Browser tells), not both; " +
        "for a named instance on a fixed port, set the port and instanceName null",
    });
  }
});

const integrator = z.strictObject({
  baseUrl: httpUrl().nullable().default(null),
  mode: z.enum(["token", "session"]).default("token"),
  databaseName: z.string().default(""),
  userGroupCode: z.string().default(""),
  userName: z.string().default(""),
  password: z.string().default(""),
  requestTimeoutMs: positiveInt().default(60000),
});

const qukasoft = z.strictObject({
  baseUrl: httpUrl().nullable().default(null),
  apiKey: z.string().default(""),
  apiSecret: z.string().default(""),
  requestsPer10s: positiveInt().default(50),
  requestTimeoutMs: positiveInt().default(30000),
});

/**
 * A tagged union's message for a tag of no option, in place of zod's, which lists the default's "undefined" among
 * the values (a tag left out is its default: the first option's, as docs/settings.md shows it).
 */
function tagOneOf(values: readonly string[]) {
  const message = `must be ${values.map((v) => JSON.stringify(v)).join(" or ")}`;
  return { error: (issue: { code?: string }) => issue.code === "invalid_union" ? message : undefined };
}

const stockCode = z.discriminatedUnion("from", [
  z.strictObject({
    from: z.literal("barcode").default("barcode"),
    barcodeTypeCode: nonEmpty().default("DEF"),
  }),
  // The barcode type here picks the barcode the store gets (the stock code is the template's).
  z.strictObject({
    from: z.literal("template"),
    template: stockCodeTemplate(),
    barcodeTypeCode: nonEmpty().default("DEF"),
  }),
], tagOneOf(["barcode", "template"]));

const priceSource = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("basePrice").default("basePrice"),
    basePriceCode: wholeNumber().min(0, "must be ≥ 0").max(255, "must be 0–255 (Nebim BasePriceCode)")
      .default(1),
  }),
  z.strictObject({ kind: z.literal("priceList"), priceGroupCode: nonEmpty() }),
], tagOneOf(["basePrice", "priceList"]));

const catalog = z.strictObject({
  langCode: nonEmpty().default("TR"),
  countryCode: nonEmpty().default("TR"),
  stockCode: stockCode.prefault({ from: "barcode" }),
  groupBy: z.enum(["item", "itemColor"]).default("item"),
  warehouses: z.array(nonEmpty()).min(1, "must name at least one warehouse").default(["W01"]),
  subtractReservations: z.boolean().default(true),
  safetyStock: nonNegativeInt().default(0),
  priceSource: priceSource.prefault({ kind: "basePrice" }),
  costIncludesVat: z.boolean().default(false),
  storePricesIncludeVat: z.boolean().default(true),
  newProductsActive: z.boolean().default(false),
  zeroStockForVanished: z.boolean().default(true),
  // The circuit breaker against mass zeroing (sync/vanish_limit.ts); null turns it off.
  vanishLimit: z.strictObject({
    percent: percent().max(100, "must be at most 100 (null turns the limit off)").default(20),
    atLeast: nonNegativeInt().default(50),
  })
    .nullable().prefault({}),
});

const margin = z.strictObject({ percent: percent().default(0), amount: money().default(0) });

const specialMargin = z.strictObject({
  from: money(),
  to: money().nullable().default(null),
  percent: percent().default(0),
  amount: money().default(0),
  channel: specialChannel().optional(),
});

type SpecialEntry = z.output<typeof specialMargin>;

const pricing = z.strictObject({
  updateNames: z.boolean().default(false),
  disablePriceUpdate: z.boolean().default(false),
  site: margin.prefault({}),
  marketplace: margin.prefault({}),
  // Checked even when an entry is mistyped ("1,5"): zod skips a refinement after a type error, and the overlap
  // came only once the operator had mended that and tried again.
  special: z.array(specialMargin).superRefine(checkRanges, { when: (p) => Array.isArray(p.value) }).default(
    [],
  ),
  ending: priceEnding().nullable().default(null),
});

/** Each range has from < to, and no two ranges that apply to the same channel overlap. */
function checkRanges(list: SpecialEntry[], ctx: z.RefinementCtx): void {
  // zod runs this even when an entry failed its own checks: look only at entries with usable bounds.
  const usable = (s: SpecialEntry | undefined): s is SpecialEntry =>
    typeof s === "object" && s !== null && typeof s.from === "number" &&
    (s.to === null || typeof s.to === "number");
  const upper = (s: SpecialEntry) => s.to ?? Infinity;
  list.forEach((s, i) => {
    if (usable(s) && s.from >= upper(s)) {
      ctx.addIssue({ code: "custom", path: [i, "to"], message: `must be greater than from (${s.from})` });
    }
  });
  for (let j = 1; j < list.length; j++) {
    const b = list[j];
    if (!usable(b) || b.from >= upper(b)) continue;
    for (let i = 0; i < j; i++) {
      const a = list[i];
      if (!usable(a) || a.from >= upper(a)) continue;
      const sameChannel = a.channel === undefined || b.channel === undefined || a.channel === b.channel;
      if (sameChannel && a.from < upper(b) && b.from < upper(a)) {
        const where = b.channel ?? a.channel ?? "both channels";
        ctx.addIssue({ code: "custom", path: [j], message: `overlaps pricing.special[${i}] (${where})` });
        break;
      }
    }
  }
}

const orders = z.strictObject({
  modelType: z.union([z.literal(6), z.literal(5)], {
    error: "must be 6 (retail order) or 5 (wholesale order)",
  })
    .default(6),
  statuses: z.array(wholeNumber().min(1, "must be 1–6").max(6, "must be 1–6"))
    .default([1, 2]),
  lookback: nonNegativeInt().default(200),
  shippingItem: z.strictObject({
    itemTypeCode: nonNegativeInt().default(5),
    itemCode: nonEmpty().default("KARGO"),
  })
    .prefault({}),
  // "default" may be left out (all its keys have defaults), e.g. by a document that only adds a platform.
  channels: z.object({ default: defaultChannel.prefault({}) }).catchall(channelOverride).superRefine(
    checkPlatforms,
    { when: (p) => isRecord(p.value) }, // as pricing.special's
  ).prefault({}),
});

const schedule = z.strictObject({
  productsEverySec: positiveInt().default(30),
  fullReconcileEveryMin: positiveInt().default(360),
  ordersEverySec: positiveInt().default(30),
});

const http = z.strictObject({ host: nonEmpty().default("127.0.0.1"), port: port().default(8787) });

/** The XML import feed (GET /feed/products.xml?token=…) for stores that pull a Kaynak on a schedule. */
const feed = z.strictObject({
  // Qukasoft's import fails on an empty kat1 ("Kategori bulunamadı"): every row carries this one.
  category: nonEmpty().default("Genel"),
  channel: z.enum(["site", "marketplace"]).default("site"),
  // The store imports the catalogue from this feed instead of taking it through the API: no product is
  // created or updated through the API, which would fight the import over the same products.
  insteadOfApi: z.boolean().default(false),
});

export const settingsSchema = z.strictObject({
  nebim: z.strictObject({ sql: nebimSql.prefault({}), integrator: integrator.prefault({}) }).prefault({}),
  qukasoft: qukasoft.prefault({}),
  catalog: catalog.prefault({}),
  pricing: pricing.prefault({}),
  orders: orders.prefault({}),
  schedule: schedule.prefault({}),
  http: http.prefault({}),
  feed: feed.prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;
export type NebimSqlSettings = Settings["nebim"]["sql"];
export type IntegratorSettings = Settings["nebim"]["integrator"];
export type QukasoftSettings = Settings["qukasoft"];
export type CatalogSettings = Settings["catalog"];
export type PricingSettings = Settings["pricing"];
export type OrdersSettings = Settings["orders"];
export type { ChannelSettings };
export type ScheduleSettings = Settings["schedule"];
export type HttpSettings = Settings["http"];
export type FeedSettings = Settings["feed"];

export interface SettingsIssue {
  /** Key path, e.g. "pricing.special[1].to"; "(document)" for the document itself. */
  path: string;
  message: string;
}

/** A settings document that does not validate; `issues` name every bad key path. */
/** Each issue as `path: message`, joined by "; ": how every settings error lists them on one line. */
export function issuesText(issues: readonly SettingsIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}

export class SettingsError extends Error {
  readonly issues: SettingsIssue[];

  constructor(issues: SettingsIssue[]) {
    super(`invalid settings: ${issuesText(issues)}`);
    this.name = "SettingsError";
    this.issues = issues;
  }
}

/** Validate a document and fill in the defaults. Throws SettingsError. */
export function parseSettings(doc: unknown): Settings {
  const result = settingsSchema.safeParse(doc);
  if (!result.success) throw new SettingsError(result.error.issues.flatMap((i) => toIssues(i, doc)));
  return result.data;
}

/** The complete document `{}` stands for. Frozen: copy before changing. */
export const DEFAULT_SETTINGS: Readonly<Settings> = deepFreeze(parseSettings({}));

/** A platform's channel mapping: its own keys over "default" (docs/settings.md, orders.channels). */
export function channelFor(orders: OrdersSettings, platform: string): ChannelSettings {
  const own = Object.hasOwn(orders.channels, platform) ? orders.channels[platform] : undefined;
  const merged: ChannelSettings = { ...orders.channels.default };
  for (const [key, value] of Object.entries(own ?? {})) {
    if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  return merged;
}

/** "pricing.special[1].to" from ["pricing", "special", 1, "to"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(document)";
  return path.map((p, i) => typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`).join(
    "",
  );
}

function toIssues(issue: z.core.$ZodIssue, doc: unknown): SettingsIssue[] {
  if (issue.code === "unrecognized_keys") {
    // The document picks a tagged union's option: a key of another option is not a slip for itself.
    const known = knownKeys(settingsSchema, issue.path, doc);
    return issue.keys.map((key) => {
      const tag = tagForKey(settingsSchema, issue.path, doc, key);
      if (tag !== undefined) {
        const [name, value, left] = [tag.name, tag.value, tag.left].map((v) => JSON.stringify(v));
        return {
          path: formatPath([...issue.path, key]),
          message: `a key of ${name}: ${value}: add that (${name} left out is ${left})`,
        };
      }
      const meant = closestKey(key, known);
      const place = meant === undefined ? placeOf(settingsSchema, key, issue.path) : undefined;
      const message = meant !== undefined
        ? `unknown key; did you mean "${meant}"?`
        : place !== undefined
        ? `unknown key here; it belongs at ${place}`
        : "unknown key";
      return { path: formatPath([...issue.path, key]), message };
    });
  }
  const message = issue.message.endsWith("received undefined") ? "required" : issue.message;
  return [{ path: formatPath(issue.path), message }];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
