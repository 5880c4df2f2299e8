import assert from "node:assert/strict";
import { parseBody } from "../../qukasoft/body_json.ts";

const WARNING = "<br />\n<b>Notice</b>:  Undefined index: x in <b>/a.php</b> on line <b>3</b><br />\n";

Deno.test("parseBody() reads JSON, and the envelope after PHP output or a byte-order mark on success", () => {
  assert.deepEqual(parseBody('{"code":200,"result":1}', true), { code: 200, result: 1 });
  assert.deepEqual(parseBody(WARNING + '{"code":200,"result":{"a":[{"b":1}]}}\n', true), {
    code: 200,
    result: { a: [{ b: 1 }] },
  });
  assert.deepEqual(parseBody('PHP Deprecated: x\n{"result":2,"code":200}', true), { result: 2, code: 200 });
  assert.deepEqual(parseBody('\uFEFF{"code":200,"result":3}', true), { code: 200, result: 3 });
  // PHP's warnings at shutdown (a session it cannot write) come after the body.
  const SHUTDOWN = "<br />\n<b>Warning</b>:  Unknown: Failed to write session data (files) in <b>Unknown</b>";
  assert.deepEqual(parseBody('{"code":200,"result":"a}\\"{"}' + SHUTDOWN, true), {
    code: 200,
    result: 'a}"{',
  });
  assert.deepEqual(parseBody(WARNING + '{"code":200,"result":[4]}' + SHUTDOWN, true), {
    code: 200,
    result: [4],
  });
});

Deno.test("parseBody() guesses at nothing else", () => {
  const cases: [string, boolean][] = [
    [WARNING + '{"code":200,"result":1}', false], // an error status: its excerpt is the message
    [WARNING + '{"result":1}', true], // no code: not the envelope
    ['{"code":500,"message":"x"}{"code":200,"result":1}', true], // two envelopes
    ['x {a} {"code":200,"result":1}', true], // a brace in the warning: the envelope is not its first
    ['{"code":200,"result":1} x {a}', true], // a brace in the warning after
    ['{"code":200,"result":1}' + WARNING, false],
    [WARNING + '{"code":200,"result":', true], // cut off
    [WARNING + '{"code":"200","result":1}', true],
    ["<html><title>Maintenance</title></html>", true],
  ];
  for (const [text, success] of cases) assert.equal(parseBody(text, success), undefined, text);
});
