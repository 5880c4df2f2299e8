/**
 * The agent's entry point. It only wires things: config → ledger → adapters → supervisor → HTTP, and
 * stops them in reverse. The command line is `cli/commands.ts`.
 * @module
 */

import { join } from "node:path";
import { type AnyActorRef, createActor, fromPromise } from "xstate";
import type { CycleInput } from "./actors/product_sync.ts";
import { productSyncMachine } from "./actors/product_sync.ts";
import { supervisorMachine } from "./actors/supervisor.ts";
import { Connections } from "./agent/connections.ts";
import { runProductCycle } from "./agent/cycle.ts";
import { QuietCycles } from "./agent/quiet_cycles.ts";
import { FeedSource } from "./agent/feed_source.ts";
import { healthView } from "./agent/health_view.ts";
import { LastKnown } from "./agent/last_known.ts";
import { SettingsStore } from "./agent/settings_store.ts";
import { ensureToken } from "./agent/token.ts";
import { within } from "./agent/within.ts";
import { runCli } from "./cli/commands.ts";
import { createApp } from "./http/app.ts";
import { listenUrl, urlHost } from "./http/listen_url.ts";
import { type Ledger, openLedger } from "./ledger/ledger.ts";
import { claimWriter } from "./ledger/writer_lock.ts";
import { getLogger } from "./log.ts";
import { errorMessage } from "./errors.ts";
import { notSet, unsetKeys } from "./settings/mod.ts";
import { VERSION } from "./version.ts";
import type { QukasoftClientOptions } from "./qukasoft/mod.ts";
import { enterTaskFolder } from "./task_cwd.ts";
import { makeDataFolder, narrowDataFolder } from "./owner_only_dir.ts";
import { openedDatabases } from "./agent/opened_databases.ts";

export interface AgentOptions {
  dataDir: string;
  /** The --config document, if one was given. */
  configDoc?: unknown;
  /** Overrides settings.http.port (0 = any free port; tests and the demo). */
  port?: number;
  /** How long to wait for another process's hold on the ledger to end; default 5 s (see writer_lock.ts). */
  lockWaitMs?: number;
  /**
   * Called once the writer lock is held, before anything is logged: the command line opens agent.log then. A
   * start refused for another agent on the data folder must not write to (or roll over) that agent's log.
   */
  onWriter?: () => Promise<void>;
  /**
   * Called as the last step before the writer lock is released, on stop() or after a failed start past the lock,
   * with the failure if any (a failed start's, or a stop step's, which stop() throws after): the command line
   * writes its last line to agent.log and closes it then. Once the lock is free a `run` started next (a service
   * manager's restart) may roll agent.log over under a late line.
   */
  onRelease?: (failure?: AgentFailure) => Promise<void>;
  /** Tests only: the store client's waits between retries, not slept (Connections' `storeTesting`). */
  storeTesting?: Pick<QukasoftClientOptions, "sleep">;
}

/** Why an agent stops other than asked to and cleanly: its start, or a step of its stop, failed. */
export interface AgentFailure {
  error: unknown;
  during: "start" | "stop";
}

export interface RunningAgent {
  healthUrl: string;
  feedUrl: string;
  settings: SettingsStore;
  ledger: Ledger;
  /** The root actor (tests wait on it; /health reads it). */
  supervisor: AnyActorRef;
  /** Set when the config file changed the ledger's settings: names the key paths (SettingsStore.open). */
  notice?: string;
  /** Set when http.host is a wildcard (0.0.0.0, ::): says so, and the URL another machine opens. */
  allInterfaces?: string;
  stop(): Promise<void>;
}

