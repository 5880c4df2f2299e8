/**
 * The server collation and the 8-bit code page of `varchar` data. Nebim databases use Turkish_CI_AS,
 * whose code page is Windows-1254; Latin1_General collations use 1252, which differs from 1254 only in
 * six letters and two unassigned slots. Characters a code page lacks become '?', as in SQL Server.
 * @module
 */

/** Turkish_CI_AS: LCID 0x041F, flags IgnoreCase|IgnoreKana|IgnoreWidth, version 0, sort id 0. */
export const TURKISH_CI_AS = new Uint8Array([0x1f, 0x04, 0xd0, 0x00, 0x00]);

// Windows-1252 0x80..0x9F (0 = unassigned).
const HIGH_1252 = [
  0x20ac,
  0,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  0,
  0x017d,
  0,
  0,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  0,
  0x017e,
  0x0178,
];
const TURKISH: Record<number, number> = {
  0xd0: 0x011e,
  0xdd: 0x0130,
  0xde: 0x015e,
  0xf0: 0x011f,
  0xfd: 0x0131,
  0xfe: 0x015f,
};

export type CodePage = "cp1252" | "cp1254" | "utf8";

function table(cp: "cp1252" | "cp1254"): Uint16Array {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) t[i] = i >= 0x80 && i < 0xa0 ? HIGH_1252[i - 0x80]! : i;
  if (cp === "cp1254") {
    t[0x8e] = 0;
    t[0x9e] = 0;
    for (const [b, u] of Object.entries(TURKISH)) t[Number(b)] = u;
  }
  return t;
}

const TABLES = { cp1252: table("cp1252"), cp1254: table("cp1254") };
const REVERSE = { cp1252: reverse(TABLES.cp1252), cp1254: reverse(TABLES.cp1254) };

function reverse(t: Uint16Array): Map<number, number> {
  const m = new Map<number, number>();
  t.forEach((u, b) => {
    if (u !== 0 || b === 0) m.set(u, b);
  });
  return m;
}

/** The code page of a 5-byte collation (UTF-8 flag, else by LCID: Turkish and Azeri Latin → 1254). */
export function codePageOf(collation: Uint8Array): CodePage {
  if (collation.length < 5) return "cp1252";
  const flags = ((collation[3]! & 0x0f) << 4) | ((collation[2]! & 0xf0) >>> 4);
  if (flags & 0x40) return "utf8";
  const lang = collation[0]! | (collation[1]! << 8);
  return lang === 0x041f || lang === 0x042c || lang === 0x0443 ? "cp1254" : "cp1252";
}

export function encodeCodePage(s: string, cp: CodePage): Uint8Array {
  if (cp === "utf8") return new TextEncoder().encode(s);
  const map = REVERSE[cp];
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < 0x80 ? c : map.get(c) ?? 0x3f;
  }
  return out;
}

export function decodeCodePage(b: Uint8Array, cp: CodePage): string {
  if (cp === "utf8") return new TextDecoder().decode(b);
  const t = TABLES[cp];
  let s = "";
  for (let i = 0; i < b.length; i++) {
    const byte = b[i]!;
    s += String.fromCharCode(byte === 0 ? 0 : t[byte] || 0xfffd);
  }
  return s;
}
