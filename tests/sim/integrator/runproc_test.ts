import assert from "node:assert/strict";
import { connectToken, harness, request } from "./fixture.ts";

const procs = {
  sp_GetInventory: (p: Record<string, string>) => {
    if (p.WarehouseCode === undefined) {
      throw new Error("Procedure 'sp_GetInventory' expects parameter '@WarehouseCode'.");
    }
    return [{ ItemCode: "KML-1001", WarehouseCode: p.WarehouseCode, Qty: 4 }, {
      ItemCode: "KML-2002",
      WarehouseCode: p.WarehouseCode,
      Qty: 0,
    }];
  },
};

Deno.test("RunProc answers the proc's rows as a JSON array; names compare case-insensitively", async () => {
  await using h = await harness({ procs });
  const token = await connectToken(h.sim);
  const res = await fetch(`${h.sim.baseUrl}/IntegratorService/RunProc/${token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ProcName: "SP_GETINVENTORY",
      Parameters: [{ Name: "WarehouseCode", Value: "W01" }],
    }),
  });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), [
    { ItemCode: "KML-1001", WarehouseCode: "W01", Qty: 4 },
    { ItemCode: "KML-2002", WarehouseCode: "W01", Qty: 0 },
  ]);
});

Deno.test("RunProc errors: unknown proc, a non-string value, the proc's own failure, no login", async () => {
  await using h = await harness({ procs });
  const token = await connectToken(h.sim);
  const run = (body: unknown, t = token) =>
    request(`${h.sim.baseUrl}/IntegratorService/RunProc`, { headers: { Token: t }, body });
  const unknown = await run({ ProcName: "sp_Nope", Parameters: [] });
  assert.equal(unknown.status, 200);
  assert.match(String(unknown.json.ExceptionMessage), /Could not find stored procedure 'sp_Nope'/);
  const number = await run({
    ProcName: "sp_GetInventory",
    Parameters: [{ Name: "WarehouseCode", Value: 1 }],
  });
  assert.match(String(number.json.ExceptionMessage), /"WarehouseCode": Value must be a string/);
  const failing = await run({ ProcName: "sp_GetInventory" });
  assert.match(String(failing.json.ExceptionMessage), /expects parameter '@WarehouseCode'/);
  const noName = await run({ Parameters: [] });
  assert.match(String(noName.json.ExceptionMessage), /ProcName is required/);
  const wrong = await connectToken(h.sim, { Password: "nope" });
  const denied = await run({
    ProcName: "sp_GetInventory",
    Parameters: [{ Name: "WarehouseCode", Value: "W01" }],
  }, wrong);
  assert.match(String(denied.json.ExceptionMessage), /Login failed/);
});