export async function startAgent(o: AgentOptions): Promise<RunningAgent> {
  const log = getLogger(["e-ticaret"]);
  // What has started, to stop in reverse: on stop(), or at once when a later step fails to start. Every
  // step is stopped even when one fails (the ledger closed and the lock freed after a failed pool close);
  // the first failure is thrown once all have run.
  const stops: (() => unknown)[] = [];
  // Read by the step before the lock's release (onRelease): set as they happen.
  let failure: AgentFailure | undefined;
  // A second stop() (a second signal, a caller's finally) waits for the first to end, and neither redoes nor
  // rethrows it: the first caller reports how it went.
  let stopping: Promise<void> | undefined;
  const stopStarted = (): Promise<void> => {
    if (stopping) return stopping.catch(() => {});
    stopping = stopAll();
    return stopping;
  };
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        // The reason it did not start is the one to report, not a later step's trouble stopping: that one is
        // logged, as it happens, so before the lock is released (the last step) and while agent.log is open.
        if (failure?.during === "start") {
          log.error("stopping after a failed start: {error}", { error: String(error) });
        } else failure ??= { error, during: "stop" };
      }
    }
    if (failure) throw failure.error;
  };
  try {
    return await start(o, log, stops, stopStarted, () => failure);
  } catch (e) {
    failure = { error: e, during: "start" };
    await stopStarted().catch(() => {}); // it throws e
    throw e;
  }
}

