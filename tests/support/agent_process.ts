/**
 * The agent as its own process, through the real command line: `sync products --once` on a settings file and
 * a data folder, for tests that kill it (SIGKILL) and start it again.
 * @module
 */

import type { SyncHarness } from "./sync_harness.ts";

export function syncOnceCommand(configPath: string, dataDir: string, ...flags: string[]): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-sys=hostname",
      "--allow-read",
      "--allow-write",
      new URL("../../main.ts", import.meta.url).pathname,
      "--",
      "sync",
      "products",
      "--once",
      ...flags,
      "--config",
      configPath,
      "--data",
      dataDir,
    ],
    stdout: "piped",
    stderr: "piped",
  });
}

/** A settings file and data folder for an agent process whose store requests go through a proxy. */
export interface ProxiedAgent {
  configPath: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts a proxy between an agent process and the harness's store simulator, and writes the agent's settings
 * file pointing at it. Every request is forwarded; `applied` runs once the store applied one (path and
 * body), before its answer goes back: there a test kills the agent or holds the answer. `before` runs before
 * a request is forwarded: there a test kills the agent before the store sees it, or answers it itself (a
 * Response: the store never sees the request, as with a 413 from the web server in front of it).
 */
export async function proxiedAgent(
  h: SyncHarness,
  applied: (path: string, body: string) => Promise<void> | void,
  before?: (path: string, body: string) => Promise<Response | void> | Response | void,
): Promise<ProxiedAgent> {
  const target = new URL(h.sims.qukasoft.baseUrl);
  const proxy = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    url.host = target.host;
    const sent = await req.text();
    const own = await before?.(url.pathname, sent);
    if (own) return own;
    const res = await fetch(url, { method: req.method, headers: req.headers, body: sent || undefined });
    const body = await res.arrayBuffer();
    await applied(url.pathname, sent);
    return new Response(body, { status: res.status, headers: res.headers });
  });
  const cfg = h.config();
  const proxied = {
    ...cfg,
    qukasoft: { ...(cfg.qukasoft as object), baseUrl: `http://127.0.0.1:${proxy.addr.port}` },
  };
  const configPath = `${h.dataDir}/config.json`;
  await Deno.writeTextFile(configPath, JSON.stringify(proxied));
  return { configPath, dataDir: `${h.dataDir}/agent`, close: () => proxy.shutdown() };
}
