/**
 * The access token for the write endpoints and the XML feed: not a setting, made at first start and kept
 * in the data folder (docs/settings.md).
 * @module
 */

export async function ensureToken(dataDir: string): Promise<string> {
  const path = `${dataDir}/token`;
  try {
    const token = (await Deno.readTextFile(path)).trim();
    if (token) return token;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  await Deno.writeTextFile(path, token + "\n", { mode: 0o600 });
  return token;
}
