/**
 * The catalogue queries: nebim:serverTime, nebim:databaseCreated, nebim:itemCodesPage, nebim:variants,
 * nebim:barcodes.
 * @module
 */

import { roundDatetime, type Row } from "../dataset.ts";
import { type QueryResult, SqlError } from "../../tds/server.ts";
import { ciEquals, ciKey, compareKeys } from "./collate.ts";
import { col } from "./columns.ts";
import { firstIndex, type HandlerContext, itemKeys, itemRows, productsOnly } from "./context.ts";
import { hasPredicate, intParam, textParam } from "./sql_text.ts";

/** `SELECT GETDATE() AS ServerTime`: the data set's clock, at datetime precision. */
export function serverTime(ctx: HandlerContext): QueryResult {
  return {
    resultSets: [{
      columns: [{ name: "ServerTime", type: "datetime", nullable: false }],
      rows: [[roundDatetime(ctx.data.clock())]],
    }],
  };
}

/** `SELECT d.create_date AS CreatedAt FROM sys.databases d WHERE d.database_id = DB_ID()`: the login's own row. */
export function databaseCreated(ctx: HandlerContext): QueryResult {
  return {
    resultSets: [{
      columns: [{ name: "CreatedAt", type: "datetime", nullable: false }],
      rows: [[ctx.data.databaseCreated]],
    }],
  };
}

/**
 * `SELECT TOP (@take) ItemCode FROM cdItem WHERE ItemTypeCode = 1 AND ItemCode > @after ORDER BY ItemCode`, with
 * the type filter and `>` as the statement has them: `>=` repeats the last code of the page before.
 */
export function itemCodesPage(ctx: HandlerContext): QueryResult {
  const take = intParam(ctx.req, "take") ?? 0;
  const after = textParam(ctx.req, "after");
  const codes = ctx.idx.sortedItemCodes(!productsOnly(ctx, "i"));
  const strictly = !hasPredicate(ctx.stripped, "i.ItemCode >= @after");
  const rows: unknown[][] = [];
  if (after !== null && take > 0) {
    const from = firstIndex(codes, ciKey(after), strictly);
    // TOP without ORDER BY takes whichever rows come first: here cdItem's own order, not the codes'.
    const page = /\bORDER\s+BY\s+i\.ItemCode\b/i.test(ctx.stripped)
      ? codes.slice(from)
      : inTableOrder(ctx, codes.slice(from));
    for (const c of page) {
      if (rows.length >= take) break;
      rows.push([c.code]);
    }
  }
  return { resultSets: [{ columns: [col("cdItem", "ItemCode")], rows }] };
}

/** These codes in the order of cdItem's rows. */
function inTableOrder(
  ctx: HandlerContext,
  codes: { key: string; code: string }[],
): { key: string; code: string }[] {
  const at = new Map<string, number>();
  ctx.data.rows("cdItem").forEach((r, i) => at.has(ciKey(r.ItemCode)) || at.set(ciKey(r.ItemCode), i));
  return [...codes].sort((a, b) => (at.get(a.key) ?? 0) - (at.get(b.key) ?? 0));
}

/** A variant's key as cdItem ⟕ prItemVariant gives it (NULL codes for an item without variant rows). */
export const VARIANT_KEY_COLUMNS = [
  col("cdItem", "ItemCode"),
  col("prItemVariant", "ColorCode", { nullable: true }),
  col("prItemVariant", "ItemDim1Code", { nullable: true }),
  col("prItemVariant", "ItemDim2Code", { nullable: true }),
  col("prItemVariant", "ItemDim3Code", { nullable: true }),
];

const VARIANT_COLUMNS = [
  ...VARIANT_KEY_COLUMNS,
  col("cdItemDesc", "ItemDescription", { nullable: true }),
  col("cdColorDesc", "ColorDescription", { nullable: true }),
  col("cdItem", "IsBlocked", { as: "ItemIsBlocked" }),
  col("cdItem", "UseInternet", { as: "ItemUseInternet" }),
  col("prItemVariant", "IsBlocked", { as: "VariantIsBlocked", nullable: true }),
  col("prItemVariant", "UseInternet", { as: "VariantUseInternet", nullable: true }),
  col("cdItem", "ItemTaxGrCode"),
];

