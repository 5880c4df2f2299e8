/**
 * Growable little-endian byte writer and a bounds-checked reader, the two primitives every TDS encoder
 * and decoder here is built on. The writer doubles its buffer so a 20 000-row result is a handful of
 * copies, not one allocation per value.
 * @module
 */

/** Thrown by {@link ByteReader} when a message ends before a field does. */
export class TruncatedError extends Error {
  constructor(what: string) {
    super(`TDS message truncated while reading ${what}`);
    this.name = "TruncatedError";
  }
}

export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  #len = 0;

  constructor(initialSize = 1024) {
    this.#buf = new Uint8Array(initialSize);
    this.#view = new DataView(this.#buf.buffer);
  }

  get length(): number {
    return this.#len;
  }

  #ensure(n: number): void {
    const need = this.#len + n;
    if (need <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.#ensure(1);
    this.#buf[this.#len++] = v & 0xff;
    return this;
  }
  u16(v: number): this {
    this.#ensure(2);
    this.#view.setUint16(this.#len, v, true);
    this.#len += 2;
    return this;
  }
  u16be(v: number): this {
    this.#ensure(2);
    this.#view.setUint16(this.#len, v, false);
    this.#len += 2;
    return this;
  }
  u24(v: number): this {
    this.#ensure(3);
    this.#buf[this.#len] = v & 0xff;
    this.#buf[this.#len + 1] = (v >>> 8) & 0xff;
    this.#buf[this.#len + 2] = (v >>> 16) & 0xff;
    this.#len += 3;
    return this;
  }
  u32(v: number): this {
    this.#ensure(4);
    this.#view.setUint32(this.#len, v, true);
    this.#len += 4;
    return this;
  }
  u32be(v: number): this {
    this.#ensure(4);
    this.#view.setUint32(this.#len, v, false);
    this.#len += 4;
    return this;
  }
  i32(v: number): this {
    this.#ensure(4);
    this.#view.setInt32(this.#len, v, true);
    this.#len += 4;
    return this;
  }
  u40(v: number): this {
    this.#ensure(5);
    this.#view.setUint32(this.#len, v % 0x1_0000_0000, true);
    this.#buf[this.#len + 4] = Math.floor(v / 0x1_0000_0000) & 0xff;
    this.#len += 5;
    return this;
  }
  u64(v: bigint): this {
    this.#ensure(8);
    this.#view.setBigUint64(this.#len, v, true);
    this.#len += 8;
    return this;
  }
  i64(v: bigint): this {
    this.#ensure(8);
    this.#view.setBigInt64(this.#len, v, true);
    this.#len += 8;
    return this;
  }
  f64(v: number): this {
    this.#ensure(8);
    this.#view.setFloat64(this.#len, v, true);
    this.#len += 8;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.#ensure(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
    return this;
  }
  /** UCS-2 (UTF-16LE) code units, no length prefix. */
  ucs2(s: string): this {
    const n = s.length;
    this.#ensure(n * 2);
    const buf = this.#buf;
    let p = this.#len;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      buf[p++] = c & 0xff;
      buf[p++] = c >>> 8;
    }
    this.#len = p;
    return this;
  }
  /** B_VARCHAR: u8 character count, then UCS-2. */
  bVarchar(s: string): this {
    return this.u8(s.length).ucs2(s);
  }
  /** US_VARCHAR: u16 character count, then UCS-2. */
  usVarchar(s: string): this {
    return this.u16(s.length).ucs2(s);
  }
  /** B_VARBYTE: u8 byte count, then the bytes. */
  bVarbyte(b: Uint8Array): this {
    return this.u8(b.length).bytes(b);
  }
  /** Overwrites a u16 written earlier (for length prefixes known only afterwards). */
  patchU16(pos: number, v: number): void {
    this.#view.setUint16(pos, v, true);
  }

  /** The bytes written so far (a view; valid until the next write). */
  view(): Uint8Array {
    return this.#buf.subarray(0, this.#len);
  }
  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
  /** Forgets the contents but keeps the buffer for reuse. */
  reset(): void {
    this.#len = 0;
  }
  /** Drops everything after the first `length` bytes (undoes a half-written token). */
  truncate(length: number): void {
    if (length < this.#len) this.#len = length;
  }
}

export class ByteReader {
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  pos: number;

  constructor(buf: Uint8Array, pos = 0) {
    this.#buf = buf;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = pos;
  }

  get length(): number {
    return this.#buf.length;
  }
  get remaining(): number {
    return this.#buf.length - this.pos;
  }

  #need(n: number, what: string): number {
    const p = this.pos;
    if (p + n > this.#buf.length) throw new TruncatedError(what);
    this.pos = p + n;
    return p;
  }

  u8(what = "u8"): number {
    return this.#buf[this.#need(1, what)]!;
  }
  u16(what = "u16"): number {
    return this.#view.getUint16(this.#need(2, what), true);
  }
  u16be(what = "u16"): number {
    return this.#view.getUint16(this.#need(2, what), false);
  }
  i16(what = "i16"): number {
    return this.#view.getInt16(this.#need(2, what), true);
  }
  u24(what = "u24"): number {
    const p = this.#need(3, what);
    return this.#buf[p]! | (this.#buf[p + 1]! << 8) | (this.#buf[p + 2]! << 16);
  }
  u32(what = "u32"): number {
    return this.#view.getUint32(this.#need(4, what), true);
  }
  i32(what = "i32"): number {
    return this.#view.getInt32(this.#need(4, what), true);
  }
  u40(what = "u40"): number {
    const p = this.#need(5, what);
    return this.#view.getUint32(p, true) + this.#buf[p + 4]! * 0x1_0000_0000;
  }
  u64(what = "u64"): bigint {
    return this.#view.getBigUint64(this.#need(8, what), true);
  }
  i64(what = "i64"): bigint {
    return this.#view.getBigInt64(this.#need(8, what), true);
  }
  f32(what = "f32"): number {
    return this.#view.getFloat32(this.#need(4, what), true);
  }
  f64(what = "f64"): number {
    return this.#view.getFloat64(this.#need(8, what), true);
  }
  bytes(n: number, what = "bytes"): Uint8Array {
    const p = this.#need(n, what);
    return this.#buf.subarray(p, p + n);
  }
  /** `nBytes` bytes of UTF-16LE text. */
  ucs2Bytes(nBytes: number, what = "string"): string {
    return decodeUcs2(this.bytes(nBytes, what));
  }
  bVarchar(what = "B_VARCHAR"): string {
    return this.ucs2Bytes(this.u8(what) * 2, what);
  }
  usVarchar(what = "US_VARCHAR"): string {
    return this.ucs2Bytes(this.u16(what) * 2, what);
  }
}

/** UTF-16LE bytes to a string; lone surrogates survive, as UCS-2 requires (TextDecoder would replace them). */
export function decodeUcs2(b: Uint8Array): string {
  const n = b.length >>> 1;
  if (n < 32) {
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(b[2 * i]! | (b[2 * i + 1]! << 8));
    return s;
  }
  // Copy to an aligned buffer so it can be viewed as code units (every platform Deno runs on is LE).
  const units = new Uint16Array(n);
  new Uint8Array(units.buffer).set(b.subarray(0, n * 2));
  const parts: string[] = [];
  for (let i = 0; i < n; i += 8192) parts.push(String.fromCharCode(...units.subarray(i, i + 8192)));
  return parts.join("");
}

/** Concatenates byte chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
