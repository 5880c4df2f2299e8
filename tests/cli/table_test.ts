import assert from "node:assert/strict";
import { renderTable } from "../../cli/table.ts";
import fc from "fast-check";

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

Deno.test("renderTable: a last column that wraps is read whole, at spaces, its row's other cells left blank below", () => {
  const reason = "the store no longer has this stock code (deleted or re-coded in its panel): the full " +
    "reconciliation that follows creates it again";
  const table = renderTable(["subject", "reason"], [["8690000000017", reason], ["KML-1001", "short"]], 40, {
    wrapLast: true,
  });
  assert.deepEqual(table.split("\n"), [
    "subject        reason",
    "-------------  ----------------------------------------",
    "8690000000017  the store no longer has this stock code",
    "               (deleted or re-coded in its panel): the",
    "               full reconciliation that follows creates",
    "               it again",
    "KML-1001       short",
  ]);
});

Deno.test("renderTable: a wrapped word longer than a line breaks between characters, never inside one", () => {
  assert.deepEqual(renderTable(["why"], [["Kis\u0327likKazak 🧶🧶🧶"]], 6, { wrapLast: true }).split("\n"), [
    "why",
    "------",
    "Kis\u0327lik",
    "Kazak",
    "🧶🧶🧶",
  ]);
});

Deno.test("renderTable: wrapping keeps every word of any text, each line within the width", () => {
  fc.assert(fc.property(
    fc.array(fc.stringMatching(/^[a-zçğıöşüA-Z0-9():,.-]{1,25}$/), { minLength: 1, maxLength: 30 }),
    fc.integer({ min: 8, max: 60 }),
    (words, max) => {
      const lines = renderTable(["subject", "reason"], [["X", words.join(" ")]], max, { wrapLast: true })
        .split("\n").slice(2);
      const texts = lines.map((l) => l.slice("subject  ".length));
      assert.ok(texts.every((t) => t.length <= max), texts.join("|"));
      assert.equal(texts.join(" ").split(" ").filter(Boolean).join(""), words.join(""));
      assert.ok(lines.slice(1).every((l) => l.startsWith(" ".repeat("subject  ".length))));
    },
  ));
});
