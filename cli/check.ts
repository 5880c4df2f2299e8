/**
 * `check`: before the first sync, prove each connection the way that matters — SQL Server login plus every
 * table and column the agent reads and each column's type (INFORMATION_SCHEMA), catalog.warehouses in
 * cdWarehouse (a code that is no warehouse reads every stock as 0), the price source, barcode type and
 * language by Nebim rows that use them (a code none uses holds every item, or names none), the Integrator
 * login through GetUserInfo (Connect alone says yes to a wrong password), and Qukasoft's /auth. Exit code 1
 * on any failure.
 * @module
 */

import { errorMessage } from "../errors.ts";
import { type Absent, comparesLikeAgent, type TypeFinding } from "../nebim/sql/schema_check.ts";
import type { CatalogCode } from "../nebim/sql/code_check.ts";
import { missingWarehouseLines } from "../nebim/sql/warehouse_check.ts";
import type { CommandState } from "./state.ts";
import { DONE_EXIT, FAILED_EXIT } from "./exit_code.ts";
import { shownUrl } from "../url_text.ts";
import { notSet, type Settings, unsetKeys } from "../settings/mod.ts";

/**
 * `out` gets the report; `say` (stderr) a line as each step starts: a step waits up to its timeout on a host
 * that does not answer, and a minute of a silent terminal looks like a hung command.
 */
export async function runCheck(
  st: CommandState,
  out: (l: string) => void,
  say: (l: string) => void = () => {},
): Promise<number> {
  const s = st.settings.current();
  let failures = 0;
  const step = async (label: string, fn: () => Promise<string>) => {
    say(`… checking ${label}`);
    try {
      out(`ok    ${label}: ${await fn()}`);
    } catch (e) {
      if (e instanceof Warning) return out(`WARN  ${label}: ${e.message}`);
      failures++;
      out(`FAIL  ${label}: ${errorMessage(e)}`);
    }
  };
  const sql = s.nebim.sql;
  let other: string[] = [];
  let types: TypeFinding[] = [];
  let schemaOk = false;
  const server = sql.instanceName ? `${sql.host}\\${sql.instanceName}` : `${sql.host}:${sql.port}`;
  await step(`Nebim SQL Server ${server}/${sql.database}`, async () => {
    // The warehouses get a line of their own below: a wrong one must not hide what the schema check says.
    const reader = await st.connections.reader(false);
    const report = await reader.verifySchema();
    types = report.types;
    if (report.missing.length) {
      throw new Error(`logged in as ${sql.user}, but ${absentReport(report.missing, sql.user)}`);
    }
    other = report.collations.filter((c) => !comparesLikeAgent(c));
    // A named instance's port came from SQL Server Browser: say which, for a firewall rule or a fixed port.
    const at = sql.instanceName ? ` on ${await st.connections.sqlAddress()}` : "";
    schemaOk = true;
    return `logged in${at}; every table and column the agent reads is there`;
  });
  // A line each: a column of a type the agent cannot read fails, one it reads with a loss warns.
  for (const t of types) {
    if (t.loss === undefined) failures++;
    out(`${t.loss === undefined ? "FAIL" : "WARN"}  Nebim column ${t.table}.${t.column}: ${typeLine(t)}`);
  }
  if (schemaOk) {
    await step(`Nebim warehouses ${s.catalog.warehouses.join(", ")}`, async () => {
      const missing = await st.connections.missingWarehouses();
      if (missing.length) throw new Error(missingWarehouseLines(missing).join("; "));
      return "each is a warehouse in Nebim (cdWarehouse)";
    });
    // The other codes the settings name: SQL Server takes any, and a typo reads nothing (code_check.ts).
    for (const [which, label, ok] of catalogCodes(s.catalog)) {
      // The barcode type of stock codes made from a template only picks the barcode the store shows: a warning.
      const warnOnly = which === "barcodeType" && s.catalog.stockCode.from === "template";
      await step(`Nebim ${label}`, async () => {
        const unused = await st.connections.unusedCode(which);
        if (unused === undefined) return ok;
        throw warnOnly ? new Warning(unused) : new Error(unused);
      });
    }
  }
  if (schemaOk) {
    // The restore watch (sync/restore_watch.ts): a login denied the view syncs all the same, blind to one case.
    await step("Nebim restores", async () => {
      const created = await (await st.connections.reader(false)).databaseCreated();
      if (created) return "a restore between two cycles is seen (sys.databases): the next cycle is full";
      throw new Warning(
        `the login ${sql.user} may not read sys.databases, so a restore over between two cycles waits for the ` +
          "full reconciliation (docs/OPERATIONS.md, The SQL Server login)",
      );
    });
  }
  if (other.length) {
    // A warning, not a failure: most codes compare the same either way; only i/I (and accents under an
    // _AI collation) can make one code two, or two codes one.
    out(
      `WARN  Nebim SQL Server: its text columns use ${other.join(", ")}; the agent compares codes as ` +
        "Turkish_CI_AS does (i pairs with İ, ı with I), so codes that differ only there may be matched " +
        "otherwise than Nebim matches them (docs/OPERATIONS.md, Collation)",
    );
  }
  const url = (u: string | null) => u === null ? "(not set)" : shownUrl(u);
  await step(`Nebim Integrator ${url(s.nebim.integrator.baseUrl)}`, async () => {
    // A failure all the same (issue 3, docs/settings.md), but not one of the product sync's: said so.
    const unset = unsetKeys(s, "integrator");
    if (unset.length) {
      throw new Error(
        `${notSet(unset)} (docs/settings.md); the Integrator is used for orders only: the product sync and ` +
          "the XML feed run without it",
      );
    }
    const u = await st.connections.integratorUser();
    return `logged in as ${u.userGroupCode}/${u.userName} on ${u.databaseName} (office ${
      u.officeCode || "—"
    }, ` +
      `store ${u.storeCode || "—"})`;
  });
  await step(`Qukasoft ${url(s.qukasoft.baseUrl)}`, async () => {
    const { storeName } = await st.connections.store().auth();
    return storeName === undefined ? "connected (the store gives no name)" : `store "${storeName}"`;
  });
  out(failures ? `${failures} check(s) failed` : "all checks passed");
  return failures ? FAILED_EXIT : DONE_EXIT;
}

