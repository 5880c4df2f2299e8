import assert from "node:assert/strict";
import { loadConfig } from "../cli/state.ts";
import { readJsonFile } from "../json_file.ts";

const DOC = { feed: { category: "Giyim > Kadın Şık" } };

async function withFile(bytes: Uint8Array, fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/ayarlar.json`;
    await Deno.writeFile(path, bytes);
    await fn(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2 + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 + i * 2 + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

Deno.test("a settings file as Windows tools save it is read: UTF-8 with a BOM, UTF-16 LE and BE", async () => {
  const text = JSON.stringify(DOC, null, 2);
  const variants: [string, Uint8Array][] = [
    ["UTF-8", utf8(text)],
    [
      "UTF-8 with BOM (Notepad, Set-Content -Encoding UTF8)",
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]),
    ],
    ["UTF-16 LE (Windows PowerShell's >)", utf16(text, false)],
    ["UTF-16 BE", utf16(text, true)],
  ];
  for (const [name, bytes] of variants) {
    await withFile(bytes, async (path) => {
      assert.deepEqual(await loadConfig(path), DOC, name);
    });
  }
});

Deno.test("a file saved as ANSI (Windows-1254) is refused, not read with its Turkish letters broken", async () => {
  // "Kadın" in code page 1254: ı is 0xFD, which is no UTF-8.
  const bytes = new Uint8Array([...utf8('{"feed": {"category": "Kad'), 0xfd, ...utf8('n"}}')]);
  await withFile(bytes, async (path) => {
    await assert.rejects(
      loadConfig(path),
      new RegExp(
        `^Error: Cannot read --config ${path}: it is not UTF-8 text \\(saved as ANSI / Windows-1254\\?\\)`,
      ),
    );
  });
});

Deno.test("a parse error names the file and line, and says which JSON rule a hand edit broke", async () => {
  const cases: [string, RegExp][] = [
    ['{\n  // kâr oranı\n  "pricing": {}\n}', /\(line 2 column 3: JSON allows no comments\)$/],
    ['{\n  /* eski */ "pricing": {}\n}', /\(line 2 column 3: JSON allows no comments\)$/],
    ['{\n  "pricing": {},\n}', /\(line 2 column 16: JSON allows no comma after the last entry\)$/],
    ['{"statuses": [1, 2,]}', /\(line 1 column 19: JSON allows no comma after the last entry\)$/],
    ["{'pricing': {}}", /\(line 1 column 2: JSON strings take double quotes\)$/],
    // Slips inside strings are text, not slips: this one is only unterminated.
    ['{"url": "http://x/*,]", "name": "O\'Neil"', /line 1 column 41\)$/],
    ['{"pricing": {}', /line 1 column 15\)$/],
  ];
  for (const [text, hint] of cases) {
    await withFile(utf8(text), async (path) => {
      await assert.rejects(readJsonFile(path, "--config"), (e: Error) => {
        assert.ok(e.message.startsWith(`Cannot parse --config ${path} as JSON: `), e.message);
        assert.match(e.message, hint);
        return true;
      });
    });
  }
});

Deno.test("a missing file is named with what it was given as", async () => {
  await assert.rejects(
    readJsonFile("/nonexistent/e-ticaret.json", "--store-data"),
    /^Error: Cannot read --store-data \/nonexistent\/e-ticaret\.json: /,
  );
});

Deno.test("a parse error does not quote the file (a password there stays out of the message)", async () => {
  await withFile(utf8('{"nebim": {"sql": {"password": Gizli-Sifre-123}}}'), async (path) => {
    await assert.rejects(readJsonFile(path, "--config"), (e: Error) => {
      assert.ok(!/Gizli|Sifre/.test(e.message), e.message);
      assert.match(e.message, /^Cannot parse --config .* as JSON: Unexpected token 'G'$/);
      return true;
    });
  });
});

Deno.test("a slip inside a string that V8 did not stop at is not named", async () => {
  await withFile(utf8('{"a": "unterminated, "b": "see // doc"}'), async (path) => {
    await assert.rejects(readJsonFile(path, "--config"), (e: Error) => {
      assert.doesNotMatch(e.message, /comments/);
      assert.match(e.message, /\(line 1 column \d+\)$/);
      return true;
    });
  });
});

Deno.test("broken UTF-16 (a lone surrogate, an odd byte count) is refused, not read with U+FFFD", async () => {
  const lone = utf16('{"a":"x"}', false);
  lone.set([0x00, 0xd8], 2 + 6 * 2); // the x becomes a lone high surrogate
  for (const bytes of [lone, utf16('{"a":1}', false).subarray(0, 15)]) {
    await withFile(bytes, async (path) => {
      await assert.rejects(
        loadConfig(path),
        new RegExp(
          `^Error: Cannot read --config ${path}: its UTF-16 text is broken \\(cut short\\?\\); save it again, as UTF-8$`,
        ),
      );
    });
  }
});

Deno.test("UTF-16 without a byte-order mark is named as such, not left to a bare parse error", async () => {
  for (const bigEndian of [false, true]) {
    // ö, ç, Ü in UTF-16 are not UTF-8 either (F6 00 …): still named as UTF-16, not as ANSI.
    const doc = { ...DOC, user: "Gökçe Ürün" };
    await withFile(utf16(JSON.stringify(doc), bigEndian).subarray(2), async (path) => {
      await assert.rejects(
        readJsonFile(path, "--config"),
        new RegExp(
          `^Error: Cannot read --config ${path}: it holds NUL bytes, as UTF-16 text without a byte-order ` +
            "mark does; save it as UTF-8$",
        ),
      );
    });
  }
});
