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
