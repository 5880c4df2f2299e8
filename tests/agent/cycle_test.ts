/**
 * A failed product cycle is written to the log with its kind and reason (the actor retries; /health shows
 * only the last error, so the log is where an operator reads what happened overnight); a stop's abort is not.
 */
import assert from "node:assert/strict";
import type { CycleInput } from "../../actors/product_sync.ts";
import { type CycleDeps, cycleSummary, runProductCycle } from "../../agent/cycle.ts";
import { emptyReport } from "../../sync/cycle_report.ts";
import { QuietCycles } from "../../agent/quiet_cycles.ts";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { configureLogging, stopLogging } from "../../log.ts";
import { parseSettings } from "../../settings/mod.ts";
import { BOOKMARK } from "../../sync/products.ts";

/** Connections whose held reader is what `reader` gives, with nothing to let go. */
function held(reader: () => Promise<unknown>) {
  return { heldReader: () => reader().then((r) => ({ reader: r, release() {} })) };
}

function deps(): CycleDeps {
  const settings = parseSettings({});
  const login = new IntegrationError("fatal", "Login failed for user 'eticaret_ro'. (ELOGIN)", {
    system: "nebim-sql",
  });
  return {
    settings: { current: () => settings },
    connections: held(() => Promise.reject(login)),
    ledger: { getBookmark: () => undefined },
  } as unknown as CycleDeps;
}

Deno.test("a failed cycle is logged with its kind and reason; an aborted one is not", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-cycle-" });
  try {
    await configureLogging({ dir, console: false });
    await assert.rejects(runProductCycle(deps(), { mode: "full" } as CycleInput), /Login failed/);
    const stopped = new AbortController();
    stopped.abort();
    await assert.rejects(runProductCycle(deps(), { mode: "incremental" } as CycleInput, stopped.signal));
    await stopLogging();
    const lines = (await Deno.readTextFile(`${dir}/agent.log`)).trim().split("\n");
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(
      lines[0]!,
      /\[WRN\] e-ticaret·products: "?full"? cycle failed \("?fatal"?\): .*Login failed for user/,
    );
  } finally {
    await stopLogging();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a cycle whose ledger cannot be read before it starts is logged as a failed cycle, and counted", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-cycle-" });
  try {
    await configureLogging({ dir, console: false });
    const quiet = new QuietCycles();
    const d = {
      ...deps(),
      ledger: {
        getBookmark: () => {
          throw new IntegrationError("fatal", "database disk image is malformed", { system: "ledger" });
        },
      },
      now: () => new Date("2026-11-29T03:00:00.000Z"),
      quiet,
    } as unknown as CycleDeps;
    await assert.rejects(runProductCycle(d, { mode: "incremental" } as CycleInput), /malformed/);
    await stopLogging();
    const log = await Deno.readTextFile(`${dir}/agent.log`);
    assert.match(log, /"?incremental"? cycle failed \("?fatal"?\): .*malformed/);
    assert.equal(quiet.recovered()?.cycles, 1, "the next cycle that ends well counts it");
  } finally {
    await stopLogging();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a cycle asked as incremental that runs full (SQL Server's clock set back) is logged as full when it fails, and the actor told", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-cycle-" });
  const ledger = openLedger(":memory:");
  try {
    await configureLogging({ dir, console: false });
    const settings = parseSettings({});
    const gone = new IntegrationError("retriable", "Connection lost: read ECONNRESET", {
      system: "nebim-sql",
    });
    ledger.setBookmark(BOOKMARK, "2026-11-29T03:00:00.000Z");
    const catalog = {
      serverTime: () => Promise.resolve(new Date("2026-11-29T02:00:00.000Z")), // an hour behind the bookmark
      changedItemCodes: () => Promise.reject(gone),
      sharedBarcodes: () => Promise.reject(gone),
      allItemCodes: async function* () {
        yield await Promise.reject<string[]>(gone);
      },
    };
    const d = {
      settings: { current: () => settings },
      connections: {
        ...held(() => Promise.resolve(catalog)),
        store: () => ({ listProducts: async function* () {} }),
      },
      ledger,
    } as unknown as CycleDeps;
    const told: string[] = [];
    const input = { mode: "incremental", onMode: (m) => void told.push(m) } as Omit<
      CycleInput,
      "rules"
    > as CycleInput;
    await assert.rejects(runProductCycle(d, input), /ECONNRESET/);
    assert.deepEqual(told, ["full"], "the actor counts its failure as a failed full cycle");
    await stopLogging();
    const lines = (await Deno.readTextFile(`${dir}/agent.log`)).trim().split("\n");
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(
      lines[0]!,
      /\[WRN\] e-ticaret·products: "?full"? cycle failed \("?retriable"?\): .*ECONNRESET/,
    );
  } finally {
    await stopLogging();
    ledger.close();
    await Deno.remove(dir, { recursive: true });
  }
});

