/**
 * Field schemas shared by the settings document: money, percentages, ports, URLs, stock-code templates.
 * @module
 */

import { z } from "zod";
import { decimalPlaces } from "../pricing/money.ts";

/** The placeholders a stock-code template may use (the variant key's columns, DESIGN §3). */
export const TEMPLATE_PLACEHOLDERS = [
  "ItemCode",
  "ColorCode",
  "ItemDim1Code",
  "ItemDim2Code",
  "ItemDim3Code",
] as const;

/**
 * A JSON number. Given as text, the message says how to write it: a Turkish "10,5" (or "1.250,50") is
 * the number 10.5 (1250.50), written with a decimal point and no quotes.
 */
export function number() {
  return z.number({
    error: (issue) => {
      if (issue.code !== "invalid_type" || typeof issue.input !== "string") return undefined; // zod's own
      const meant = asJsonNumber(issue.input);
      if (meant === undefined) return "must be a number such as 10.5, not text";
      // "1.250" is 1.25 as JSON reads it, but 1250 as a Turkish reader writes it: both are named.
      const grouped = /^-?\d{1,3}\.\d{3}$/.test(issue.input.trim());
      if (grouped) {
        return `must be a number without quotes: write ${
          meant.replace(".", "")
        } if the dot groups thousands, ` +
          `${meant} if it is a decimal point; not "${issue.input}"`;
      }
      return issue.input.includes(",")
        ? `must be a number with a decimal point: write ${meant}, not "${issue.input}" (no quotes)`
        : `must be a number: write ${meant} without quotes, not "${issue.input}"`;
    },
  });
}

/**
 * The JSON number a numeric text stands for: "10", "10.5", "10,5", "1.250,50"; else undefined. Leading zeros
 * are dropped ("007" is 7): JSON refuses them.
 */
export function asJsonNumber(text: string): string | undefined {
  const t = text.trim();
  let n: string | undefined;
  if (/^-?\d+(\.\d+)?$/.test(t)) n = t;
  else if (/^-?\d+,\d+$/.test(t)) n = t.replace(",", ".");
  // Turkish grouping: dots between thousands, a comma before the decimals.
  else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) n = t.replaceAll(".", "").replace(",", ".");
  return n?.replace(/^(-?)0+(?=\d)/, "$1");
}

/** TL amount: ≥ 0 with at most two decimals (checked on the number's shortest text). */
export function money() {
  return number().min(0, "must be ≥ 0").refine(
    (n) => decimalPlaces(n) <= 2,
    "must have at most two decimals",
  );
}

/**
 * A price ending. Text, so that "0.90" keeps its zero; written as a price is (0.99, a number), zod's 'expected
 * one of "0.90"|"0.99"' read as what had been written.
 */
export function priceEnding() {
  return z.enum(["0.90", "0.99"], {
    error: (issue) =>
      `must be "0.90" or "0.99" in quotes (text), or null for no ending; not ${shown(issue.input)}`,
  });
}

/** A special range's channel. Both channels is no key, not null (as `to: null` beside it would suggest). */
export function specialChannel() {
  return z.enum(["site", "marketplace"], {
    error: (issue) =>
      `must be "site" or "marketplace"; leave the key out for both channels; not ${shown(issue.input)}`,
  });
}

/** A value as the operator wrote it, for a message: text in quotes, a number said to be one. */
function shown(input: unknown): string {
  if (typeof input === "number") return `the number ${input}`;
  if (typeof input === "string" || input === null) return JSON.stringify(input);
  return Array.isArray(input) ? "a list" : `a ${typeof input}`;
}

/** A percentage: 12.5 means 12.5 %. */
export function percent() {
  return number().min(0, "must be ≥ 0");
}

/**
 * A whole number. Not zod's int check: it refuses one past 2^53 as if it had decimals ("must be a whole number"
 * for 99999999999999999, meant as "no limit"); here the range check that follows names the bound it passed.
 */
export function wholeNumber() {
  return number().refine(Number.isInteger, "must be a whole number");
}

const MAX_WHOLE = `must be at most ${Number.MAX_SAFE_INTEGER}`;

