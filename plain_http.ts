/**
 * A base URL written https:// whose port speaks plain HTTP (an IIS site or the store's internal port without
 * TLS): the server answers the TLS hello with HTTP text, and fetch's cause said only "received corrupt
 * message of type InvalidContentType", which reads as a broken server or network, not as a wrong scheme.
 * @module
 */

import { causeChain } from "./url_text.ts";

export const PLAIN_HTTP = "the server answered in plain HTTP, not HTTPS";

/**
 * Whether a request to `url` failed because the server answered TLS in plain HTTP. Deno's fetch gives no
 * error code or name here: the one signal is rustls's error variant, `InvalidContentType` (a record whose
 * first byte is no TLS content type, as an HTTP answer's "H" is), which its message quotes by name.
 */
export function answeredPlainHttp(url: string, cause: unknown): boolean {
  if (!URL.canParse(url) || new URL(url).protocol !== "https:") return false;
  // In the handshake (hyper's "client error (Connect)"): a bad record on a connection already open is not the
  // scheme, and must stay retriable.
  const text = causeChain(cause).join(" | ");
  return /\(Connect\)/.test(text) && /\bInvalidContentType\b/.test(text);
}

/** What to mend: `setting`'s scheme. */
export function schemeAdvice(setting: string): string {
  return `${setting} should probably start with http://`;
}
