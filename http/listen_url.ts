/**
 * The URLs the agent prints for its HTTP port, from settings http.host. An IPv6 address goes in brackets
 * ("http://::1:8787/" is no URL). A wildcard (0.0.0.0, ::) listens on every interface and is no address a
 * browser can open: this machine's loopback of the same family stands in, and a note gives the machine's
 * name for other machines.
 * @module
 */

export interface ListenUrl {
  /** "http://127.0.0.1:8787", no trailing slash: the paths follow. */
  base: string;
  /** Set for a wildcard http.host: every interface listens, and how another machine reaches it. */
  allInterfaces?: string;
}

/** The base URL to open on this machine for an agent listening on `host`:`port`. */
export function listenUrl(host: string, port: number, machine = thisMachine): ListenUrl {
  const loopback = host === "0.0.0.0" ? "127.0.0.1" : isUnspecified6(host) ? "[::1]" : undefined;
  if (!loopback) return { base: `http://${urlHost(host)}:${port}` };
  return {
    base: `http://${loopback}:${port}`,
    allInterfaces: `it listens on all interfaces (http.host "${host}"): from another machine, ` +
      `http://${urlHost(machine())}:${port}/health`,
  };
}

/** http.host as a URL's (or "host:port"'s) host: an IPv6 address in brackets, its zone as %25 (RFC 6874). */
export function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host.replace("%", "%25")}]` : host;
}

/** This machine's name (the start task allows reading it); a placeholder where it may not be read. */
function thisMachine(): string {
  try {
    return Deno.hostname();
  } catch {
    return "this-machine's-name";
  }
}

/** "::", "0:0:0:0:0:0:0:0", "[::]": the IPv6 unspecified address, however written. */
function isUnspecified6(host: string): boolean {
  if (!host.includes(":")) return false;
  try {
    return new URL(`http://${urlHost(host)}/`).hostname === "[::]";
  } catch {
    return false;
  }
}
