/**
 * What every Nebim statement is built from: bound parameters, IN-lists padded to a few sizes, the item
 * selection of a batch query (listed codes or a key range), and the `/* nebim:<name> *\/` header. The
 * statements themselves are in queries.ts.
 * @module
 */

export type NebimParamType = "nvarchar" | "int" | "tinyint" | "datetime" | "date" | "time";

export interface NebimParam {
  /** Without '@'. */
  name: string;
  type: NebimParamType;
  value: string | number | Date;
}

/** One statement with its bound parameters. */
export interface NebimStatement {
  name: string;
  sql: string;
  params: NebimParam[];
}

/**
 * The most item codes one query lists: well under SQL Server's 2100-parameter cap with the warehouse list
 * added. The sync lists fewer (its batch, sync/item_batches.ts ITEM_BATCH); this is the reader's own limit.
 */
export const MAX_LISTED_ITEMS = 500;
const MAX_PARAMS = 2100;
/**
 * IN-lists are padded (by repeating the last code) to one of these lengths, so SQL Server caches a few
 * plans instead of one per batch size. Repeated values in an IN-list change nothing.
 */
const PAD_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 200, 256, MAX_LISTED_ITEMS]; // 200: the sync's full batch

export const VARIANT_COLUMNS = (a: string) =>
  `${a}.ItemCode, ${a}.ColorCode, ${a}.ItemDim1Code, ${a}.ItemDim2Code, ${a}.ItemDim3Code`;

/**
 * A barcode of one unit, not of a pack: prItemBarcode.Qty > 1 is a box of several (research/nebim.md §5.4),
 * whose code as the variant's stock code would sell a box at the unit's price and stock. A NULL Qty is not
 * taken for a pack.
 */
export const UNIT_BARCODE = "ISNULL(b.Qty, 1) <= 1";

export function list(prefix: string, n: number): string {
  return Array.from({ length: n }, (_, i) => `@${prefix}${i}`).join(", ");
}

export function listParams(prefix: string, values: readonly string[]): NebimParam[] {
  return values.map((value, i) => ({ name: `${prefix}${i}`, type: "nvarchar", value }));
}

function padded(codes: readonly string[]): string[] {
  if (codes.length === 0) throw new RangeError("An item-code batch must not be empty");
  if (codes.length > MAX_LISTED_ITEMS) {
    throw new RangeError(`An item-code batch holds at most ${MAX_LISTED_ITEMS} codes`);
  }
  const size = PAD_SIZES.find((s) => s >= codes.length)!;
  const out = [...codes];
  while (out.length < size) out.push(codes[codes.length - 1]!);
  return out;
}

/**
 * The items a batch query reads: listed codes (at most {@link MAX_LISTED_ITEMS}, sent as `@i0..@iN`), or a run:
 * every item code from `first` to `last` in the server's order — consecutive codes of one
 * {@link itemCodesPageQuery} page — sent as two parameters and read by a seek on cdItem's key range instead
 * of a 500-value IN-list (the parameters alone were a tenth of the agent's work in a full sync).
 */
export type ItemSelection = readonly string[] | ItemRun;

export interface ItemRun {
  first: string;
  last: string;
}

function isRun(items: ItemSelection): items is ItemRun {
  return !Array.isArray(items);
}

/** `column` restricted to the selection, and the parameters that takes. */
export function itemFilter(column: string, items: ItemSelection): { sql: string; params: NebimParam[] } {
  if (isRun(items)) {
    return {
      sql: `${column} >= @itemFirst AND ${column} <= @itemLast`,
      params: [
        { name: "itemFirst", type: "nvarchar", value: items.first },
        { name: "itemLast", type: "nvarchar", value: items.last },
      ],
    };
  }
  const codes = padded(items);
  return { sql: `${column} IN (${list("i", codes.length)})`, params: listParams("i", codes) };
}

export function statement(name: string, body: string, params: NebimParam[]): NebimStatement {
  if (params.length > MAX_PARAMS) {
    throw new RangeError(`${name}: ${params.length} parameters exceed ${MAX_PARAMS}`);
  }
  return { name, sql: `/* nebim:${name} */\n${body.trim()}`, params };
}

export function warehouseParams(warehouses: readonly string[]): NebimParam[] {
  if (warehouses.length === 0) throw new RangeError("The warehouse list must not be empty");
  return listParams("w", warehouses);
}

export function dateOnly(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * A moment as Nebim stores one, a `date` and a `time` column (trPriceListHeader/Line ValidDate + ValidTime),
 * bound as @<name>Date and @<name>Time: the driver sends a `time` parameter as the Date's time of day.
 * Compared column pair by column pair, exact to the column's precision, with no conversion of the columns.
 */
export function momentParams(name: string, at: Date): NebimParam[] {
  return [
    { name: `${name}Date`, type: "date", value: dateOnly(at) },
    { name: `${name}Time`, type: "time", value: at },
  ];
}

/** `(date, time)` of alias `a` (ValidDate, ValidTime) is `op` the moment @<name>: op is <=, > or <. */
export function validMoment(a: string, op: "<=" | ">" | "<", name: string): string {
  const strict = op === "<=" ? "<" : op;
  return `(${a}.ValidDate ${strict} @${name}Date OR (${a}.ValidDate = @${name}Date AND ${a}.ValidTime ${op} @${name}Time))`;
}
