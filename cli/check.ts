/**
 * `check`: before the first sync, prove each connection the way that matters — SQL Server login plus every
 * table and column the agent reads (INFORMATION_SCHEMA), the Integrator login through GetUserInfo
 * (Connect alone says yes to a wrong password), and Qukasoft's /auth. Exit code 1 on any failure.
 * @module
 */

import { errorMessage } from "../errors.ts";
import { comparesLikeAgent } from "../nebim/sql/schema_check.ts";
import type { CommandState } from "./state.ts";

export async function runCheck(st: CommandState, out: (l: string) => void): Promise<number> {
  const s = st.settings.current();
  let failures = 0;
  const step = async (label: string, fn: () => Promise<string>) => {
    try {
      out(`ok    ${label}: ${await fn()}`);
    } catch (e) {
      failures++;
      out(`FAIL  ${label}: ${errorMessage(e)}`);
    }
  };
  const sql = s.nebim.sql;
  let other: string[] = [];
  const server = sql.instanceName ? `${sql.host}\\${sql.instanceName}` : `${sql.host}:${sql.port}`;
  await step(`Nebim SQL Server ${server}/${sql.database}`, async () => {
    const reader = await st.connections.reader();
    const report = await reader.verifySchema();
    if (!report.ok) {
      const what = report.missing.map((m) => (m.column ? `${m.table}.${m.column}` : `table ${m.table}`));
      // SQL Server hides a table the login may not read: a missing table is often a missing GRANT.
      const hint = report.missing.some((m) => !m.column)
        ? " (a table the login may not SELECT is invisible to it: docs/OPERATIONS.md, The SQL Server login)"
        : "";
      throw new Error(`logged in, but these are missing: ${what.join(", ")}${hint}`);
    }
    other = report.collations.filter((c) => !comparesLikeAgent(c));
    // A named instance's port came from SQL Server Browser: say which, for a firewall rule or a fixed port.
    const at = sql.instanceName ? ` on ${await st.connections.sqlAddress()}` : "";
    return `logged in${at}; every table and column the agent reads is there`;
  });
  if (other.length) {
    // A warning, not a failure: most codes compare the same either way; only i/I (and accents under an
    // _AI collation) can make one code two, or two codes one.
    out(
      `WARN  Nebim SQL Server: its text columns use ${other.join(", ")}; the agent compares codes as ` +
        "Turkish_CI_AS does (i pairs with İ, ı with I), so codes that differ only there may be matched " +
        "otherwise than Nebim matches them (docs/OPERATIONS.md, Collation)",
    );
  }
  await step(`Nebim Integrator ${s.nebim.integrator.baseUrl ?? "(not set)"}`, async () => {
    const u = await st.connections.integratorUser();
    return `logged in as ${u.userGroupCode}/${u.userName} on ${u.databaseName} (office ${
      u.officeCode || "—"
    }, ` +
      `store ${u.storeCode || "—"})`;
  });
  await step(`Qukasoft ${s.qukasoft.baseUrl ?? "(not set)"}`, async () => {
    const { storeName } = await st.connections.store().auth();
    return `store "${storeName}"`;
  });
  out(failures ? `${failures} check(s) failed` : "all checks passed");
  return failures ? 1 : 0;
}
