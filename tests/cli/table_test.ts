import assert from "node:assert/strict";
import { renderTable } from "../../cli/table.ts";

Deno.test("renderTable: a line break or an escape code in a Nebim name stays on its row, shown as an escape", () => {
  const table = renderTable(["action", "why"], [
    ["rename", 'name "Yün Kazak\nKışlık" → "Yün Kazak Kışlık"'],
    ["stock", "quantity 1 → 2"],
    ["create", "Şal\t\u001b[2J\r"],
  ]);
  assert.deepEqual(table.split("\n"), [
    "action  why",
    "------  ---------------------------------------------",
    'rename  name "Yün Kazak\\nKışlık" → "Yün Kazak Kışlık"',
    "stock   quantity 1 → 2",
    "create  Şal\\t\\u001b[2J\\r",
  ]);
});

Deno.test("renderTable: a long cell is cut with …, never between the halves of an emoji", () => {
  assert.deepEqual(renderTable(["why"], [["Kazak 🧶🧶"], ["Kazak 🧶"], ["Çorap"]], 8).split("\n"), [
    "why",
    "--------",
    "Kazak …",
    "Kazak 🧶",
    "Çorap",
  ]);
});

Deno.test("renderTable: an invisible character is shown, and columns line up by what the terminal shows", () => {
  const table = renderTable(["subject", "qty"], [
    ["8690001\u200b", "1"], // a zero-width space pasted with a barcode: the code looks valid
    ["\ufeffKazak", "2"], // a BOM at the start of an Excel cell
    ["\u202eKAZAK", "3"], // a bidi override would reverse the rest of the line
    ["Kis\u0327lik", "4"], // "Kışlık" typed on a Mac: s + combining cedilla is one column
    ["毛衣", "5"], // two columns each
    ["👩‍👧 Set", "6"], // one emoji, two columns: its joiner is not hidden text
  ]);
  assert.deepEqual(table.split("\n"), [
    "subject        qty",
    "-------------  ---",
    "8690001\\u200b  1",
    "\\ufeffKazak    2",
    "\\u202eKAZAK    3",
    "Kis\u0327lik         4",
    "毛衣           5",
    "👩‍👧 Set         6",
  ]);
});

Deno.test("renderTable: a long cell is cut by columns, never between a letter and its accent", () => {
  assert.deepEqual(renderTable(["why"], [["Kis\u0327lik Kazak"], ["毛衣毛衣毛衣"]], 6).split("\n"), [
    "why",
    "------",
    "Kis\u0327li…",
    "毛衣…",
  ]);
});
