/**
 * Whether two files hold the same bytes, read a chunk at a time (a feed build is ~60 MB at 100,000 variants).
 * @module
 */

const CHUNK = 1 << 20;

/** True when both files exist with equal bytes; a missing one is not the same. */
export async function sameBytes(a: string, b: string): Promise<boolean> {
  const files: Deno.FsFile[] = [];
  try {
    for (const p of [a, b]) files.push(await Deno.open(p));
    const [fa, fb] = files as [Deno.FsFile, Deno.FsFile];
    if ((await fa.stat()).size !== (await fb.stat()).size) return false;
    const [ba, bb] = [new Uint8Array(CHUNK), new Uint8Array(CHUNK)];
    for (;;) {
      const [n, m] = [await fill(fa, ba), await fill(fb, bb)];
      if (n !== m) return false;
      if (n === 0) return true;
      for (let i = 0; i < n; i++) if (ba[i] !== bb[i]) return false;
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  } finally {
    for (const f of files) f.close();
  }
}

/** Reads into `buf` until it is full or the file ends; how many bytes. */
async function fill(file: Deno.FsFile, buf: Uint8Array): Promise<number> {
  let n = 0;
  while (n < buf.length) {
    const got = await file.read(buf.subarray(n));
    if (got === null) break;
    n += got;
  }
  return n;
}
