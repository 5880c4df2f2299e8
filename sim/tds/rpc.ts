/**
 * RPC requests (MS-TDS 2.2.6.6): the procedure (name or well-known ProcID) and its parameters, each a
 * name, a status byte, a TYPE_INFO and a value, decoded to plain JS values.
 * @module
 */

import { ByteReader, decodeUcs2 } from "./bytes.ts";
import { type CodePage, codePageOf, decodeCodePage } from "./codepage.ts";
import type { SqlParam } from "./contract.ts";
import { scaledToString } from "./decimal.ts";
import { skipAllHeaders } from "./decode.ts";
import { dateFromDatetime, dateFromDatetime2, dateFromDays, msFromUnits } from "./temporal.ts";
import { bytesToGuid } from "./types.ts";

/** Well-known ProcIDs a client may send instead of a name. */
const PROC_NAMES: Record<number, string> = {
  1: "sp_cursor",
  2: "sp_cursoropen",
  3: "sp_cursorprepare",
  4: "sp_cursorexecute",
  5: "sp_cursorprepexec",
  6: "sp_cursorunprepare",
  7: "sp_cursorfetch",
  8: "sp_cursoroption",
  9: "sp_cursorclose",
  10: "sp_executesql",
  11: "sp_prepare",
  12: "sp_execute",
  13: "sp_prepexec",
  14: "sp_prepexecrpc",
  15: "sp_unprepare",
};

export interface RpcCall {
  proc: string;
  /** In the order sent; unnamed ones get "" as name. */
  params: SqlParam[];
}

export function decodeRpc(payload: Uint8Array, serverCodePage: CodePage): RpcCall {
  const r = new ByteReader(payload);
  skipAllHeaders(r);
  const nameLength = r.u16("RPC procedure");
  const proc = nameLength === 0xffff
    ? PROC_NAMES[r.u16("ProcID")] ?? "#unknown"
    : r.ucs2Bytes(nameLength * 2);
  r.u16("RPC option flags");
  const params: SqlParam[] = [];
  // A 0xFF/0x80 byte separates batched RPCs; the simulator answers the first call only.
  while (r.remaining > 0 && payload[r.pos] !== 0xff && payload[r.pos] !== 0x80) {
    const name = r.bVarchar("parameter name").replace(/^@/, "");
    r.u8("parameter status");
    const info = readTypeInfo(r, name);
    params.push({ name, type: info.name, value: readValue(r, info, serverCodePage) });
  }
  return { proc, params };
}

interface TypeInfo {
  id: number;
  name: string;
  /** Fixed value size for the fixed-length types. */
  fixed?: number;
  /** How the value's length is prefixed. */
  prefix: "none" | "u8" | "u16" | "u32" | "plp";
  /** Max length from TYPE_INFO (u8 types: the value size). */
  maxLength?: number;
  precision?: number;
  scale?: number;
  collation?: Uint8Array;
}

const FIXED: Record<number, [string, number]> = {
  0x1f: ["null", 0],
  0x30: ["tinyint", 1],
  0x32: ["bit", 1],
  0x34: ["smallint", 2],
  0x38: ["int", 4],
  0x3a: ["smalldatetime", 4],
  0x3b: ["real", 4],
  0x3c: ["money", 8],
  0x3d: ["datetime", 8],
  0x3e: ["float", 8],
  0x7a: ["smallmoney", 4],
  0x7f: ["bigint", 8],
};

function readTypeInfo(r: ByteReader, param: string): TypeInfo {
  const id = r.u8("TYPE_INFO");
  const fixed = FIXED[id];
  if (fixed) return { id, name: fixed[0], fixed: fixed[1], prefix: "none" };
  switch (id) {
    case 0x24: // GUID
    case 0x26: // INTN
    case 0x68: // BITN
    case 0x6d: // FLTN
    case 0x6e: // MONEYN
    case 0x6f: { // DATETIMN
      const len = r.u8("TYPE_INFO length");
      return { id, name: byteLengthName(id, len), prefix: "u8", maxLength: len };
    }
    case 0x6a:
    case 0x6c: { // DECIMALN, NUMERICN
      const len = r.u8();
      return {
        id,
        name: id === 0x6a ? "decimal" : "numeric",
        prefix: "u8",
        maxLength: len,
        precision: r.u8(),
        scale: r.u8(),
      };
    }
    case 0x28:
      return { id, name: "date", prefix: "u8" };
    case 0x29:
    case 0x2a:
    case 0x2b:
      return { id, name: ["time", "datetime2", "datetimeoffset"][id - 0x29]!, prefix: "u8", scale: r.u8() };
    case 0xa5:
    case 0xa7:
    case 0xad:
    case 0xaf:
    case 0xe7:
    case 0xef: {
      const maxLength = r.u16("TYPE_INFO length");
      const isChar = id === 0xa7 || id === 0xaf || id === 0xe7 || id === 0xef;
      const collation = isChar ? r.bytes(5, "collation").slice() : undefined;
      const names: Record<number, string> = {
        0xa5: "varbinary",
        0xa7: "varchar",
        0xad: "binary",
        0xaf: "char",
        0xe7: "nvarchar",
        0xef: "nchar",
      };
      return { id, name: names[id]!, prefix: maxLength === 0xffff ? "plp" : "u16", maxLength, collation };
    }
    case 0x22:
    case 0x23:
    case 0x63: { // IMAGE, TEXT, NTEXT
      const maxLength = r.u32("TYPE_INFO length");
      const collation = id === 0x22 ? undefined : r.bytes(5, "collation").slice();
      return {
        id,
        name: id === 0x22 ? "image" : id === 0x23 ? "text" : "ntext",
        prefix: "u32",
        maxLength,
        collation,
      };
    }
    default:
      throw new TypeError(`parameter @${param}: unsupported TDS type 0x${id.toString(16)}`);
  }
}

