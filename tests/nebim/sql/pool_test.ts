import assert from "node:assert/strict";
// @ts-types="@types/mssql"
import sql from "mssql";
import { translateSqlError } from "../../../nebim/sql/pool.ts";

const PASSWORD = "S3cret-Şifre";

Deno.test("translateSqlError: a failed login is fatal and never carries the password", () => {
  const e = translateSqlError(
    { code: "ELOGIN", message: `Login failed for user 'ro'. (password ${PASSWORD})` },
    PASSWORD,
    "connecting",
  );
  assert.equal(e.kind, "fatal");
  assert.equal(e.system, "nebim-sql");
  assert.ok(!e.message.includes(PASSWORD));
  assert.ok(!JSON.stringify(e.cause).includes(PASSWORD));
  assert.match(e.message, /Login failed for user 'ro'.*\(ELOGIN\)/);
});

Deno.test("translateSqlError: a short password is not masked inside ordinary text, which would tell it", () => {
  const e = translateSqlError(
    { code: "ESOCKET", message: "Failed to connect to 10.0.0.123:1433 - socket hang up" },
    "123",
    "connecting",
  );
  assert.match(e.message, /10\.0\.0\.123:1433 - socket hang up/);
});

Deno.test("translateSqlError: network trouble is retriable", () => {
  for (const code of ["ESOCKET", "ETIMEOUT", "ECONNRESET", "ECONNCLOSED", "ENOTOPEN"]) {
    assert.equal(translateSqlError({ code, message: "x" }, PASSWORD, "running").kind, "retriable", code);
  }
});

Deno.test("translateSqlError: a missing column or table (207/208) or a denied SELECT (229) is fatal", () => {
  for (const number of [207, 208, 229]) {
    const e = translateSqlError(
      { code: "EREQUEST", number, message: "Invalid object name 'cdItem'." },
      PASSWORD,
      "q",
    );
    assert.equal(e.kind, "fatal", String(number));
    assert.match(e.message, new RegExp(`#${number}`));
  }
});

Deno.test("translateSqlError: other server errors (deadlock victim 1205) and unknown throws are retriable", () => {
  assert.equal(
    translateSqlError({ code: "EREQUEST", number: 1205, message: "deadlock" }, PASSWORD, "q").kind,
    "retriable",
  );
  assert.equal(translateSqlError(new Error("boom"), PASSWORD, "q").kind, "retriable");
  assert.equal(translateSqlError("weird", "", "q").kind, "retriable");
});

Deno.test("translateSqlError: a login, database or network failure says which settings to check", () => {
  const msg = (code: string, number?: number) =>
    translateSqlError({ code, number, message: "x" }, "", "connecting to h:1433/V3").message;
  assert.match(
    msg("ELOGIN", 18456),
    /; check nebim\.sql\.user and nebim\.sql\.password, and that SQL Server/,
  );
  assert.match(
    msg("ELOGIN", 4060),
    /; check nebim\.sql\.database, and that the database has a user for the login \(CREATE USER <login> FOR LOGIN/,
  );
  assert.match(msg("ELOGIN"), /; check nebim\.sql\.user, nebim\.sql\.password and nebim\.sql\.database$/);
  assert.match(msg("ESOCKET"), /; check nebim\.sql\.host and nebim\.sql\.port/);
  assert.doesNotMatch(msg("EREQUEST", 208), /check nebim/);
});

Deno.test("translateSqlError: a denied SELECT names the login and the GRANT that mends it", () => {
  const table = translateSqlError(
    {
      code: "EREQUEST",
      number: 229,
      message: "The SELECT permission was denied on the object 'trStock', database 'V3_ACME', schema 'dbo'.",
    },
    PASSWORD,
    "running nebim:onHand",
    "eticaret_ro",
  );
  assert.equal(table.kind, "fatal");
  assert.match(
    table.message,
    /'trStock'.*\(EREQUEST #229\); the login eticaret_ro may not read dbo\.trStock: GRANT SELECT ON dbo\.trStock TO eticaret_ro \(docs\/OPERATIONS\.md/,
  );
  const column = translateSqlError(
    {
      code: "EREQUEST",
      number: 230,
      message: "The SELECT permission was denied on the column 'In_Qty1' of the object 'trStock', database " +
        "'V3_ACME', schema 'dbo'.",
    },
    PASSWORD,
    "running nebim:onHand",
    "eticaret_ro",
  );
  assert.equal(column.kind, "fatal");
  assert.match(
    column.message,
    /may not read column In_Qty1 of dbo\.trStock: GRANT SELECT ON dbo\.trStock \(In_Qty1\) TO eticaret_ro/,
  );
});

Deno.test("translateSqlError: a failed instance lookup on a later connection points at the instance and browser", () => {
  const e = translateSqlError(
    { code: "EINSTLOOKUP", message: "Port for NEBIM not found in h" },
    "",
    "running",
  );
  assert.equal(e.kind, "retriable");
  assert.match(
    e.message,
    /\(EINSTLOOKUP\); check nebim\.sql\.instanceName, and that SQL Server Browser runs/,
  );
});

Deno.test("translateSqlError: a connection lost mid-query does not send a person to the host and port that worked", () => {
  const lost = Object.assign(new Error("Connection lost - read ECONNRESET"), { code: "ESOCKET" });
  const e = translateSqlError(new sql.RequestError(lost), "", "running nebim:variants");
  assert.equal(e.kind, "retriable");
  assert.equal(
    e.message,
    "Nebim SQL error running nebim:variants: Connection lost - read ECONNRESET (ESOCKET)",
  );
  // The same code from the dial (a ConnectionError) still does.
  const dial = translateSqlError(new sql.ConnectionError(lost), "", "connecting to h:1433/V3");
  assert.match(dial.message, /\(ESOCKET\); check nebim\.sql\.host and nebim\.sql\.port/);
});

Deno.test("translateSqlError: a login locked out, expired or to be changed says so, not to check the password", () => {
  // SSMS's New Login dialog ticks "Enforce password expiration" and "User must change password at next
  // login": the right password then fails with 18488 at once, or 18487 weeks later.
  const cases: [number, string, RegExp][] = [
    [
      18486,
      "Reason: The account is currently locked out.",
      /locked out .*ALTER LOGIN eticaret_ro WITH PASSWORD = N'<nebim.sql.password>' UNLOCK/,
    ],
    [18487, "Reason: The password of the account has expired.", /has expired .*CHECK_EXPIRATION = OFF/],
    [18488, "Reason: The password of the account must be changed.", /MUST_CHANGE.*CHECK_EXPIRATION = OFF/],
  ];
  for (const [number, reason, hint] of cases) {
    const e = translateSqlError(
      { code: "ELOGIN", number, message: `Login failed for user 'eticaret_ro'. ${reason}` },
      PASSWORD,
      "connecting to SRV01:1433/V3",
      "eticaret_ro",
    );
    assert.equal(e.kind, "fatal");
    assert.match(e.message, hint, String(number));
    assert.doesNotMatch(e.message, /check nebim\.sql\.user/, String(number));
  }
});