/**
 * cdItem ⟕ prItemVariant ⟕ cdItemDesc(@langCode) ⟕ cdColorDesc(@langCode) for the listed items, keeping an
 * item without variant rows only when it has no dimensions (ItemDimTypeCode 0). Each join condition and
 * filter as the statement has it: without a language filter every language's name joins (a row each), and
 * without the dimension test an item with dimensions but no variants is a row of NULL codes. Ordered only by
 * the statement's ORDER BY of the variant's codes (NULL codes first, as SQL Server sorts them).
 */
export function variants(ctx: HandlerContext): QueryResult {
  const lang = textParam(ctx.req, "langCode");
  const says = (predicate: string) => hasPredicate(ctx.stripped, predicate);
  // Joined on the item's type as the statement says; without it, another type's rows of the code join too.
  const ofType = (alias: string) => {
    const same = says(`${alias}.ItemTypeCode = i.ItemTypeCode`);
    return (item: Row) => (r: Row) => !same || r.ItemTypeCode === item.ItemTypeCode;
  };
  const [descOfType, variantOfType] = [ofType("d"), ofType("v")];
  const inLang = (alias: string) => {
    const filtered = says(`${alias}.LangCode = @langCode`);
    return (r: Row) => !filtered || ciEquals(r.LangCode, lang);
  };
  const [descInLang, colorInLang] = [inLang("d"), inLang("c")];
  // A LEFT JOIN that matches nothing still gives one row, of NULLs.
  const orNull = <T>(rows: T[]): (T | undefined)[] => rows.length ? rows : [undefined];
  const dimlessOnly = says("v.ItemCode IS NOT NULL OR i.ItemDimTypeCode = 0");
  const colorIndex = ctx.idx.byColumn("cdColorDesc", "ColorCode");
  const rows: unknown[][] = [];
  const itemsOf = itemRows(ctx, "cdItem", "i");
  const descsOf = itemRows(ctx, "cdItemDesc", "d");
  const variantsOf = itemRows(ctx, "prItemVariant", "v");
  const sorted = variantOrder(ctx);
  for (const key of sorted ? itemKeys(ctx, "i").sort(compareKeys) : itemKeys(ctx, "i")) {
    for (const item of itemsOf(key)) {
      const descs = descsOf(key).filter(descOfType(item)).filter(descInLang);
      const vs: (Row | undefined)[] = variantsOf(key).filter(variantOfType(item));
      if (vs.length === 0 && (item.ItemDimTypeCode === 0 || !dimlessOnly)) vs.push(undefined);
      if (sorted && vs.length > 1) {
        vs.sort((a, b) => compareKeys(ctx.idx.variantKey(a!), ctx.idx.variantKey(b!)));
      }
      for (const v of vs) {
        const colors = v
          ? (colorIndex.get(ciKey(v.ColorCode)) ?? []).filter((c) => ciEquals(c.ColorCode, v.ColorCode))
            .filter(colorInLang)
          : [];
        for (const desc of orNull(descs)) {
          for (const color of orNull(colors)) {
            rows.push([
              item.ItemCode,
              v?.ColorCode ?? null,
              v?.ItemDim1Code ?? null,
              v?.ItemDim2Code ?? null,
              v?.ItemDim3Code ?? null,
              desc?.ItemDescription ?? null,
              color?.ColorDescription ?? null,
              item.IsBlocked,
              item.UseInternet,
              v?.IsBlocked ?? null,
              v?.UseInternet ?? null,
              item.ItemTaxGrCode,
            ]);
          }
        }
      }
    }
  }
  return { resultSets: [{ columns: VARIANT_COLUMNS, rows }] };
}

/**
 * Whether the variants are to be sorted: by `ORDER BY i.ItemCode, v.ColorCode, v.ItemDim1..3Code`; without
 * an ORDER BY they come in any order (row_order.ts), and another one is not evaluated.
 */
function variantOrder(ctx: HandlerContext): boolean {
  if (!ctx.ordered) return false;
  const by = /\bORDER\s+BY\s+([\s\S]*)$/i.exec(ctx.stripped)?.[1]?.replace(/\s+/g, "").toLowerCase();
  if (by === "i.itemcode,v.colorcode,v.itemdim1code,v.itemdim2code,v.itemdim3code") return true;
  throw new SqlError(`The Nebim simulator does not evaluate ORDER BY ${by} of nebim:variants.`, 208, 1, 16);
}

