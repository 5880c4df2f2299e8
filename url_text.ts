/**
 * A configured URL as the screen and the log may show it. A URL may carry a user and password
 * (`http://user:pass@iis-host:801`, for a proxy or IIS asking Basic authentication): fetch sends them, and
 * they are as secret as the passwords the settings keep apart, so no report line or error quotes them.
 * @module
 */

/** `url` without its user and password; any other text as it is (it is not a URL, nothing to hide). */
export function shownUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  // Unchanged when there is nothing to hide: the operator sees the address as written.
  if (parsed.username === "" && parsed.password === "") return url;
  parsed.username = "";
  parsed.password = "";
  return parsed.href;
}