export function port() {
  return wholeNumber().min(1, "must be 1–65535").max(65535, "must be 1–65535");
}

export function positiveInt() {
  return wholeNumber().min(1, "must be ≥ 1").max(Number.MAX_SAFE_INTEGER, MAX_WHOLE);
}

export function nonNegativeInt() {
  return wholeNumber().min(0, "must be ≥ 0").max(Number.MAX_SAFE_INTEGER, MAX_WHOLE);
}

/**
 * Text with something in it: spaces alone are no warehouse, code or host, and a blank feed.category fails the
 * store's whole import ("Kategori bulunamadı"). Refused naming the key, not taken as a value that fails later.
 */
export function nonEmpty() {
  return z.string().min(1, "must not be empty").refine(
    (text) => text === "" || text.trim() !== "",
    { message: "must not be blank (only spaces)", abort: true },
  );
}

/**
 * SQL Server's host name or address alone. SSMS writes a protocol, an instance and a port into the server
 * name (`tcp:SRV01\\NEBIM,1500`); here each has its own key, and the message says how to write it.
 */
export function sqlHost() {
  return nonEmpty().superRefine((text, ctx) => {
    // As a URL writes it ("192.168.1.10:1500"): one colon only, an IPv6 address has more.
    const url = /^([^:\\,]+):(\d+)$/.exec(text.trim());
    const m = url
      ? [text, url[1], undefined, url[2]]
      : /^(?:tcp:)?([^\\,]*)(?:\\([^,]*))?(?:,\s*(\d+))?$/i.exec(text.trim());
    if (!m) return;
    const [, name, instance, port] = m;
    // SSMS's "." and "(local)" are this machine.
    const host = /^(\.|\(local\))?$/i.test(name!) ? "127.0.0.1" : name!;
    if (host === text) return;
    let message = `must be the host alone: "host": "${host}"`;
    if (port !== undefined) {
      // SSMS dials a port it is given and asks SQL Server Browser nothing: the instance name is ignored.
      message = `must be the host alone; put the port in nebim.sql.port: "host": "${host}", "port": ${port}` +
        (instance !== undefined
          ? `, "instanceName": null (with a port, SSMS ignores the instance name)`
          : "");
    } else if (instance !== undefined) {
      message = `must be the host alone; put the instance in nebim.sql.instanceName: "host": "${host}", ` +
        `"instanceName": "${instance}"`;
    }
    ctx.addIssue({ code: "custom", message });
  });
}

/**
 * An absolute http(s) URL such as "https://magaza.example.com/api", without the whitespace a paste leaves
 * around it: the URL parser drops it, so it passed, but the clients add their paths after it
 * ("…:801 /auth", no URL), and the error quoted that text with any password in it.
 */
export function httpUrl() {
  return z.string().trim().refine(isAbsoluteHttpUrl, "must be an absolute http:// or https:// URL")
    // The clients add their paths after it: "…/api?shop=1" + "/auth" asks /api with the query "shop=1/auth".
    .refine(
      (text) => !/[?#]/.test(text),
      "must not carry a ?query or #fragment: the agent adds its paths (/auth, /products …) after it",
    )
    .refine(
      (text) => !URL.canParse(text) || new URL(text).port !== "0",
      "must not name port 0: nothing listens there",
    );
}

function isAbsoluteHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** A stock-code template: text with {Placeholder}s from TEMPLATE_PLACEHOLDERS, at least one of them. */
export function stockCodeTemplate() {
  return z.string().superRefine((text, ctx) => {
    const problem = templateProblem(text);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  });
}

function templateProblem(text: string): string | null {
  const names = [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? "");
  const unknown = names.filter((n) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(n));
  const allowed = TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
  if (unknown.length > 0) return `unknown placeholder {${unknown[0]}}; allowed: ${allowed}`;
  if (/[{}]/.test(text.replace(/\{([^{}]*)\}/g, ""))) return "has an unmatched { or }";
  // Without a placeholder every variant would get the same stock code.
  if (names.length === 0) return `must contain at least one of ${allowed}`;
  return null;
}
