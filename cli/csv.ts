/**
 * CSV as Excel on a Turkish Windows opens it with a double-click: UTF-8 with a byte-order mark (else ş, ğ, İ
 * come out as ANSI), `;` between fields (the Turkish list separator: the comma is the decimal mark), CRLF.
 * @module
 */

import { formatKurus } from "../pricing/money.ts";

/**
 * A TL amount as that Excel reads a number: a decimal comma, no thousands mark (1234,50); empty for none.
 * With a decimal point, Turkish Excel would take 1234.50 for text or a date.
 */
export function tlField(kurus: number | null): string {
  return kurus === null ? "" : formatKurus(kurus).replace(".", ",");
}

/**
 * One field: quoted when it holds a separator, a quote or a line break. What Excel would start a formula with
 * (= + @, a tab or CR, a - that is not a plain number, with a decimal point or tlField's comma) is kept as
 * text. Codes are written as they are, for scripts and other programs too: Excel shows a 13-digit barcode as
 * 8,69E+12 (OPERATIONS says how to keep it).
 */
function field(value: string): string {
  const formula = /^[=+@\t\r]/.test(value) || (value.startsWith("-") && !/^-\d+([.,]\d+)?$/.test(value));
  const safe = formula ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((r) => r.map(field).join(";"));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
