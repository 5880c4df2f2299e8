import assert from "node:assert/strict";
import { matchResults } from "../../qukasoft/match_results.ts";

const match = (inputs: string[], results: string[]) =>
  matchResults(inputs, results.map((code, n) => ({ code, n })), (i) => i, (r) => r.code).map((r) => r?.n);

Deno.test("matchResults() pairs by code whatever the answer's order, and leaves out what it does not mention", () => {
  assert.deepEqual(match(["A", "B", "C"], ["C", "A"]), [1, undefined, 0]);
});

Deno.test("matchResults() gives a repeated code its results in answer order", () => {
  assert.deepEqual(match(["A", "B", "A"], ["A", "B", "A"]), [0, 1, 2]);
});

Deno.test("matchResults() pairs a code the store gives back trimmed or in another case", () => {
  assert.deepEqual(match(["kml-1001 ", "B"], ["B", "KML-1001"]), [1, 0]);
});

Deno.test("matchResults() gives a repeated code the store gives back in another case its results in answer order", () => {
  assert.deepEqual(match(["KML-1", "B", "KML-1"], ["kml-1", "B", "kml-1"]), [0, 1, 2]);
  assert.deepEqual(match(["KML-1", "KML-1"], ["kml-1"]), [undefined, undefined], "not as many: neither");
});

Deno.test("matchResults() pairs loosely only one to one: never one item's result to another", () => {
  // Two inputs that a case-blind store takes for one, and one result: whose is it? Neither is told.
  assert.deepEqual(match(["ab", "AB", "C"], ["Ab", "C"]), [undefined, undefined, 1]);
  // An exact match is never taken away by a loose one.
  assert.deepEqual(match(["ab", "AB"], ["ab", "Ab "]), [0, 1]);
  assert.deepEqual(match(["ab"], ["AB", "ab "]), [undefined]);
  // As many results as inputs, each a spelling of its neighbour's: by code, not by position.
  assert.deepEqual(match(["ab", "AB"], ["AB", "ab"]), [1, 0]);
});

Deno.test("matchResults() takes an answer that leaves out the last items as leaving them out", () => {
  // A store that stopped part-way: the inputs' first codes in order, then nothing.
  assert.deepEqual(match(["A", "B"], ["A"]), [0, undefined]);
  assert.deepEqual(match(["A", "B", "C"], []), [undefined, undefined, undefined]);
});

Deno.test("matchResults() gives a repeated code its results in answer order in an answer in another order", () => {
  assert.deepEqual(match(["A", "B", "A"], ["B", "A", "A"]), [1, 0, 2]);
});

Deno.test("matchResults() gives no result to two spellings of one code answered in a third", () => {
  // "ab" and "AB" both came back as "Ab": which is which cannot be told, as many as they are or not.
  assert.deepEqual(match(["ab", "AB"], ["Ab", "Ab"]), [undefined, undefined]);
});
