/**
 * Integrator connections: an ASP.NET cookieless session id (session mode) or a token (token mode), each
 * holding the V3 login it was made with. Connect always makes one, even with wrong credentials: the
 * login failure is kept and reported by every later call (research/nebim.md §2.2). A connection idle
 * longer than the timeout is forgotten, which later calls see as "empty stream" (§2.7, §2.8).
 * @module
 */

export interface SimUser {
  userGroupCode: string;
  userName: string;
  password: string;
  officeCode?: string;
  storeCode?: string;
}

export interface Connection {
  readonly id: string;
  /** The V3 user when the login succeeded. */
  user?: SimUser;
  /** Why the login failed; reported by every later call. */
  loginError?: string;
  lastSeen: number;
}

// ASP.NET session ids are 24 characters of a-z and 0-5; Nebim tokens are 32 upper-case hex digits.
const SESSION_ALPHABET = "abcdefghijklmnopqrstuvwxyz012345";

export class ConnectionStore {
  #byId = new Map<string, Connection>();

  constructor(
    readonly kind: "token" | "session",
    readonly clock: () => number,
    readonly idleMs: number,
  ) {}

  /** A new connection with a fresh id, or the given session id (session mode reuses the URL's id). */
  open(id?: string): Connection {
    const conn: Connection = { id: id ?? this.#newId(), lastSeen: this.clock() };
    this.#byId.set(conn.id, conn);
    return conn;
  }

  /** The live connection with that id (refreshing its idle timer), or undefined when unknown or expired. */
  touch(id: string): Connection | undefined {
    const conn = this.#byId.get(id);
    if (!conn) return undefined;
    const now = this.clock();
    if (now - conn.lastSeen > this.idleMs) {
      this.#byId.delete(id);
      return undefined;
    }
    conn.lastSeen = now;
    return conn;
  }

  close(id: string): boolean {
    return this.#byId.delete(id);
  }

  clear(): void {
    this.#byId.clear();
  }

  #newId(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(this.kind === "token" ? 16 : 24));
    if (this.kind === "token") {
      return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
    }
    return [...bytes].map((b) => SESSION_ALPHABET[b % 32]).join("");
  }
}