function byteLengthName(id: number, len: number): string {
  switch (id) {
    case 0x24:
      return "uniqueidentifier";
    case 0x26:
      return ({ 1: "tinyint", 2: "smallint", 4: "int", 8: "bigint" } as Record<number, string>)[len] ?? "int";
    case 0x68:
      return "bit";
    case 0x6d:
      return len === 4 ? "real" : "float";
    case 0x6e:
      return len === 4 ? "smallmoney" : "money";
    default:
      return len === 4 ? "smalldatetime" : "datetime";
  }
}

function readValue(r: ByteReader, t: TypeInfo, serverCodePage: CodePage): unknown {
  let data: Uint8Array;
  switch (t.prefix) {
    case "none":
      if (t.fixed === 0) return null;
      data = r.bytes(t.fixed!, t.name);
      break;
    case "u8": {
      const len = r.u8(`${t.name} length`);
      if (len === 0) return null;
      data = r.bytes(len, t.name);
      break;
    }
    case "u16": {
      const len = r.u16(`${t.name} length`);
      if (len === 0xffff) return null;
      data = r.bytes(len, t.name);
      break;
    }
    case "u32": {
      const len = r.u32(`${t.name} length`);
      if (len === 0xffff_ffff) return null;
      data = r.bytes(len, t.name);
      break;
    }
    case "plp": {
      const plp = readPlp(r, t.name);
      if (plp === null) return null;
      data = plp;
      break;
    }
  }
  return convert(t, data, serverCodePage);
}

/** PLP: u64 total (all ones = NULL), then u32-length chunks up to a zero-length terminator. */
function readPlp(r: ByteReader, what: string): Uint8Array | null {
  const total = r.u64(`${what} PLP length`);
  if (total === 0xffff_ffff_ffff_ffffn) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const n = r.u32(`${what} PLP chunk`);
    if (n === 0) break;
    chunks.push(r.bytes(n, what));
    size += n;
  }
  const out = new Uint8Array(size);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

function convert(t: TypeInfo, b: Uint8Array, serverCodePage: CodePage): unknown {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (t.name) {
    case "tinyint":
      return b[0]!;
    case "smallint":
      return v.getInt16(0, true);
    case "int":
      return v.getInt32(0, true);
    case "bigint":
      return v.getBigInt64(0, true);
    case "bit":
      return b[0] !== 0;
    case "real":
      return v.getFloat32(0, true);
    case "float":
      return v.getFloat64(0, true);
    case "smallmoney":
      return v.getInt32(0, true) / 10000;
    case "money":
      return Number(scaledToString((BigInt(v.getInt32(0, true)) << 32n) + BigInt(v.getUint32(4, true)), 4));
    case "decimal":
    case "numeric": {
      let magnitude = 0n;
      for (let i = b.length - 1; i >= 1; i--) magnitude = (magnitude << 8n) | BigInt(b[i]!);
      return Number(scaledToString(b[0] === 1 ? magnitude : -magnitude, t.scale ?? 0));
    }
    case "uniqueidentifier":
      return bytesToGuid(b);
    case "date":
      return dateFromDays(b[0]! | (b[1]! << 8) | (b[2]! << 16));
    case "smalldatetime":
      return new Date(
        Date.UTC(1900, 0, 1) + v.getUint16(0, true) * 86_400_000 + v.getUint16(2, true) * 60_000,
      );
    case "datetime":
      return dateFromDatetime(v.getInt32(0, true), v.getUint32(4, true));
    case "time":
    case "datetime2":
    case "datetimeoffset":
      return temporal(t, b);
    case "nvarchar":
    case "nchar":
    case "ntext":
      return decodeUcs2(b);
    case "varchar":
    case "char":
    case "text":
      return decodeCodePage(b, t.collation ? codePageOf(t.collation) : serverCodePage);
    default: // binary, varbinary, image
      return b.slice();
  }
}

function temporal(t: TypeInfo, b: Uint8Array): Date {
  const scale = t.scale ?? 7;
  const tl = scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
  let units = 0;
  for (let i = tl - 1; i >= 0; i--) units = units * 256 + b[i]!;
  if (t.name === "time") return new Date(msFromUnits(units, scale));
  const days = b[tl]! | (b[tl + 1]! << 8) | (b[tl + 2]! << 16);
  // datetimeoffset carries UTC time plus an offset the JS Date does not need.
  return dateFromDatetime2(days, units, scale);
}
