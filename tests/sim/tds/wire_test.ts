import assert from "node:assert/strict";
import type { QueryRequest, QueryResult } from "../../../sim/tds/server.ts";
import { DATABASE, PASSWORD, startServer, USER } from "./harness.ts";
import { finalDone, RawClient } from "./raw_client.ts";

const SQL_BATCH = 0x01;
const ATTENTION = 0x06;
const DONE = 0xfd;
const DONE_ERROR = 0x02;
const DONE_ATTN = 0x20;

const rows = Array.from({ length: 300 }, (_, i) => [i, `satır ${i}`]);
/** Resolved by the "slow" handler when it starts, so a test knows its request is running. */
let slowStarted = Promise.withResolvers<void>();
/** About 10 MB on the wire: more than socket buffers hold while the client does not read. */
const HUGE: QueryResult = {
  resultSets: [{
    columns: [{ name: "s", type: "nvarchar", length: 200 }],
    rows: Array.from({ length: 40_000 }, () => ["ç".repeat(128)]),
  }],
};
const ANSWERS = {
  huge: () => {
    slowStarted.resolve();
    return HUGE;
  },
  rows: {
    resultSets: [{
      columns: [{ name: "n", type: "int" as const }, { name: "s", type: "nvarchar" as const }],
      rows,
    }],
  },
  slow: (req: QueryRequest) =>
    new Promise<QueryResult>((_, reject) => {
      req.signal.addEventListener("abort", () => reject(new Error("aborted")));
      slowStarted.resolve();
    }),
};

async function session(
  body: (client: RawClient, seen: QueryRequest[]) => Promise<void>,
  packetSize?: number,
): Promise<void> {
  const seen: QueryRequest[] = [];
  const server = await startServer(ANSWERS, { packetSize }, seen);
  const client = await RawClient.connect(server.port);
  try {
    const reply = await client.login(USER, PASSWORD, DATABASE);
    assert.equal(finalDone(reply.payload).status & DONE_ERROR, 0, "login failed");
    await body(client, seen);
  } finally {
    client.close();
    await server.close();
  }
}

Deno.test("wire: answers are cut into packets of the granted size, numbered, only the last one END_OF_MESSAGE", async () => {
  await session(async (client) => {
    await client.send(SQL_BATCH, RawClient.batch("/* rows */"));
    const reply = await client.readMessage();
    assert.equal(reply.packets.length, Math.ceil(reply.payload.length / 504)); // full 512-byte packets
    reply.packets.forEach((p, i) => {
      assert.equal(p.type, 0x04);
      assert.ok(p.length <= 512, `packet ${i} is ${p.length} bytes`);
      assert.equal(p.status, i === reply.packets.length - 1 ? 0x01 : 0x00);
      assert.equal(p.id, (i + 1) & 0xff);
    });
    assert.deepEqual(finalDone(reply.payload), { token: DONE, status: 0x10 }); // COUNT, final
  }, 512);
});

Deno.test("wire: a message the client marks IGNORE is discarded and answered with a plain DONE", async () => {
  await session(async (client, seen) => {
    await client.send(SQL_BATCH, RawClient.batch("/* rows */"), 0x01 | 0x02);
    const reply = await client.readMessage();
    assert.deepEqual(reply.payload.length, 13);
    assert.deepEqual(finalDone(reply.payload), { token: DONE, status: 0 });
    assert.equal(seen.length, 0);
  });
});

Deno.test("wire: ATTENTION while idle is acknowledged with DONE(ATTN)", async () => {
  await session(async (client) => {
    await client.send(ATTENTION, new Uint8Array(0));
    const ack = await client.readMessage();
    assert.deepEqual(finalDone(ack.payload), { token: DONE, status: DONE_ATTN });
  });
});

Deno.test("wire: ATTENTION during a request ends its answer, then acknowledges in a message of its own", async () => {
  await session(async (client, seen) => {
    slowStarted = Promise.withResolvers<void>();
    await client.send(SQL_BATCH, RawClient.batch("/* slow */"));
    await slowStarted.promise;
    await client.send(ATTENTION, new Uint8Array(0));
    const answer = await client.readMessage();
    assert.deepEqual(finalDone(answer.payload), { token: DONE, status: 0 });
    const ack = await client.readMessage();
    assert.deepEqual(ack.payload.length, 13);
    assert.deepEqual(finalDone(ack.payload), { token: DONE, status: DONE_ATTN });
    assert.equal(seen[0]?.signal.aborted, true);
    // The connection still serves requests.
    await client.send(SQL_BATCH, RawClient.batch("/* rows */"));
    assert.equal(finalDone((await client.readMessage()).payload).status, 0x10);
  });
});

Deno.test("wire: ATTENTION in the middle of a long answer cuts it at a token boundary before the ack", async () => {
  await session(async (client) => {
    slowStarted = Promise.withResolvers<void>();
    await client.send(SQL_BATCH, RawClient.batch("/* huge */"));
    await slowStarted.promise;
    await client.send(ATTENTION, new Uint8Array(0)); // not reading yet: the server is stuck mid-answer
    const answer = await client.readMessage();
    assert.ok(answer.payload.length < 10_000_000, `${answer.payload.length} bytes: the answer was not cut`);
    assert.deepEqual(finalDone(answer.payload), { token: DONE, status: 0 }); // no row count: cut short
    // COLMETADATA (20 bytes), whole ROW tokens (1 + 2 + 256 bytes each), then the DONE (13 bytes).
    assert.equal((answer.payload.length - 20 - 13) % 259, 0);
    const ack = await client.readMessage();
    assert.deepEqual(finalDone(ack.payload), { token: DONE, status: DONE_ATTN });
    await client.send(SQL_BATCH, RawClient.batch("/* rows */"));
    assert.equal(finalDone((await client.readMessage()).payload).status, 0x10);
  });
});
