/**
 * TDS packet framing (MS-TDS 2.2.3): an 8-byte header (type, status, big-endian length, SPID, packet id,
 * window) in front of at most packetSize-8 payload bytes. A message is the packets up to one whose status
 * has END_OF_MESSAGE.
 * @module
 */

import { concatBytes } from "./bytes.ts";

export const PacketType = {
  SQL_BATCH: 0x01,
  RPC: 0x03,
  REPLY: 0x04,
  ATTENTION: 0x06,
  BULK_LOAD: 0x07,
  TRANSACTION_MANAGER: 0x0e,
  LOGIN7: 0x10,
  SSPI: 0x11,
  PRELOGIN: 0x12,
} as const;

export const Status = {
  END_OF_MESSAGE: 0x01,
  /** The client gave up on the message before finishing it; the server discards it. */
  IGNORE: 0x02,
  RESET_CONNECTION: 0x08,
} as const;

export const HEADER_LENGTH = 8;
export const DEFAULT_PACKET_SIZE = 4096;
/** Largest packet the protocol's u16 length allows that SQL Server accepts. */
export const MAX_PACKET_SIZE = 32767;

export interface Message {
  type: number;
  /** Status of the last packet (END_OF_MESSAGE, possibly IGNORE / RESET_CONNECTION). */
  status: number;
  payload: Uint8Array;
}

/** Reassembles messages from a byte stream cut anywhere. */
export class PacketReader {
  #pending: Uint8Array[] = [];
  #pendingLength = 0;
  #parts: Uint8Array[] = [];
  #type = -1;

  /** Feeds bytes; returns the messages they complete. Throws on a malformed header. */
  feed(chunk: Uint8Array): Message[] {
    this.#pending.push(chunk);
    this.#pendingLength += chunk.length;
    const out: Message[] = [];
    while (this.#pendingLength >= HEADER_LENGTH) {
      const head = this.#peek(HEADER_LENGTH);
      const length = (head[2]! << 8) | head[3]!;
      if (length < HEADER_LENGTH) throw new Error(`bad TDS packet length ${length}`);
      if (this.#pendingLength < length) break;
      const packet = this.#take(length);
      const type = packet[0]!;
      const status = packet[1]!;
      if (this.#type === -1) this.#type = type;
      this.#parts.push(packet.subarray(HEADER_LENGTH));
      if (status & Status.END_OF_MESSAGE) {
        out.push({ type: this.#type, status, payload: concatBytes(this.#parts) });
        this.#parts = [];
        this.#type = -1;
      }
    }
    return out;
  }

  #peek(n: number): Uint8Array {
    const first = this.#pending[0]!;
    if (first.length >= n) return first;
    const all = concatBytes(this.#pending);
    this.#pending = [all];
    return all;
  }

  #take(n: number): Uint8Array {
    const first = this.#peek(n);
    const taken = first.subarray(0, n);
    if (first.length === n) this.#pending.shift();
    else this.#pending[0] = first.subarray(n);
    this.#pendingLength -= n;
    return taken;
  }
}

/**
 * Frames one outgoing message incrementally. `write` accepts payload; `flush` returns the complete
 * packets so far as one contiguous buffer (one socket write), always holding back at least one payload
 * byte so that `end` can mark the last packet END_OF_MESSAGE.
 */
export class MessageFramer {
  #chunks: Uint8Array[] = [];
  #length = 0;
  #packetId = 1;
  readonly #type: number;
  readonly #packetSize: number;
  readonly #spid: number;

  constructor(type: number, packetSize: number, spid: number) {
    this.#type = type;
    this.#packetSize = packetSize;
    this.#spid = spid;
  }

  get buffered(): number {
    return this.#length;
  }

  write(payload: Uint8Array): void {
    if (payload.length === 0) return;
    this.#chunks.push(payload);
    this.#length += payload.length;
  }

  /** Complete packets that can go out now (possibly empty). */
  flush(): Uint8Array {
    const room = this.#packetSize - HEADER_LENGTH;
    const packets = Math.floor((this.#length - 1) / room);
    return packets > 0 ? this.#frame(packets * room, false) : new Uint8Array(0);
  }

  /** Everything left, the last packet marked END_OF_MESSAGE. */
  end(): Uint8Array {
    return this.#frame(this.#length, true);
  }

  #frame(bytes: number, final: boolean): Uint8Array {
    const room = this.#packetSize - HEADER_LENGTH;
    const packets = Math.max(1, Math.ceil(bytes / room));
    const out = new Uint8Array(bytes + packets * HEADER_LENGTH);
    const everything = bytes === this.#length;
    const src = everything ? concatBytes(this.#chunks) : this.#consume(bytes);
    let o = 0;
    for (let i = 0; i < packets; i++) {
      const start = i * room;
      const n = Math.min(room, bytes - start);
      const last = i === packets - 1;
      out[o] = this.#type;
      out[o + 1] = final && last ? Status.END_OF_MESSAGE : 0;
      out[o + 2] = (n + HEADER_LENGTH) >>> 8;
      out[o + 3] = (n + HEADER_LENGTH) & 0xff;
      out[o + 4] = this.#spid >>> 8;
      out[o + 5] = this.#spid & 0xff;
      out[o + 6] = this.#packetId;
      out[o + 7] = 0;
      this.#packetId = (this.#packetId + 1) & 0xff;
      out.set(src.subarray(start, start + n), o + HEADER_LENGTH);
      o += n + HEADER_LENGTH;
    }
    if (everything) {
      this.#chunks = [];
      this.#length = 0;
    }
    return out;
  }

  /** Removes and returns the first `bytes` buffered bytes. */
  #consume(bytes: number): Uint8Array {
    const all = concatBytes(this.#chunks);
    this.#chunks = [all.subarray(bytes)];
    this.#length -= bytes;
    return all.subarray(0, bytes);
  }
}

/** A whole message framed at once (small replies). */
export function frameMessage(
  type: number,
  payload: Uint8Array,
  packetSize: number,
  spid: number,
): Uint8Array {
  const f = new MessageFramer(type, packetSize, spid);
  f.write(payload);
  return f.end();
}
