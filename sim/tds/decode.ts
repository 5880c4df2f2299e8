/**
 * Decoding of the client's non-RPC messages: PRELOGIN, LOGIN7, SQL_BATCH and TRANSACTION_MANAGER.
 * (RPC is in rpc.ts.)
 * @module
 */

import { ByteReader, ByteWriter, decodeUcs2 } from "./bytes.ts";

export const Encrypt = { OFF: 0x00, ON: 0x01, NOT_SUP: 0x02, REQ: 0x03 } as const;

const PreloginOption = {
  VERSION: 0x00,
  ENCRYPTION: 0x01,
  INSTOPT: 0x02,
  THREADID: 0x03,
  MARS: 0x04,
} as const;

/** The client's ENCRYPTION option (OFF if absent). */
export function preloginEncryption(payload: Uint8Array): number {
  const r = new ByteReader(payload);
  for (;;) {
    const token = r.u8("PRELOGIN option");
    if (token === 0xff) return Encrypt.OFF;
    const offset = r.u16be();
    const length = r.u16be();
    if (token === PreloginOption.ENCRYPTION && length >= 1) {
      if (offset >= payload.length) throw new RangeError("PRELOGIN ENCRYPTION option out of bounds");
      return payload[offset]!;
    }
  }
}

/** The server's PRELOGIN reply: option table then data, as tedious checks (data after the table). */
export function preloginReply(encryption: number, version: [number, number, number]): Uint8Array {
  const options: [number, Uint8Array][] = [
    [
      PreloginOption.VERSION,
      new ByteWriter(6).u8(version[0]).u8(version[1]).u16be(version[2]).u16be(0).toBytes(),
    ],
    [PreloginOption.ENCRYPTION, new Uint8Array([encryption])],
    [PreloginOption.INSTOPT, new Uint8Array([0])],
    [PreloginOption.THREADID, new Uint8Array(0)],
    [PreloginOption.MARS, new Uint8Array([0])],
  ];
  const w = new ByteWriter(64);
  let offset = options.length * 5 + 1;
  for (const [token, data] of options) {
    w.u8(token).u16be(offset).u16be(data.length);
    offset += data.length;
  }
  w.u8(0xff);
  for (const [, data] of options) w.bytes(data);
  return w.toBytes();
}

export interface Login7 {
  tdsVersion: number;
  packetSize: number;
  hostName: string;
  userName: string;
  password: string;
  appName: string;
  serverName: string;
  libraryName: string;
  language: string;
  database: string;
}

/** LOGIN7 (MS-TDS 2.2.6.4): fixed part of offset/length pairs into the variable part. */
export function decodeLogin7(payload: Uint8Array): Login7 {
  const r = new ByteReader(payload);
  r.u32("LOGIN7 length");
  const tdsVersion = r.u32();
  const packetSize = r.u32();
  r.pos = 36;
  const field = (at: number): { offset: number; chars: number } => {
    const fr = new ByteReader(payload, at);
    return { offset: fr.u16("LOGIN7 offset"), chars: fr.u16("LOGIN7 length") };
  };
  const text = (at: number, password = false): string => {
    const { offset, chars } = field(at);
    if (chars === 0) return "";
    if (offset + chars * 2 > payload.length) throw new RangeError("LOGIN7 field out of bounds");
    const bytes = payload.slice(offset, offset + chars * 2);
    if (password) { for (let i = 0; i < bytes.length; i++) bytes[i] = unscramble(bytes[i]!); }
    return decodeUcs2(bytes);
  };
  return {
    tdsVersion,
    packetSize,
    hostName: text(36),
    userName: text(40),
    password: text(44, true),
    appName: text(48),
    serverName: text(52),
    libraryName: text(60),
    language: text(64),
    database: text(68),
  };
}

/** LOGIN7 passwords are sent nibble-swapped then XORed with 0xA5; undo it. */
function unscramble(b: number): number {
  const x = b ^ 0xa5;
  return ((x & 0x0f) << 4) | (x >>> 4);
}

/** Skips ALL_HEADERS (TDS 7.2+), which starts with its own u32 total length. */
export function skipAllHeaders(r: ByteReader): void {
  const start = r.pos;
  const total = r.u32("ALL_HEADERS");
  if (total < 4 || start + total > r.length) throw new RangeError(`bad ALL_HEADERS length ${total}`);
  r.pos = start + total;
}

export function decodeSqlBatch(payload: Uint8Array): string {
  const r = new ByteReader(payload);
  skipAllHeaders(r);
  return r.ucs2Bytes(r.remaining & ~1, "SQL text");
}

export const TmRequest = { BEGIN: 5, COMMIT: 7, ROLLBACK: 8, SAVE: 9 } as const;

export interface TmMessage {
  request: number;
  /** Transaction name (may be empty). */
  name: string;
  /** COMMIT/ROLLBACK with fBeginXact: start a new transaction at once. */
  beginAgain: boolean;
}

export function decodeTransactionManager(payload: Uint8Array): TmMessage {
  const r = new ByteReader(payload);
  skipAllHeaders(r);
  const request = r.u16("TM request type");
  let name = "";
  let beginAgain = false;
  if (request === TmRequest.BEGIN) {
    r.u8("isolation level");
    if (r.remaining > 0) name = r.ucs2Bytes(r.u8("name length"));
  } else if (request === TmRequest.COMMIT || request === TmRequest.ROLLBACK || request === TmRequest.SAVE) {
    if (r.remaining > 0) name = r.ucs2Bytes(r.u8("name length"));
    if (r.remaining > 0) beginAgain = (r.u8() & 0x01) === 1;
  }
  return { request, name, beginAgain };
}
