/**
 * A bare TDS client for wire-level tests: its own packet framing and LOGIN7 (independent of the
 * simulator's code), so the tests can look at packets, status bits and message boundaries that a
 * driver hides.
 * @module
 */

export interface Packet {
  type: number;
  status: number;
  length: number;
  id: number;
}

export interface RawMessage {
  packets: Packet[];
  payload: Uint8Array;
}

function ucs2(s: string): Uint8Array {
  const b = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    b[2 * i] = s.charCodeAt(i) & 0xff;
    b[2 * i + 1] = s.charCodeAt(i) >>> 8;
  }
  return b;
}

export class RawClient {
  #conn: Deno.Conn;
  #buffer = new Uint8Array(0);

  private constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  static async connect(port: number): Promise<RawClient> {
    return new RawClient(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  close(): void {
    this.#conn.close();
  }

  /** Sends one message in a single packet with the given status (END_OF_MESSAGE by default). */
  async send(type: number, payload: Uint8Array, status = 0x01): Promise<void> {
    const packet = new Uint8Array(8 + payload.length);
    packet.set([type, status, (packet.length >>> 8) & 0xff, packet.length & 0xff, 0, 0, 1, 0]);
    packet.set(payload, 8);
    await this.#conn.write(packet);
  }

  async #fill(n: number): Promise<void> {
    while (this.#buffer.length < n) {
      const chunk = new Uint8Array(65536);
      const read = await this.#conn.read(chunk);
      if (read === null) throw new Error("connection closed");
      const next = new Uint8Array(this.#buffer.length + read);
      next.set(this.#buffer);
      next.set(chunk.subarray(0, read), this.#buffer.length);
      this.#buffer = next;
    }
  }

  async readMessage(): Promise<RawMessage> {
    const packets: Packet[] = [];
    const parts: Uint8Array[] = [];
    for (;;) {
      await this.#fill(8);
      const length = (this.#buffer[2]! << 8) | this.#buffer[3]!;
      await this.#fill(length);
      const p = { type: this.#buffer[0]!, status: this.#buffer[1]!, length, id: this.#buffer[6]! };
      packets.push(p);
      parts.push(this.#buffer.slice(8, length));
      this.#buffer = this.#buffer.slice(length);
      if (p.status & 0x01) break;
    }
    const payload = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
    let o = 0;
    for (const x of parts) {
      payload.set(x, o);
      o += x.length;
    }
    return { packets, payload };
  }

  /** PRELOGIN without encryption, then LOGIN7; returns the login reply. */
  async login(user: string, password: string, database: string, packetSize = 4096): Promise<RawMessage> {
    // PRELOGIN: VERSION and ENCRYPTION (NOT_SUP) options.
    await this.send(0x12, new Uint8Array([0, 0, 11, 0, 6, 1, 0, 17, 0, 1, 0xff, 1, 0, 0, 0, 0, 0, 2]));
    await this.readMessage();
    const fields = ["raw-host", user, password, "raw-test", "127.0.0.1", "", "raw-client", "", database];
    const fixed = new Uint8Array(94);
    const view = new DataView(fixed.buffer);
    view.setUint32(4, 0x74000004, true);
    view.setUint32(8, packetSize, true);
    let offset = 94;
    const data: Uint8Array[] = [];
    fields.forEach((text, i) => {
      const bytes = ucs2(text);
      if (i === 2) {
        for (let k = 0; k < bytes.length; k++) {
          bytes[k] = (((bytes[k]! << 4) | (bytes[k]! >>> 4)) & 0xff) ^ 0xa5;
        }
      }
      view.setUint16(36 + i * 4, offset, true);
      view.setUint16(38 + i * 4, text.length, true);
      data.push(bytes);
      offset += bytes.length;
    });
    const payload = new Uint8Array(offset);
    payload.set(fixed);
    let o = 94;
    for (const d of data) {
      payload.set(d, o);
      o += d.length;
    }
    view.setUint32(0, offset, true);
    payload.set(fixed.subarray(0, 4));
    await this.send(0x10, payload);
    return await this.readMessage();
  }

  /** A SQL_BATCH message payload (ALL_HEADERS with a transaction descriptor, then UCS-2 text). */
  static batch(sql: string): Uint8Array {
    const headers = new Uint8Array(22);
    const v = new DataView(headers.buffer);
    v.setUint32(0, 22, true);
    v.setUint32(4, 18, true);
    v.setUint16(8, 2, true);
    v.setUint32(18, 1, true);
    const text = ucs2(sql);
    const out = new Uint8Array(22 + text.length);
    out.set(headers);
    out.set(text, 22);
    return out;
  }
}

/** The status of the DONE token that ends a payload (13 bytes: 0xFD, status, curcmd, rowcount). */
export function finalDone(payload: Uint8Array): { token: number; status: number } {
  const at = payload.length - 13;
  return { token: payload[at]!, status: payload[at + 1]! | (payload[at + 2]! << 8) };
}
