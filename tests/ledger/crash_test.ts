import assert from "node:assert/strict";
import { openLedger } from "../../ledger/ledger.ts";
import { HOT, NEW_PER_ROUND } from "./fixtures/writer.ts";
import { withTempPath } from "./temp.ts";

const WRITER = new URL("./fixtures/writer.ts", import.meta.url).pathname;
const REPO = new URL("../../", import.meta.url).pathname;

/** Runs the writer until it has printed `rounds` commits, SIGKILLs it, returns the last one printed. */
async function writeThenKill(path: string, dir: string, rounds: number): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", `--allow-read=${dir}`, `--allow-write=${dir}`, WRITER, path],
    cwd: REPO,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let first: number | undefined;
  let last = 0;
  try {
    while (first === undefined || last - first + 1 < rounds) {
      const { value, done } = await lines.read();
      if (done) break;
      buffered += value;
      const complete = buffered.split("\n");
      buffered = complete.pop() ?? "";
      for (const l of complete) {
        last = Number(l);
        first ??= last;
      }
    }
  } finally {
    // Killed while it keeps writing: the kill lands at an arbitrary point, usually inside a transaction.
    try {
      child.kill("SIGKILL");
    } catch { /* already exited: the assertion below reports it */ }
    await child.status;
    await lines.cancel();
  }
  const err = await stderr;
  assert.ok(first !== undefined && last - first + 1 >= rounds, `writer stopped early: ${err}`);
  return last;
}

function assertConsistent(path: string, acknowledged: number): number {
  const ledger = openLedger(path);
  try {
    assert.deepEqual(ledger.integrityCheck(), ["ok"]);
    const round = Number(ledger.getBookmark("products"));
    // Every round the writer printed (after COMMIT returned) is there; at most one more committed
    // between the print and the kill.
    assert.ok(
      round >= acknowledged && round <= acknowledged + 1,
      `bookmark ${round}, acknowledged ${acknowledged}`,
    );
    // The bookmark is never ahead of (nor behind) the bindings written in its transaction.
    assert.equal(ledger.bindingCounts().total, round * NEW_PER_ROUND + HOT);
    assert.equal(ledger.getBinding(`R${round}-${NEW_PER_ROUND - 1}`)?.pushed?.quantity, round);
    assert.equal(ledger.getBinding(`R${round + 1}-0`), undefined);
    for (let i = 0; i < HOT; i++) assert.equal(ledger.getBinding(`HOT-${i}`)?.pushed?.quantity, round);
    return round;
  } finally {
    ledger.close();
  }
}

Deno.test("SIGKILL mid-write, twice: integrity ok, every committed round whole, none partial", () =>
  withTempPath(async (path, dir) => {
    const first = await writeThenKill(path, dir, 15);
    const round1 = assertConsistent(path, first);
    // The second writer resumes from the bookmark on the file the first one was killed on.
    const second = await writeThenKill(path, dir, 15);
    assert.ok(second > round1);
    const round2 = assertConsistent(path, second);
    console.log(`  killed after round ${round1}, then after round ${round2}`);
  }));