/** The agent.log lines that `body` leaves, with a feed-only store's settings and a fresh ledger. */
async function feedOnlyLogLines(
  body: (ledger: ReturnType<typeof openLedger>, settings: ReturnType<typeof parseSettings>) => Promise<void>,
): Promise<string[]> {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-cycle-" });
  const ledger = openLedger(":memory:");
  try {
    await configureLogging({ dir, console: false });
    await body(ledger, parseSettings({ feed: { insteadOfApi: true } }));
    await stopLogging();
    return (await Deno.readTextFile(`${dir}/agent.log`)).trim().split("\n");
  } finally {
    await stopLogging();
    ledger.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** A feed-only cycle's deps over a Nebim whose clock and changed items are `world`'s, as a test sets them. */
function feedOnlyWorld(
  ledger: ReturnType<typeof openLedger>,
  settings: ReturnType<typeof parseSettings>,
  extra: Partial<CycleDeps> = {},
) {
  const world = { clock: Date.UTC(2026, 10, 29, 3, 0, 0), changed: [] as string[] };
  const d = {
    settings: { current: () => settings },
    connections: held(() =>
      Promise.resolve({
        serverTime: () => Promise.resolve(new Date(world.clock)),
        changedItemCodes: () => Promise.resolve(world.changed),
      })
    ),
    ledger,
    now: () => new Date(world.clock),
    ...extra,
  } as unknown as CycleDeps;
  return { world, d };
}

Deno.test("quiet incremental cycles leave one idle line an interval in agent.log, not one line each", async () => {
  const lines = await feedOnlyLogLines(async (ledger, settings) => {
    const { world, d } = feedOnlyWorld(ledger, settings, { quiet: new QuietCycles(60_000) });
    const cycle = async () => {
      await runProductCycle(d, { mode: "incremental" } as CycleInput);
      world.clock += 5_000;
    };
    await cycle(); // the first: no bookmark, so a full one
    for (let i = 0; i < 13; i++) await cycle(); // quiet, 0 s … 60 s after the first quiet one
    world.changed = ["KZK-0101"];
    await cycle();
  });
  assert.equal(lines.length, 3, lines.join("\n"));
  assert.match(
    lines[0]!,
    /feed-only "?full"? cycle: the feed is built again on its next request; nothing sent/,
  );
  assert.match(lines[1]!, /idle: 13 incremental cycles since "?2026-11-29T03:00:05\.000Z"? sent nothing/);
  assert.match(lines[2]!, /feed-only "?incremental"? cycle: 1 items changed/);
});

Deno.test("the first cycle that succeeds after failed ones says so in agent.log, though it is quiet", async () => {
  const lines = await feedOnlyLogLines(async (ledger, settings) => {
    let clock = Date.UTC(2026, 10, 29, 3, 0, 0);
    let down = false;
    const reader = {
      serverTime: () => Promise.resolve(new Date(clock)),
      changedItemCodes: () => Promise.resolve([]),
    };
    const refused = new IntegrationError("retriable", "Failed to connect to 127.0.0.1:1433", {
      system: "nebim-sql",
    });
    const d = {
      settings: { current: () => settings },
      connections: held(() => down ? Promise.reject(refused) : Promise.resolve(reader)),
      ledger,
      now: () => new Date(clock),
      quiet: new QuietCycles(3_600_000),
    } as unknown as CycleDeps;
    const cycle = async () => {
      await runProductCycle(d, { mode: "incremental" } as CycleInput).catch(() => {});
      clock += 30_000;
    };
    await cycle(); // the first: full
    down = true;
    await cycle();
    await cycle();
    down = false;
    await cycle(); // quiet, but it ends the failures
    await cycle(); // quiet: debug only
  });
  assert.equal(lines.length, 4, lines.join("\n"));
  assert.match(lines[1]!, /\[WRN\].*cycle failed/);
  assert.match(
    lines[3]!,
    /\[INF\] .*feed-only "?incremental"? cycle: 0 items changed; .*; recovered after 2 failed cycles since "?2026-11-29T03:00:30\.000Z"?/,
  );
});

Deno.test("a feed-only cycle stopped during its SQL read finishes its run as stopped, not with the abort's text", async () => {
  // `feed.insteadOfApi`: the agent's stop (Ctrl+C, the service's stop) aborts the cycle's query, which the
  // SQL pool rejects with the signal's reason, as it does here. docs/OPERATIONS.md promises the operator
  // `failed` with "the agent was stopped during this cycle", as for an API cycle, not Deno's "The signal has
  // been aborted".
  const ledger = openLedger(":memory:");
  try {
    const settings = parseSettings({ feed: { insteadOfApi: true } });
    const stop = new AbortController();
    const reader = {
      // Stopped while the query runs: the pool cancels it and rejects with the signal's reason.
      serverTime: (signal: AbortSignal) => {
        stop.abort();
        return Promise.reject(signal.reason);
      },
    };
    const d = {
      settings: { current: () => settings },
      connections: held(() => Promise.resolve(reader)),
      ledger,
    } as unknown as CycleDeps;
    await assert.rejects(runProductCycle(d, { mode: "incremental" } as CycleInput, stop.signal));
    const [run] = ledger.lastRuns(1);
    assert.equal(run?.kind, "products-feed");
    assert.equal(run?.outcome, "failed");
    assert.match(run?.error ?? "", /^the agent was stopped during this cycle/);
  } finally {
    ledger.close();
  }
});

Deno.test("a feed-only cycle whose run the ledger cannot finish fails with its own error, logged, not the ledger's", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-cycle-" });
  try {
    await configureLogging({ dir, console: false });
    const settings = parseSettings({ feed: { insteadOfApi: true } });
    const d = {
      ...deps(),
      settings: { current: () => settings },
      ledger: {
        startRun: () => 1,
        finishRun: () => {
          throw new IntegrationError("fatal", "database or disk is full", { system: "ledger" });
        },
      },
    } as unknown as CycleDeps;
    await assert.rejects(runProductCycle(d, { mode: "full" } as CycleInput), /Login failed/);
    await stopLogging();
    const log = await Deno.readTextFile(`${dir}/agent.log`);
    assert.match(log, /could not record the failed run after the cycle failed .*: .*disk is full/);
    assert.match(
      log,
      /feed-only "?full"? cycle failed .*Login failed/,
      "the cycle's own failure is logged too",
    );
  } finally {
    await stopLogging();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a cycle stopped while SQL Server has not answered its login ends at once, API or feed-only", async () => {
  // The login does not heed the stop: it ends when SQL Server answers, or after nebim.sql.requestTimeoutMs
  // (30 s by default; a host that takes the connection and never answers). The agent's stop waited for it
  // 10 s, then warned of a cycle that "did not stop".
  const ledger = openLedger(":memory:");
  try {
    for (const insteadOfApi of [false, true]) {
      const settings = parseSettings({ feed: { insteadOfApi } });
      const d = {
        settings: { current: () => settings },
        connections: held(() => new Promise(() => {})),
        ledger,
      } as unknown as CycleDeps;
      const stop = new AbortController();
      const cycle = runProductCycle(d, { mode: "incremental" } as CycleInput, stop.signal);
      stop.abort(new Error("the agent is stopping"));
      await assert.rejects(cycle, /the agent is stopping/);
    }
    const [run] = ledger.lastRuns(1);
    assert.equal(run?.kind, "products-feed");
    assert.match(run?.error ?? "", /^the agent was stopped during this cycle/);
  } finally {
    ledger.close();
  }
});

Deno.test("a cycle's summary keeps the codes the store lost and those in doubt, which make the actor ask for a full cycle", () => {
  const report = {
    ...emptyReport("incremental", false, undefined),
    created: 1,
    updated: 4,
    missing: 2,
    unsure: 3,
  };
  assert.deepEqual(cycleSummary(report, new Date("2026-11-29T03:00:00.000Z")), {
    mode: "incremental",
    finishedAt: "2026-11-29T03:00:00.000Z",
    created: 1,
    updated: 4,
    failed: 0,
    problems: 0,
    missing: 2,
    unsure: 3,
  });
});

Deno.test("a feed-only cycle has the feed built again after a full cycle or a change, not after a quiet one", async () => {
  const ledger = openLedger(":memory:");
  try {
    const settings = parseSettings({ feed: { insteadOfApi: true } });
    let told = 0;
    const { world, d } = feedOnlyWorld(ledger, settings, { onFeedChange: () => void told++ });
    const cycle = async (mode: CycleInput["mode"]) => {
      const summary = await runProductCycle(d, { mode } as CycleInput);
      world.clock += 30_000;
      return [summary.mode, told];
    };
    assert.deepEqual(await cycle("incremental"), ["full", 1], "the first: no bookmark, so full");
    assert.deepEqual(await cycle("incremental"), ["incremental", 1], "quiet");
    assert.deepEqual(await cycle("full"), ["full", 2], "a full cycle counts every item as changed");
    world.changed = ["KZK-0101"];
    assert.deepEqual(await cycle("incremental"), ["incremental", 3]);
  } finally {
    ledger.close();
  }
});

Deno.test("a cycle given up for changed nebim.sql settings is logged as such, not as a failed cycle, and not counted", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-cycle-" });
  try {
    await configureLogging({ dir, console: false });
    const quiet = new QuietCycles();
    const given = new IntegrationError(
      "retriable",
      "the SQL Server login under way was given up for new settings",
      {
        system: "nebim-sql",
        superseded: true,
      },
    );
    const d = { ...deps(), connections: held(() => Promise.reject(given)), quiet } as unknown as CycleDeps;
    await assert.rejects(runProductCycle(d, { mode: "full" } as CycleInput), /given up/);
    await stopLogging();
    const log = await Deno.readTextFile(`${dir}/agent.log`);
    assert.doesNotMatch(log, /failed/);
    assert.match(
      log,
      /\[INF\] e-ticaret·products: "?full"? cycle: the SQL Server login under way was given up/,
    );
    assert.equal(quiet.recovered(), undefined, "no failed cycle for the next one to count");
  } finally {
    await stopLogging();
    await Deno.remove(dir, { recursive: true });
  }
});
