/**
 * The project's command lines as subprocesses, run exactly as `deno task sim` / `deno task start` run them
 * (the `deno run` flags are read from deno.json, and a literal `--` is passed through as Deno does), plus
 * the Qukasoft simulator's product list over HTTP. Used by the try-it, CLI and sim-loader tests.
 * @module
 */

import assert from "node:assert/strict";
import type { SimSettings } from "../../sim/start.ts";
import type { StoreProduct } from "../../sim/qukasoft/types.ts";

/** The repository root: commands run from here so deno.json (import map, tasks) applies. */
export const ROOT = new URL("../../", import.meta.url).pathname;
export const FIXTURES = new URL("../fixtures/tryit/", import.meta.url).pathname;

const TASKS = (JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`)) as { tasks: Record<string, string> })
  .tasks;

/** `deno task NAME` without its leading `deno`: `["run", "--allow-net=…", …, "sim/main.ts"]`. */
export function taskArgs(name: "sim" | "start"): string[] {
  const words = TASKS[name]!.split(/\s+/);
  assert.equal(words[0], "deno", `deno.json task ${name} starts with deno`);
  return words.slice(1);
}

export interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** `deno task NAME -- ...args`, to completion. */
export async function runTask(name: "sim" | "start", args: string[]): Promise<Output> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [...taskArgs(name), "--", ...args],
    cwd: ROOT,
    // Typed in the root: relative paths are the root's (task_cwd.ts), whichever folder ran the tests.
    env: { NO_COLOR: "1", INIT_CWD: ROOT },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

export interface SimProcess {
  /** The first line `sim` printed. */
  settings: SimSettings;
  /** What it wrote to stderr: at least the "simulators up: …" summary line. */
  stderr(): string;
  /** SIGTERM, then waits for it to exit; returns its exit code. */
  close(): Promise<number>;
}

/** The simulators on the try-it fixtures (tests/fixtures/tryit: nebim.json and store.json). */
export function startFixtureSim(): Promise<SimProcess> {
  return startSim(["--nebim-data", `${FIXTURES}nebim.json`, "--store-data", `${FIXTURES}store.json`]);
}

/** Starts `deno task sim -- ...args` and waits for its settings line. */
export async function startSim(args: string[]): Promise<SimProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [...taskArgs("sim"), "--", ...args],
    cwd: ROOT,
    // Typed in the root: relative paths are the root's (task_cwd.ts), whichever folder ran the tests.
    env: { NO_COLOR: "1", INIT_CWD: ROOT },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let err = "";
  const summary = Promise.withResolvers<void>();
  // Drained all along, so the child never blocks on a full pipe; ends when the child exits.
  const errDone = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({
      write(chunk) {
        err += chunk;
        if (/simulators up: .*\n/.test(err)) summary.resolve();
      },
    }),
  ).finally(() => summary.resolve());
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let first = "";
  while (!first.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    first += value;
  }
  let closed: Promise<number> | undefined;
  const close = () =>
    closed ??= (async () => {
      try {
        child.kill("SIGTERM");
      } catch {
        // already exited
      }
      const status = await child.status;
      await reader.cancel();
      await errDone;
      return status.code;
    })();
  if (!first.includes("\n")) {
    const code = await close();
    throw new Error(`sim exited (${code}) before printing its settings:\n${err}`);
  }
  // The summary line follows the settings line on stderr: wait for it, so stderr() is complete.
  await summary.promise;
  return { settings: JSON.parse(first.split("\n")[0]!), stderr: () => err, close };
}

/** Every product in the Qukasoft simulator, read through its API as any client would. */
export async function storeProducts(q: SimSettings["qukasoft"]): Promise<StoreProduct[]> {
  const res = await fetch(`${q.baseUrl}/product/lists?pageStart=0&pageSize=100&orderBy=id&sort=asc`, {
    headers: { apikey: q.apiKey, apisecret: q.apiSecret },
  });
  const body = await res.json() as { code: number; result: { total: number; list: StoreProduct[] } };
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.ok(body.result.total <= 100, "one page holds the whole test store");
  return body.result.list;
}

/** The try-it settings file pointed at running simulators (the file names fixed ports; sims take free ones). */
export async function settingsFor(sim: SimSettings, file = `${FIXTURES}settings.json`) {
  const doc = JSON.parse(await Deno.readTextFile(file));
  doc.nebim.sql.port = sim.nebimSql.port;
  doc.nebim.integrator.baseUrl = sim.integrator.baseUrl;
  doc.qukasoft.baseUrl = sim.qukasoft.baseUrl;
  return doc as {
    nebim: { sql: Record<string, unknown>; integrator: Record<string, unknown> };
    qukasoft: Record<string, unknown>;
    pricing: { site: { percent: number } };
  } & Record<string, unknown>;
}