async function start(
  o: AgentOptions,
  log: ReturnType<typeof getLogger>,
  stops: (() => unknown)[],
  stopStarted: () => Promise<void>,
  failure: () => AgentFailure | undefined,
): Promise<RunningAgent> {
  await makeDataFolder(o.dataDir);
  const ledgerPath = `${o.dataDir}/ledger.sqlite`;
  const lock = await claimWriter(ledgerPath, "run", { waitMs: o.lockWaitMs ?? 5_000 });
  stops.push(() => lock.release());
  stops.push(() => o.onRelease?.(failure()));
  await o.onWriter?.();
  const narrowed = narrowDataFolder(o.dataDir);
  // Texts, not templates: a path's or a key's braces stay.
  if (narrowed) log.warn("{narrowed}", { narrowed });
  const ledger = openLedger(ledgerPath);
  stops.push(() => ledger.close());
  // With the writer lock held no other process is in a run: an unfinished one is a cycle that died.
  const interrupted = ledger.closeInterruptedRuns();
  if (interrupted > 0) {
    log.warn("{count} run(s) did not finish before the last stop (killed or crashed): marked interrupted", {
      count: interrupted,
    });
  }
  const opened = SettingsStore.open(ledger, o.configDoc);
  const settings = opened.store;
  if (opened.notice) log.warn("{notice}", { notice: opened.notice });
  const unset = [...unsetKeys(settings.current(), "nebimSql"), ...unsetKeys(settings.current(), "qukasoft")];
  if (unset.length) {
    log.warn("not configured yet: {what}; the product sync fails until they are (docs/settings.md)", {
      what: notSet(unset),
    });
  }
  const token = await ensureToken(o.dataDir);
  const connections = new Connections(() => settings.current(), o.storeTesting, openedDatabases(ledger));
  stops.push(() => connections.close());
  const feed = new FeedSource(connections, settings, ledger, join(o.dataDir, "feed"));

  // Bindings kept between cycles: the sync is the ledger's only writer (the writer lock sees to it).
  const cache = {};
  // What /health shows of the cycles before this process's own end (agent/last_known.ts).
  const known = LastKnown.fromLedger(ledger);
  const quiet = new QuietCycles();
  // The cycle under way: a stop aborts it, then waits for it to record what it did and how it ended ("the agent
  // was stopped during this cycle") before the ledger closes. Not waited on, it met a closed ledger: its run
  // was left unfinished, and the next start called it killed or crashed (`interrupted`).
  const cycles = new Set<Promise<unknown>>();
  const runCycle = fromPromise<Awaited<ReturnType<typeof runProductCycle>>, CycleInput>(
    ({ input, signal }) => {
      const cycle = runProductCycle(
        {
          connections,
          ledger,
          settings,
          cache,
          onCycle: (r) => {
            // A cycle that sent nothing saw no change the feed would show (the feed is the same catalogue).
            if (r.created + r.updated + r.zeroed + r.failed + r.rejected > 0) feed.invalidate();
          },
          onFeedChange: () => feed.invalidate(),
          quiet,
        },
        input,
        signal,
      );
      cycles.add(cycle);
      cycle.then((summary) => {
        cycles.delete(cycle);
        known.ended(summary);
      }, () => cycles.delete(cycle));
      return cycle;
    },
  );
  const machine = supervisorMachine.provide({
    actors: { productSync: productSyncMachine.provide({ actors: { runCycle } }) },
  });
  const actor = createActor(machine, {
    systemId: "supervisor",
    input: { settings: settings.current(), restartMs: 5_000, maxRestartMs: 300_000 },
  });
  actor.subscribe({ error: (e) => log.error("supervisor stopped: {error}", { error: String(e) }) });
  // Started once the port is bound (below): an agent that cannot serve /health must not begin a cycle.
  stops.push(async () => {
    actor.stop();
    if (!await within(Promise.allSettled(cycles), 10_000)) {
      log.warn(
        "the running cycle did not stop within 10 s; closing under it: the next start marks its run " +
          "interrupted and sends again what it had not recorded",
      );
    }
  });
  // Changes reach the supervisor in the order they were made: one that closes the SQL pool must not be
  // overtaken by a later one (the older document would arrive last and be kept: a later schedule change
  // undone), nor be lost if the close fails.
  let told = Promise.resolve();
  const unsubscribe = settings.subscribe((next, changed) => {
    // What the feed shows may have changed with them (a price rule, its channel, catalog.vanishLimit raised
    // to release a hold): its next request builds again.
    feed.invalidate();
    told = told.then(() => connections.settingsChanged(changed))
      .catch((e) => log.warn("closing a changed connection failed: {error}", { error: errorMessage(e) }))
      .then(() => actor.send({ type: "settingsChanged", settings: next, changed }));
  });
  stops.push(unsubscribe);

  const http = settings.current().http;
  const health = healthView({ supervisor: actor, ledger, feed, known });
  const app = createApp({ health, feed: (withBody, gzip) => feed.open(withBody, gzip), token });
  // Deno.serve binds before it returns; the quiet onListen keeps Deno's own "Listening on" line away.
  const port = o.port ?? http.port;
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({ hostname: http.host, port, onListen: () => {} }, app.fetch);
  } catch (e) {
    // Deno's own text names no address ("Cannot assign requested address": an http.host not, or no longer,
    // this machine's): say which setting to change.
    const where = `${urlHost(http.host)}:${port} (settings http.host/http.port)`;
    if (e instanceof Deno.errors.AddrInUse) {
      throw new Deno.errors.AddrInUse(`${where} is already in use by another program`);
    }
    throw new Error(`cannot listen on ${where}: ${errorMessage(e)}`, { cause: e });
  }
  stops.push(async () => {
    // Drained, but not waited on for ever: a client holding a request open must not stop the stop.
    await within(server.shutdown(), 5_000);
  });
  // Before the drain above (stops run in reverse): a feed build under way must not hold the stop.
  stops.push(() => feed.close());
  actor.start();
  const { base, allInterfaces } = listenUrl(http.host, server.addr.port);
  log.info(`agent {version} listening on {base}${allInterfaces ? "; {allInterfaces}" : ""}`, {
    version: VERSION,
    base,
    allInterfaces,
  });

  return {
    healthUrl: `${base}/health`,
    feedUrl: `${base}/feed/products.xml?token=${token}`,
    settings,
    ledger,
    supervisor: actor,
    notice: opened.notice,
    allInterfaces,
    // Reverse order of start: HTTP (drained), actors, connections, ledger, its writer lock.
    stop: stopStarted,
  };
}

if (import.meta.main) {
  enterTaskFolder(new URL(".", import.meta.url));
  Deno.exit(await runCli(Deno.args, { startAgent }));
}
