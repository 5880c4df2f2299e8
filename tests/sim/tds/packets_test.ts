import assert from "node:assert/strict";
import { MessageFramer, PacketReader, PacketType } from "../../../sim/tds/packets.ts";

function payload(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i % 251);
}

Deno.test("framing splits a message into packets of the size, the last marked END_OF_MESSAGE", () => {
  const f = new MessageFramer(PacketType.REPLY, 512, 0x0033);
  f.write(payload(504 * 2 + 10));
  const bytes = f.end();
  const lengths: number[] = [];
  for (let p = 0; p < bytes.length;) {
    const length = (bytes[p + 2]! << 8) | bytes[p + 3]!;
    lengths.push(length);
    assert.equal(bytes[p], 0x04);
    assert.equal(bytes[p + 1], p + length === bytes.length ? 0x01 : 0x00);
    assert.deepEqual([bytes[p + 4], bytes[p + 5]], [0x00, 0x33]);
    p += length;
  }
  assert.deepEqual(lengths, [512, 512, 18]);
});

Deno.test("an incremental flush keeps back the last bytes so the final packet can carry END_OF_MESSAGE", () => {
  const f = new MessageFramer(PacketType.REPLY, 512, 1);
  f.write(payload(504));
  assert.equal(f.flush().length, 0); // exactly one packet's worth: held back for end()
  f.write(payload(1));
  assert.equal(f.flush().length, 512);
  const last = f.end();
  assert.equal(last.length, 9);
  assert.equal(last[1], 0x01);
  assert.equal(last[6], 2); // packet ids continue
});

Deno.test("the reader reassembles messages from a stream cut anywhere", () => {
  const body = payload(3000);
  const f = new MessageFramer(PacketType.RPC, 1000, 0);
  f.write(body);
  const wire = new Uint8Array([...f.end(), ...new MessageFramer(PacketType.ATTENTION, 512, 0).end()]);
  const reader = new PacketReader();
  const got = [];
  for (let i = 0; i < wire.length; i += 7) got.push(...reader.feed(wire.subarray(i, i + 7)));
  assert.equal(got.length, 2);
  assert.equal(got[0]?.type, PacketType.RPC);
  assert.deepEqual(got[0]?.payload, body);
  assert.equal(got[1]?.type, PacketType.ATTENTION);
  assert.equal(got[1]?.payload.length, 0);
});

Deno.test("a header with an impossible length is refused", () => {
  assert.throws(
    () => new PacketReader().feed(new Uint8Array([1, 1, 0, 4, 0, 0, 1, 0])),
    /bad TDS packet length 4/,
  );
});
