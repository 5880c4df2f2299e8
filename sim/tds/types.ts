/**
 * Result-set columns on the wire: the TYPE_INFO in COLMETADATA and the value encoding in ROW, per
 * SqlTypeName. Every column uses the nullable ("N") wire type SQL Server itself sends, so NULL is a zero
 * length. Each column is compiled once into an encoder so a large result is a tight loop.
 * @module
 */

import type { ByteWriter } from "./bytes.ts";
import { type CodePage, encodeCodePage, TURKISH_CI_AS } from "./codepage.ts";
import type { ResultColumn } from "./contract.ts";
import { decimalMagnitudeLength, toScaledBigInt } from "./decimal.ts";
import { dateDays, datetime2Parts, datetimeParts, timeLength, timeUnits, toDate } from "./temporal.ts";

export const TypeId = {
  GUID: 0x24,
  INTN: 0x26,
  DATEN: 0x28,
  TIMEN: 0x29,
  DATETIME2N: 0x2a,
  DATETIMEOFFSETN: 0x2b,
  BITN: 0x68,
  DECIMALN: 0x6a,
  NUMERICN: 0x6c,
  FLTN: 0x6d,
  MONEYN: 0x6e,
  DATETIMN: 0x6f,
  BIGVARBIN: 0xa5,
  BIGVARCHR: 0xa7,
  BIGBINARY: 0xad,
  BIGCHAR: 0xaf,
  NVARCHAR: 0xe7,
  NCHAR: 0xef,
} as const;

const PLP_NULL = 0xffff_ffff_ffff_ffffn;
const INT_RANGES = {
  tinyint: [0, 255, 1],
  smallint: [-32768, 32767, 2],
  int: [-2147483648, 2147483647, 4],
} as const;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

export interface ColumnEncoder {
  readonly column: ResultColumn;
  typeInfo(w: ByteWriter): void;
  value(w: ByteWriter, v: unknown): void;
}

/** Compiles a column; `codePage` is the varchar code page of the server collation. */
export function columnEncoder(column: ResultColumn, codePage: CodePage = "cp1254"): ColumnEncoder {
  const what = `column ${column.name}`;
  const build = (typeInfo: (w: ByteWriter) => void, value: (w: ByteWriter, v: unknown) => void) => ({
    column,
    typeInfo,
    value,
  });
  switch (column.type) {
    case "nvarchar":
    case "varchar":
      return stringEncoder(column, codePage);
    case "tinyint":
    case "smallint":
    case "int": {
      const [min, max, size] = INT_RANGES[column.type];
      return build((w) => w.u8(TypeId.INTN).u8(size), (w, v) => {
        if (v == null) return void w.u8(0);
        const n = Number(v);
        if (!Number.isInteger(n) || n < min || n > max) {
          throw new RangeError(`${what}: bad ${column.type} ${v}`);
        }
        w.u8(size);
        if (size === 1) w.u8(n);
        else if (size === 2) w.u16(n & 0xffff);
        else w.i32(n);
      });
    }
    case "bigint":
      return build((w) => w.u8(TypeId.INTN).u8(8), (w, v) => {
        if (v == null) return void w.u8(0);
        const n = toBigInt(v, what);
        if (n < BIGINT_MIN || n > BIGINT_MAX) throw new RangeError(`${what}: bigint out of range: ${n}`);
        w.u8(8).i64(n);
      });
    case "bit":
      return build((w) => w.u8(TypeId.BITN).u8(1), (w, v) => {
        if (v == null) return void w.u8(0);
        if (typeof v !== "boolean" && v !== 0 && v !== 1) throw new TypeError(`${what}: not a bit: ${v}`);
        w.u8(1).u8(v ? 1 : 0);
      });
    case "float":
      return build((w) => w.u8(TypeId.FLTN).u8(8), (w, v) => {
        if (v == null) return void w.u8(0);
        const n = typeof v === "number" ? v : Number(v);
        if (!Number.isFinite(n)) throw new TypeError(`${what}: not a float: ${String(v)}`);
        w.u8(8).f64(n);
      });
    case "decimal":
      return decimalEncoder(column, what);
    case "date":
      return build((w) => w.u8(TypeId.DATEN), (w, v) => {
        if (v == null) return void w.u8(0);
        w.u8(3).u24(dateDays(toDate(v, what), what));
      });
    case "datetime":
      return build((w) => w.u8(TypeId.DATETIMN).u8(8), (w, v) => {
        if (v == null) return void w.u8(0);
        const { days, ticks } = datetimeParts(toDate(v, what), what);
        w.u8(8).i32(days).u32(ticks);
      });
    case "datetime2":
    case "time": {
      // TIME(N) is datetime2's time part alone: the scale in TYPE_INFO, then units of 10^-scale s since
      // midnight in 3–5 bytes (datetime2 adds its u24 days).
      const scale = column.scale ?? 7;
      if (!(scale >= 0 && scale <= 7)) throw new RangeError(`${what}: ${column.type} scale ${scale}`);
      const len = timeLength(scale);
      const dated = column.type === "datetime2";
      return build((w) => w.u8(dated ? TypeId.DATETIME2N : TypeId.TIMEN).u8(scale), (w, v) => {
        if (v == null) return void w.u8(0);
        const d = toDate(v, what);
        const { days, units } = dated
          ? datetime2Parts(d, scale, what)
          : { days: 0, units: timeUnits(d, scale) };
        w.u8(dated ? len + 3 : len);
        if (len === 3) w.u24(units);
        else if (len === 4) w.u32(units);
        else w.u40(units);
        if (dated) w.u24(days);
      });
    }
    case "uniqueidentifier":
      return build((w) => w.u8(TypeId.GUID).u8(16), (w, v) => {
        if (v == null) return void w.u8(0);
        w.u8(16).bytes(guidToBytes(v, what));
      });
  }
}

