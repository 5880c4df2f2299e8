/**
 * The reader contract's settings file is the one `check --config` passed: saved by Notepad (a byte-order
 * mark) or by Windows PowerShell's `>` (UTF-16), as docs/settings.md allows, it runs, not a JSON error.
 */
import assert from "node:assert/strict";
import { settingsFile } from "./settings_file.ts";

const DOC = {
  nebim: { sql: { host: "SRV01", database: "V3_ACME", user: "eticaret_ro", password: "Şifre-1" } },
};

async function withFile(bytes: Uint8Array, fn: (path: string) => Promise<void>): Promise<void> {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeFile(path, bytes);
    await fn(path);
  } finally {
    await Deno.remove(path);
  }
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}

Deno.test("NEBIM_TEST_SETTINGS: a settings file with a byte-order mark, or in UTF-16, is read as --config reads it", async () => {
  const text = JSON.stringify(DOC, null, 2);
  const files: [string, Uint8Array][] = [
    ["UTF-8 with BOM (Notepad)", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
    ["UTF-16 LE (Windows PowerShell's >)", utf16le(text)],
  ];
  for (const [name, bytes] of files) {
    await withFile(bytes, async (path) => {
      const s = await settingsFile(path);
      assert.equal(s.nebim.sql.host, "SRV01", name);
      assert.equal(s.nebim.sql.password, "Şifre-1", name);
    });
  }
});

Deno.test("NEBIM_TEST_SETTINGS: a key given twice is refused, as --config refuses it", async () => {
  const text = '{\n "nebim": {"sql": {"host": "SRV01"}},\n "nebim": {"sql": {"host": "SRV02"}}\n}';
  await withFile(new TextEncoder().encode(text), async (path) => {
    await assert.rejects(settingsFile(path), /"nebim" is given twice \(lines 2 and 3\)/);
  });
});
