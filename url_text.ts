/**
 * A configured URL as the screen and the log may show it. A URL may carry a user and password
 * (`http://user:pass@iis-host:801`, for a proxy or IIS asking Basic authentication): fetch sends them, and
 * they are as secret as the passwords the settings keep apart, so no report line or error quotes them.
 * @module
 */

import { errorMessage } from "./errors.ts";

/** `url` without its user and password; any other text as it is (it is not a URL, nothing to hide). */
export function shownUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  // Unchanged when there is nothing to hide: the operator sees the address as written.
  if (parsed.username === "" && parsed.password === "") return url;
  parsed.username = "";
  parsed.password = "";
  // Still as written (no "/" added after the port, the host's case kept) where the text without what stands
  // before the host's "@" is that same address; else (`http:user:pass@host`) as the parser writes it.
  const written = url.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/\\?#]*@/i, "$1");
  return URL.canParse(written) && new URL(written).href === parsed.href ? written : parsed.href;
}

/**
 * The messages of an error and its causes, each without a user and password a quoted URL carries: Deno's
 * fetch says only "fetch failed", its cause says why (refused, DNS, TLS) and quotes the URL.
 */
export function causeChain(error: unknown): string[] {
  const out: string[] = [];
  for (let e = error, depth = 0; e !== undefined && depth < 5; depth++) {
    out.push(errorMessage(e).replace(/\/\/[^/@\s]+@/g, "//"));
    e = e instanceof Error ? e.cause : undefined;
  }
  return out;
}