function stringEncoder(column: ResultColumn, codePage: CodePage): ColumnEncoder {
  const what = `column ${column.name}`;
  const unicode = column.type === "nvarchar";
  const length = column.length ?? (unicode ? 4000 : 8000);
  const max = length === -1;
  if (!max && !(length >= 1 && length <= (unicode ? 4000 : 8000))) {
    throw new RangeError(`${what}: bad ${column.type} length ${length}`);
  }
  const encode = (s: string): Uint8Array | string => unicode ? s : encodeCodePage(s, codePage);
  return {
    column,
    typeInfo(w) {
      w.u8(unicode ? TypeId.NVARCHAR : TypeId.BIGVARCHR).u16(max ? 0xffff : unicode ? length * 2 : length);
      w.bytes(TURKISH_CI_AS);
    },
    value(w, v) {
      if (v == null) {
        if (max) w.u64(PLP_NULL);
        else w.u16(0xffff);
        return;
      }
      const s = toText(v, what);
      if (!max && s.length > length) {
        throw new RangeError(`${what}: ${s.length} characters exceed ${column.type}(${length})`);
      }
      const data = encode(s);
      const bytes = typeof data === "string" ? data.length * 2 : data.length;
      if (max) {
        w.u64(BigInt(bytes));
        if (bytes > 0) w.u32(bytes);
      } else {
        w.u16(bytes);
      }
      if (typeof data === "string") w.ucs2(data);
      else w.bytes(data);
      if (max) w.u32(0); // PLP terminator
    },
  };
}

function decimalEncoder(column: ResultColumn, what: string): ColumnEncoder {
  const precision = column.precision ?? 18;
  const scale = column.scale ?? 0;
  if (!(precision >= 1 && precision <= 38 && scale >= 0 && scale <= precision)) {
    throw new RangeError(`${what}: bad decimal(${precision},${scale})`);
  }
  const size = decimalMagnitudeLength(precision);
  const limit = 10n ** BigInt(precision);
  return {
    column,
    typeInfo(w) {
      w.u8(TypeId.DECIMALN).u8(size + 1).u8(precision).u8(scale);
    },
    value(w, v) {
      if (v == null) return void w.u8(0);
      const scaled = toScaledBigInt(v, scale, what);
      const magnitude = scaled < 0n ? -scaled : scaled;
      if (magnitude >= limit) {
        throw new RangeError(`${what}: ${String(v)} overflows decimal(${precision},${scale})`);
      }
      w.u8(size + 1).u8(scaled < 0n ? 0 : 1);
      if (size === 4) return void w.u32(Number(magnitude));
      w.u64(magnitude & 0xffff_ffff_ffff_ffffn);
      if (size >= 12) w.u32(Number((magnitude >> 64n) & 0xffff_ffffn));
      if (size === 16) w.u32(Number(magnitude >> 96n));
    },
  };
}

function toText(v: unknown, what: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  throw new TypeError(`${what}: not text: ${Object.prototype.toString.call(v)}`);
}

function toBigInt(v: unknown, what: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^[+-]?\d+$/.test(v.trim())) return BigInt(v.trim());
  throw new TypeError(`${what}: not a bigint: ${String(v)}`);
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SQL Server's mixed-endian GUID layout: the first three groups little-endian, the rest as written. */
export function guidToBytes(v: unknown, what: string): Uint8Array {
  if (typeof v !== "string" || !GUID_RE.test(v)) throw new TypeError(`${what}: not a uniqueidentifier: ${v}`);
  const hex = v.replaceAll("-", "");
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return new Uint8Array([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
}

export function bytesToGuid(b: Uint8Array): string {
  const order = [3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15];
  return order.map((i) => (i < 0 ? "-" : b[i]!.toString(16).padStart(2, "0"))).join("").toUpperCase();
}
