/**
 * SQL Server Browser is always on UDP 1434, so a test that runs one needs a loopback address of its own:
 * another file, or another test suite on the same machine, may hold 1434 on the address next door. The
 * browser started here takes the first free one of 127.0.0.2 to 127.0.0.13 (the test task's --allow-net
 * names them all) and stays bound until closed; tests start their SQL Servers on `browser.host` and fill
 * `browser.instances` afterwards.
 */

import { type SqlBrowser, startSqlBrowser } from "../../sim/tds/browser.ts";

/** 127.0.0.2 … 127.0.0.13: three test files at a time, for four suites at once. */
export const BROWSER_HOSTS = Array.from({ length: 12 }, (_, i) => `127.0.0.${i + 2}`);

/** A simulated browser, listing nothing yet, on a loopback address no other browser holds. */
export async function startBrowserOnFreeHost(serverName?: string): Promise<SqlBrowser> {
  let unavailable = 0;
  for (const host of BROWSER_HOSTS) {
    try {
      return await startSqlBrowser({ host, serverName, instances: [] });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "EADDRNOTAVAIL") unavailable++;
      else if (code !== "EADDRINUSE") throw e;
    }
  }
  throw new Error(
    unavailable === BROWSER_HOSTS.length
      ? "this machine has no loopback addresses 127.0.0.2-13 (macOS: add them with `sudo ifconfig lo0 alias " +
        "127.0.0.N up`)"
      : "UDP 1434 is taken on every one of 127.0.0.2-13: too many test suites at once",
  );
}