/** The settings naming a Nebim code that `check` proves by the rows using it: which, its label, its ok. */
function catalogCodes(c: Settings["catalog"]): [CatalogCode, string, string][] {
  const src = c.priceSource;
  return [
    src.kind === "basePrice"
      ? [
        "priceSource",
        `base price code ${src.basePriceCode}`,
        "Nebim has base prices of it (prItemBasePrice)",
      ]
      : ["priceSource", `price group ${src.priceGroupCode}`, "Nebim has price-list lines of it in force"],
    [
      "barcodeType",
      `barcode type ${c.stockCode.barcodeTypeCode}`,
      "Nebim has barcodes of it (prItemBarcode)",
    ],
    ["language", `language ${c.langCode}`, "Nebim has item descriptions in it (cdItemDesc)"],
  ];
}

/** What a column's type is, and what the agent reads it as. */
function typeLine(t: TypeFinding): string {
  if (t.loss !== undefined) return `is ${t.found}, which the agent reads with a loss: ${t.loss}`;
  return `is ${t.found}; the agent reads it only as ${t.accepted.join(", ")} (nebim/sql/used_columns.ts)`;
}

/** A step's finding that does not fail `check`: said as WARN. */
class Warning extends Error {}

/**
 * What INFORMATION_SCHEMA did not list, by why: missing from the database (a Nebim version without it), not
 * readable by the login (with the GRANT that fixes it), or either, when the probe could not tell.
 */
function absentReport(absent: readonly Absent[], login: string): string {
  const name = (a: Absent) => (a.column ? `${a.table}.${a.column}` : `table ${a.table}`);
  const grant = (a: Absent) =>
    `GRANT SELECT ON dbo.${a.table}${a.column ? ` (${a.column})` : ""} TO ${login}`;
  const of = (why: Absent["why"]) => absent.filter((a) => a.why === why);
  const parts: string[] = [];
  if (of("missing").length) parts.push(`these are missing: ${of("missing").map(name).join(", ")}`);
  if (of("denied").length) {
    parts.push(`it may not read these: ${of("denied").map((a) => `${name(a)} (${grant(a)})`).join(", ")}`);
  }
  if (of("unknown").length) {
    parts.push(
      `these are not visible to it (missing, or no SELECT permission): ${
        of("unknown").map((a) => `${name(a)} (${grant(a)})`).join(", ")
      }`,
    );
  }
  const grants = of("missing").length < absent.length ? " (docs/OPERATIONS.md, The SQL Server login)" : "";
  return parts.join("; ") + grants;
}