const BARCODE_COLUMNS = [
  col("prItemBarcode", "ItemCode"),
  col("prItemBarcode", "ColorCode"),
  col("prItemBarcode", "ItemDim1Code"),
  col("prItemBarcode", "ItemDim2Code"),
  col("prItemBarcode", "ItemDim3Code"),
  col("prItemBarcode", "Barcode"),
];

/**
 * Whether a barcode row passes the statement's pack filter (`ISNULL(b.Qty, 1) <= 1`): only when the text has
 * one, as SQL Server would; a statement without it lets boxes in.
 */
export function unitFilter(ctx: HandlerContext): (b: Row) => boolean {
  // Tokens apart: spacing inside the parentheses does not matter either.
  if (!hasPredicate(ctx.stripped, "ISNULL ( b.Qty , 1 ) <= 1")) return () => true;
  return (b) => Number(b.Qty ?? 1) <= 1;
}

/** Barcodes of @barcodeTypeCode (where the statement filters on it) for the listed items, ORDER BY Barcode. */
export function barcodes(ctx: HandlerContext): QueryResult {
  const type = textParam(ctx.req, "barcodeTypeCode");
  const typed = hasPredicate(ctx.stripped, "b.BarcodeTypeCode = @barcodeTypeCode");
  const unit = unitFilter(ctx);
  const found: Row[] = [];
  const barcodesOf = itemRows(ctx, "prItemBarcode", "b");
  for (const key of itemKeys(ctx, "b")) {
    for (const b of barcodesOf(key)) {
      if ((!typed || ciEquals(b.BarcodeTypeCode, type)) && unit(b)) found.push(b);
    }
  }
  const sorted = found.map((b) => ({ b, k: ciKey(b.Barcode) })).sort((x, y) => compareKeys(x.k, y.k));
  const rows = sorted.map((
    { b },
  ) => [b.ItemCode, b.ColorCode, b.ItemDim1Code, b.ItemDim2Code, b.ItemDim3Code, b.Barcode]);
  return { resultSets: [{ columns: BARCODE_COLUMNS, rows }] };
}

/**
 * Barcodes of @barcodeTypeCode on more than one prItemBarcode row of product items (GROUP BY … HAVING), or,
 * when the statement groups `SELECT DISTINCT` barcode and variant first, on more than one variant. As the
 * statement says: a count of rows counts a variant that carries its barcode under two units twice, and the
 * simulator must not be kinder than SQL Server.
 */
export function sharedBarcodes(ctx: HandlerContext): QueryResult {
  const type = textParam(ctx.req, "barcodeTypeCode");
  const perVariant = /\bSELECT\s+DISTINCT\b/i.test(ctx.stripped);
  const products = productsOnly(ctx, "b");
  const unit = unitFilter(ctx);
  const counts = new Map<string, { barcode: unknown; n: number; variants: Set<string> }>();
  for (const b of ctx.data.rows("prItemBarcode")) {
    if ((products && b.ItemTypeCode !== 1) || !ciEquals(b.BarcodeTypeCode, type) || !unit(b)) continue;
    const k = ciKey(b.Barcode);
    const c = counts.get(k) ?? { barcode: b.Barcode, n: 0, variants: new Set<string>() };
    counts.set(k, c);
    const variant = ctx.idx.variantKey(b);
    if (perVariant && c.variants.has(variant)) continue;
    c.variants.add(variant);
    c.n++;
  }
  // HAVING COUNT(*) > 1 as the statement has it: `>= 1` would hold every variant that has a barcode.
  const having = /\bHAVING\s+COUNT\(\*\)\s*(>=|>)\s*(\d+)/i.exec(ctx.stripped);
  const least = having ? Number(having[2]) + (having[1] === ">" ? 1 : 0) : 0;
  const rows = [...counts.values()].filter((c) => c.n >= least).map((c) => [c.barcode]);
  return { resultSets: [{ columns: [col("prItemBarcode", "Barcode")], rows }] };
}
