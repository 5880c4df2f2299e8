/**
 * Writers for the response tokens (MS-TDS 2.2.7) the simulator sends.
 * @module
 */

import type { ByteWriter } from "./bytes.ts";
import type { ColumnEncoder } from "./types.ts";

export const Token = {
  COLMETADATA: 0x81,
  RETURNSTATUS: 0x79,
  ERROR: 0xaa,
  INFO: 0xab,
  LOGINACK: 0xad,
  ROW: 0xd1,
  ENVCHANGE: 0xe3,
  DONE: 0xfd,
  DONEPROC: 0xfe,
  DONEINPROC: 0xff,
} as const;

export const DoneStatus = {
  FINAL: 0x0000,
  MORE: 0x0001,
  ERROR: 0x0002,
  INXACT: 0x0004,
  COUNT: 0x0010,
  ATTN: 0x0020,
} as const;

/** The statement kind a DONE token reports (curCmd). */
export const CurCmd = { NONE: 0x00, SELECT: 0xc1, INSERT: 0xc3, EXECUTE: 0xe0, BEGIN_TRAN: 0xd4 } as const;

export const EnvChange = {
  DATABASE: 1,
  LANGUAGE: 2,
  PACKET_SIZE: 4,
  COLLATION: 7,
  BEGIN_TRAN: 8,
  COMMIT_TRAN: 9,
  ROLLBACK_TRAN: 10,
} as const;

export type DoneToken = typeof Token.DONE | typeof Token.DONEPROC | typeof Token.DONEINPROC;

export function writeDone(w: ByteWriter, token: DoneToken, status: number, curCmd = 0, rowCount = 0): void {
  w.u8(token).u16(status).u16(curCmd).u64(BigInt(rowCount));
}

/** ENVCHANGE with string values (B_VARCHAR) or binary ones (B_VARBYTE). */
export function writeEnvChange(
  w: ByteWriter,
  type: number,
  newValue: string | Uint8Array,
  oldValue: string | Uint8Array,
): void {
  const size = (v: string | Uint8Array) => 1 + (typeof v === "string" ? v.length * 2 : v.length);
  w.u8(Token.ENVCHANGE).u16(1 + size(newValue) + size(oldValue)).u8(type);
  for (const v of [newValue, oldValue]) {
    if (typeof v === "string") w.bVarchar(v);
    else w.bVarbyte(v);
  }
}

export interface ServerMessage {
  number: number;
  state: number;
  severity: number;
  message: string;
  server: string;
  proc?: string;
  line?: number;
}

/** ERROR (severity > 10) or INFO token. */
export function writeMessage(w: ByteWriter, m: ServerMessage): void {
  const text = m.message.slice(0, 4000);
  const proc = m.proc ?? "";
  const length = 4 + 1 + 1 + 2 + text.length * 2 + 1 + m.server.length * 2 + 1 + proc.length * 2 + 4;
  w.u8(m.severity > 10 ? Token.ERROR : Token.INFO).u16(length);
  w.u32(m.number).u8(m.state).u8(m.severity).usVarchar(text).bVarchar(m.server).bVarchar(proc).u32(
    m.line ?? 1,
  );
}

/** LOGINACK for TDS 7.4; `version` is SQL Server's (major, minor, build). */
export function writeLoginAck(w: ByteWriter, progName: string, version: [number, number, number]): void {
  w.u8(Token.LOGINACK).u16(1 + 4 + 1 + progName.length * 2 + 4);
  w.u8(1); // interface: SQL_TSQL
  w.u32be(0x74000004);
  w.bVarchar(progName);
  w.u8(version[0]).u8(version[1]).u8(version[2] >>> 8).u8(version[2] & 0xff);
}

export function writeReturnStatus(w: ByteWriter, value: number): void {
  w.u8(Token.RETURNSTATUS).i32(value);
}

export function writeColMetadata(w: ByteWriter, columns: readonly ColumnEncoder[]): void {
  w.u8(Token.COLMETADATA).u16(columns.length);
  for (const c of columns) {
    w.u32(0); // user type
    // fNullable, and updateable "unknown" (0x0008) as SQL Server reports for computed/query columns.
    w.u16((c.column.nullable ?? true ? 0x0001 : 0) | 0x0008);
    c.typeInfo(w);
    w.bVarchar(c.column.name);
  }
}

export function writeRow(w: ByteWriter, columns: readonly ColumnEncoder[], row: readonly unknown[]): void {
  w.u8(Token.ROW);
  for (let i = 0; i < columns.length; i++) columns[i]!.value(w, row[i]);
}
