import assert from "node:assert/strict";
import {
  attribute,
  moduleOf,
  parseChains,
  parsePerfMap,
  parseRemaps,
  resolver,
} from "../../bench/perf_attribution.ts";

const ROOT = "/work/main";
const MAP = [
  "7f0000001000 100 Builtin:FindOrderedHashMapEntry",
  "7f0000000000 80 Builtin:MapPrototypeGet",
  `7e0000000000 200 JS:*'get file://${ROOT}/sync/binding_index.ts:41:6`,
  "7e0000000400 100 JS:*'readColumns file:///x/node_modules/.deno/tedious@20.3.9/node_modules/tedious/lib/row.js:28:14",
].join("\n");
// The executable loaded at 0x5500…, its builtins copied to 0x7f00… from file offset 0x35cf000.
const MMAPS = [
  "deno 0 0.0: PERF_RECORD_MMAP2 42/42: [0x550000000000(0x3cf4000) @ 0x1b8e000 fe:00 1 0]: r-xp /bin/deno",
  "deno 0 0.0: PERF_RECORD_MMAP2 42/42: [0x7f0000000000(0x226000) @ 0x35cf000 fe:00 1 0]: r-xp /bin/deno",
  "deno 0 0.0: PERF_RECORD_MMAP2 42/42: [0x7f1000000000(0x156000) @ 0x26000 fe:00 2 0]: r-xp /lib/libc.so.6",
].join("\n");

Deno.test("a builtin perf prints as a file offset is named through the executable's second mapping", () => {
  const name = resolver(parsePerfMap(MAP), parseRemaps(MMAPS, "/bin/deno"));
  // 0x35cf000 + 0x1010 is 0x7f0000001010 in the copy.
  assert.deepEqual(name((0x35cf000 + 0x1010).toString(16)), {
    kind: "builtin",
    name: "Builtin:FindOrderedHashMapEntry",
  });
  assert.deepEqual(name("7f0000000010"), { kind: "builtin", name: "Builtin:MapPrototypeGet" });
  assert.equal(name("7e0000000010").kind, "js");
  // Past a range's end, outside every range, in the kernel.
  assert.equal(name("7f0000000090").kind, "native");
  assert.equal(name("1b8e010").kind, "native");
  assert.equal(name("ffffffff817e4f91").kind, "kernel");
});

Deno.test("an address V8 named again later (its code freed, the space reused) takes the later name", () => {
  const name = resolver(
    parsePerfMap(`${MAP}\n7e0000000000 200 JS:*'build file://${ROOT}/feed/xml.ts:1:1`),
    [],
  );
  assert.equal(name("7e0000000010").name, `JS:*'build file://${ROOT}/feed/xml.ts:1:1`);
});

Deno.test("moduleOf names a project folder, an npm package without its version, a runtime extension", () => {
  assert.equal(moduleOf(`JS:*'get file://${ROOT}/sync/binding_index.ts:41:6`, ROOT), "sync");
  assert.equal(moduleOf(`JS:~main file://${ROOT}/main.ts:3:1`, ROOT), "main.ts");
  assert.equal(
    moduleOf(
      "JS:* file:///r/node_modules/.deno/mssql@12.7.14/node_modules/mssql/lib/tedious/request.js:682:23",
      ROOT,
    ),
    "mssql",
  );
  assert.equal(moduleOf("JS:+'emit ext:deno_node/_events.mjs:4:1", ROOT), "deno_node");
  assert.equal(moduleOf("JS:~", ROOT), "(anonymous)");
});

Deno.test("attribute counts the main thread's samples by the nearest JavaScript frame and names leaf builtins", () => {
  const chains = [
    "42 ",
    `\t${(0x35cf000 + 0x1010).toString(16)} (/bin/deno)`,
    "\t7e0000000010 (/tmp/perf-42.map)",
    "",
    "42 ",
    "\t1b8e999 (/bin/deno)",
    "\t7e0000000410 (/tmp/perf-42.map)",
    "",
    "43 ",
    "\t1b8e999 (/bin/deno)",
    "",
    "42 ",
    "\tffffffff817e4f91 ([kernel.kallsyms])",
    "",
  ].join("\n");
  const samples = parseChains(chains);
  assert.equal(samples.length, 4);
  const name = resolver(parsePerfMap(MAP), parseRemaps(MMAPS, "/bin/deno"));
  const a = attribute(samples, name, 42, ROOT);
  assert.deepEqual([...a.threads], [[42, 3], [43, 1]]);
  assert.deepEqual(Object.fromEntries([...a.byModule].map(([m, k]) => [m, Object.fromEntries(k)])), {
    sync: { builtin: 1 },
    tedious: { native: 1 },
    "(no JavaScript frame)": { kernel: 1 },
  });
  assert.deepEqual([...a.builtins], [[
    "Builtin:FindOrderedHashMapEntry < JS:*'get sync/binding_index.ts:41:6",
    1,
  ]]);
});
