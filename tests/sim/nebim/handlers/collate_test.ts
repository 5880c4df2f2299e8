import assert from "node:assert/strict";
import { ciKey, upperTr } from "../../../../sim/nebim/handlers/collate.ts";
import { codeKey } from "../../../../nebim/code_key.ts";

/** Every code point alone and after an i and a ı (surrogates left out). */
function* samples(): Generator<string> {
  for (let cp = 0; cp <= 0x2ffff; cp++) {
    if (cp >= 0xd800 && cp < 0xe000) continue;
    const c = String.fromCodePoint(cp);
    yield c;
    yield `i${c}`;
    yield `ı${c}`;
  }
}

Deno.test("upperTr is toLocaleUpperCase('tr-TR'), and the simulator's ciKey the agent's codeKey, for every code point", () => {
  const differ: string[] = [];
  for (const s of samples()) {
    if (upperTr(s) !== s.toLocaleUpperCase("tr-TR") || ciKey(s) !== codeKey(s)) differ.push(s);
  }
  assert.deepEqual(differ, []);
  assert.equal(ciKey("kazaki  "), "KAZAKİ");
  assert.equal(ciKey("kazakı"), "KAZAKI");
});
