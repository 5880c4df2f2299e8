/**
 * The seeded Nebim catalogue generator: the same options give the same data set, byte for byte. Plans the
 * items first (plan.ts), plants anomalies on request (anomalies.ts), then writes every table through
 * `NebimDataSet.insert`, giving every date and id itself so nothing depends on the real clock.
 * @module
 */

import { NebimDataSet } from "../nebim/dataset.ts";
import { Random } from "../random.ts";
import { plantAnomalies, type PlantedAnomaly } from "./anomalies.ts";
import { sqlDateTime } from "./codes.ts";
import { type GenContext, makeContext } from "./context.ts";
import { planCatalogue, type PlannedItem, type PlannedVariant } from "./plan.ts";
import { writePrices } from "./prices.ts";
import { writeReference } from "./reference.ts";
import { writeStock } from "./stock.ts";

export type { AnomalyKind, PlantedAnomaly } from "./anomalies.ts";

export interface NebimGenOptions {
  /** Exactly this many prItemVariant rows (0..200 000). */
  variants: number;
  seed: number;
  /** The generation moment: audit dates fall before it. Default DEFAULT_NOW, so output is deterministic. */
  now?: Date;
  /** Plant one of each bad row the agent must report (anomalies.ts); needs at least 9 variants. */
  anomalies?: boolean;
  /** SQL Server's clock for the data set (GETDATE(), defaults of later inserts); not used for generated rows. */
  clock?: () => Date;
}

export interface GeneratedCatalogue {
  data: NebimDataSet;
  /** DEF barcodes of sellable variants (item and variant neither blocked nor off the internet), no anomalies. */
  stockCodes: string[];
  /** What `anomalies: true` planted, one entry per kind; empty otherwise. */
  anomalies: PlantedAnomaly[];
}

export const DEFAULT_NOW = new Date("2026-11-01T10:00:00Z");
export const MAX_VARIANTS = 200_000;

export function generateNebim(o: NebimGenOptions): GeneratedCatalogue {
  if (!Number.isInteger(o.variants) || o.variants < 0 || o.variants > MAX_VARIANTS) {
    throw new RangeError(`generateNebim: variants must be an integer 0..${MAX_VARIANTS}, got ${o.variants}`);
  }
  if (!Number.isInteger(o.seed)) {
    throw new RangeError(`generateNebim: seed must be an integer, got ${o.seed}`);
  }
  const now = o.now ?? DEFAULT_NOW;
  if (Number.isNaN(now.getTime())) throw new RangeError("generateNebim: now is an invalid Date");

  const data = new NebimDataSet(o.clock ? { clock: o.clock } : {});
  const ctx = makeContext(data, new Random(o.seed), now);
  const items = planCatalogue(ctx.rng, { variants: o.variants, auditPoolSize: ctx.audit.length });
  // A stream of its own, so planting anomalies does not reshuffle the plan.
  const anomalies = o.anomalies ? plantAnomalies(new Random(o.seed ^ 0x5eed_a11), items) : [];

  writeReference(data, sqlDateTime(now.getTime() - 900 * 86_400_000));
  writeItems(ctx, items);
  writePrices(ctx, items);
  writeStock(ctx, items);

  const stockCodes: string[] = [];
  for (const item of items) {
    if (item.anomaly || item.blocked || !item.useInternet) continue;
    for (const v of item.variants) if (!v.blocked && v.useInternet) stockCodes.push(v.barcode);
  }
  return { data, stockCodes, anomalies };
}

function writeItems(ctx: GenContext, items: readonly PlannedItem[]): void {
  const { data } = ctx;
  for (const item of items) {
    const audit = {
      CreatedUserName: "V3",
      CreatedDate: ctx.audit[item.created]!,
      LastUpdatedUserName: item.updated === item.created ? "V3" : "MERVE",
      LastUpdatedDate: ctx.audit[item.updated]!,
    };
    data.insert("cdItem", {
      ItemTypeCode: 1,
      ItemCode: item.code,
      ItemDimTypeCode: item.dimType,
      ProductTypeCode: "",
      ItemTaxGrCode: item.taxGroup,
      UnitOfMeasureCode1: "AD",
      UseInternet: item.useInternet,
      UsePOS: true,
      IsBlocked: item.blocked,
      IsLocked: false,
      IsSalesOrderClosed: false,
      ...audit,
    });
    if (item.name !== null) {
      data.insert("cdItemDesc", {
        ItemTypeCode: 1,
        ItemCode: item.code,
        LangCode: "TR",
        ItemDescription: item.name,
        ...audit,
      });
    }
    for (const v of item.variants) {
      // Literal rows, no spreads: this loop runs for every variant and barcode.
      const created = ctx.audit[v.created]!;
      const updated = ctx.audit[v.updated]!;
      data.insert("prItemVariant", {
        ItemTypeCode: 1,
        ItemCode: item.code,
        ColorCode: v.color,
        ItemDim1Code: v.size,
        ItemDim2Code: "",
        ItemDim3Code: "",
        UseInternet: v.useInternet,
        IsBlocked: v.blocked,
        IsLocked: false,
        IsSalesOrderClosed: false,
        CreatedUserName: "V3",
        CreatedDate: created,
        LastUpdatedUserName: "V3",
        LastUpdatedDate: updated,
      });
      writeBarcode(data, item, v, v.barcode, "DEF", created, updated);
      if (v.extra) writeBarcode(data, item, v, v.extra.barcode, v.extra.type, created, updated);
    }
  }
}

function writeBarcode(
  data: NebimDataSet,
  item: PlannedItem,
  v: PlannedVariant,
  barcode: string,
  type: string,
  created: string,
  updated: string,
): void {
  data.insert("prItemBarcode", {
    Barcode: barcode,
    BarcodeTypeCode: type,
    ItemTypeCode: 1,
    ItemCode: item.code,
    ColorCode: v.color,
    ItemDim1Code: v.size,
    ItemDim2Code: "",
    ItemDim3Code: "",
    UnitOfMeasureCode: "AD",
    Qty: 1,
    CreatedUserName: "V3",
    CreatedDate: created,
    LastUpdatedUserName: "V3",
    LastUpdatedDate: updated,
  });
}
