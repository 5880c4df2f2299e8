/**
 * The ledger's writer lock: a second writer is refused, naming the holder, until the holder releases it or
 * dies (the OS frees the lock of a killed process, so a crash leaves no stale lock behind); a writer may wait
 * a while for the lock to be freed.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { claimWriter } from "../../ledger/writer_lock.ts";
import { withTempPath } from "./temp.ts";

function refused(e: unknown): e is IntegrationError {
  return e instanceof IntegrationError && e.kind === "fatal" && e.system === "ledger";
}

Deno.test("a second writer is refused, naming the holder, until the first releases the lock", async () => {
  await withTempPath(async (path) => {
    const first = await claimWriter(path, "run", { now: new Date("2026-11-28T10:00:00Z") });
    await assert.rejects(claimWriter(path, "sync products --once"), (e: unknown) => {
      assert.ok(refused(e));
      assert.equal(
        e.message,
        `an agent (pid ${Deno.pid}, \`run\` since 2026-11-28T10:00:00.000Z) is already writing the ledger ` +
          `${path}; only one may at a time. Stop it first, ` +
          "or run `sync products --once --dry-run`, which sends nothing and works beside it",
      );
      return true;
    });
    first.release();
    const second = await claimWriter(path, "sync products --once");
    second.release();
  });
});

Deno.test("a writer told to wait gets the lock once the holder lets go, and is refused if it never does", async () => {
  await withTempPath(async (path) => {
    const holder = await claimWriter(path, "sync products --once");
    let tries = 0;
    // The holder lets go during the second wait: the third try takes the lock.
    const waiter = await claimWriter(path, "run", {
      waitMs: 5_000,
      sleep: () => {
        if (++tries === 2) holder.release();
        return Promise.resolve();
      },
    });
    assert.equal(tries, 2);
    tries = 0;
    await assert.rejects(
      claimWriter(path, "run", { waitMs: 1_000, sleep: () => Promise.resolve(void tries++) }),
      (e: unknown) => refused(e) && /`run` since/.test(e.message),
    );
    assert.equal(tries, 4, "a try every 250 ms over 1 s, then refused");
    waiter.release();
  });
});

Deno.test("a killed holder leaves no stale lock: the next writer gets it at once", async () => {
  await withTempPath(async (path) => {
    const module = new URL("../../ledger/writer_lock.ts", import.meta.url).href;
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `import { claimWriter } from ${JSON.stringify(module)};` +
        `await claimWriter(${
          JSON.stringify(path)
        }, "run"); console.log("locked"); setInterval(() => {}, 60_000);`,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.getReader();
    try {
      const { value } = await reader.read();
      assert.equal(new TextDecoder().decode(value).trim(), "locked");
      await assert.rejects(claimWriter(path, "run"), (e: unknown) => {
        assert.ok(refused(e));
        assert.match(e.message, new RegExp(`^an agent \\(pid ${child.pid}, \`run\` since `));
        return true;
      });
    } finally {
      child.kill("SIGKILL");
      await child.status;
      reader.releaseLock();
      await child.stdout.cancel();
    }
    (await claimWriter(path, "run")).release();
  });
});

Deno.test("a holder's note that is unreadable or not the holder's shape gives the refusal without a pid", async () => {
  await withTempPath(async (path) => {
    const holder = await claimWriter(path, "run");
    try {
      for (const note of ['{"pid":"4120","since":"x","command":"run"}', "{", ""]) {
        await Deno.writeTextFile(`${path}.owner`, note);
        await assert.rejects(
          claimWriter(path, "run"),
          (e: unknown) => refused(e) && e.message.startsWith("another agent is already writing the ledger "),
        );
      }
    } finally {
      holder.release();
    }
  });
});

Deno.test("a refused writer never names a holder gone: a note left by one before the current holder wrote its own", async () => {
  await withTempPath(async (path) => {
    // The note a previous holder left (as one killed leaves it), beside a lock taken by a writer that has not
    // written its own note yet.
    (await claimWriter(path, "sync products --once", { now: new Date("2026-11-27T09:00:00Z") })).release();
    const taken = await Deno.open(`${path}.lock`, { read: true, write: true });
    try {
      assert.ok(await taken.tryLock(true));
      await assert.rejects(claimWriter(path, "run"), (e: unknown) => {
        assert.ok(refused(e));
        assert.match(e.message, /^another agent is already writing the ledger /);
        return true;
      });
    } finally {
      taken.close();
    }
  });
});

Deno.test("a lock file that cannot be opened (a read-only or missing data folder) is a fatal ledger error naming it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-test-" });
  try {
    // A folder that is not there stands for one the agent may not write: root ignores a read-only mode.
    const ledger = `${dir}/gone/ledger.sqlite`;
    await assert.rejects(claimWriter(ledger, "run"), (e) => {
      assert.ok(refused(e), String(e));
      assert.match(e.message, /gone[\\/]ledger\.sqlite\.lock/);
      assert.match(e.message, /check the data folder and its permissions/);
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
