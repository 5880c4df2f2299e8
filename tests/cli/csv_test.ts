import assert from "node:assert/strict";
import { tlField, toCsv } from "../../cli/csv.ts";

Deno.test("toCsv: a BOM, ; between fields, CRLF, and quotes only where a field needs them", () => {
  const csv = toCsv(["action", "why"], [
    ["create", "Şık Çanta; İpek"],
    ["held", 'cost "0"\nno price'],
    ["stock", "ğüşıöç"],
  ]);
  assert.equal(
    csv,
    '\uFEFFaction;why\r\ncreate;"Şık Çanta; İpek"\r\nheld;"cost ""0""\nno price"\r\nstock;ğüşıöç\r\n',
  );
});

Deno.test("toCsv: a field that Excel would take for a formula is kept as text", () => {
  const csv = toCsv(["stock code"], [["=HYPERLINK(1)"], ["+90"], ["@x"], ["-5"], ["-2+3"], ["SRT-1"]]);
  assert.deepEqual(csv.slice(1).split("\r\n"), [
    "stock code",
    "'=HYPERLINK(1)",
    "'+90",
    "'@x",
    "-5",
    "'-2+3",
    "SRT-1",
    "",
  ]);
});

Deno.test("toCsv: codes are written as they are (a barcode, a leading zero), for any program that reads the file", () => {
  const csv = toCsv(["stock code"], [["8690000000012"], ["012345"], ["1E5"]]);
  assert.deepEqual(csv.slice(1).split("\r\n"), ["stock code", "8690000000012", "012345", "1E5", ""]);
});

Deno.test("tlField: TL with a decimal comma and no thousands mark, as Turkish Excel reads a number; none is empty", () => {
  assert.deepEqual([tlField(123450), tlField(5), tlField(0), tlField(null)], ["1234,50", "0,05", "0,00", ""]);
});

Deno.test("toCsv: a negative TL amount (decimal comma) is a number, not text the formula guard marks", () => {
  const csv = toCsv(["price TL"], [[tlField(-150)], [tlField(-123450)], ["-1,5+2"], ["-1,"]]);
  assert.deepEqual(csv.slice(1).split("\r\n"), ["price TL", "-1,50", "-1234,50", "'-1,5+2", "'-1,", ""]);
});
