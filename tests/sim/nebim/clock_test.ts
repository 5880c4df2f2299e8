/**
 * The simulated SQL Server's GETDATE() is the wall clock of the machine it runs on, as a real one's is.
 * TRY-IT loads a merchant's export, whose ValidDate/ValidTime and audit stamps are Istanbul wall-clock times;
 * a clock on UTC started each of their price lists three hours late in the simulator.
 */
import assert from "node:assert/strict";

const MINUTE = 60_000;

async function signpostUnder(tz: string): Promise<{ before: number; after: number; signpost: number }> {
  const child = new URL("./clock_child.ts", import.meta.url).pathname;
  const allow = ["--allow-net=127.0.0.1", "--allow-env", "--allow-sys=hostname", "--allow-read"];
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...allow, child],
    env: { TZ: tz },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout).trim());
}

Deno.test("the simulator's GETDATE() is the host's wall clock: Istanbul's is UTC + 3 h, read through mssql", async () => {
  const { before, after, signpost } = await signpostUnder("Europe/Istanbul");
  // Turkey keeps UTC+3 all year; datetime's 1/300 s rounding moves the value by at most 2 ms.
  assert.ok(
    signpost >= before + 180 * MINUTE - 5 && signpost <= after + 180 * MINUTE + 5,
    `GETDATE() ${new Date(signpost).toISOString()} is Istanbul's wall clock ` +
      `(${new Date(before + 180 * MINUTE).toISOString()})`,
  );
});

Deno.test("the simulator's GETDATE() on a host on UTC is UTC", async () => {
  const { before, after, signpost } = await signpostUnder("UTC");
  assert.ok(signpost >= before - 5 && signpost <= after + 5);
});
