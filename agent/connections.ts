/**
 * The outside systems as the settings of the moment describe them: the Nebim SQL pool, the Qukasoft
 * client and the Integrator login check. Opened lazily; a changed connection setting closes the old one
 * and the next use reconnects, so nothing needs a restart.
 * @module
 */

import { createIntegratorClient, type IntegratorUser } from "../nebim/integrator/client.ts";
import { type OpenedNebimPool, openNebimPool } from "../nebim/sql/pool.ts";
import { createNebimReader, type NebimReader } from "../nebim/sql/reader.ts";
import {
  type CatalogCode,
  codeSetting,
  requireCode,
  type StockCodeFrom,
  unusedCode,
} from "../nebim/sql/code_check.ts";
import type { CatalogReadOptions } from "../nebim/types.ts";
import { type MissingWarehouse, missingWarehouses, requireWarehouses } from "../nebim/sql/warehouse_check.ts";
import {
  createQukasoftClient,
  type QukasoftApi,
  type QukasoftClientOptions,
  type RequestHistory,
  requestHistory,
  storeBaseUrl,
} from "../qukasoft/mod.ts";
import {
  changedConnections,
  type ConnectionName,
  notSet,
  type Settings,
  unsetKeys,
} from "../settings/mod.ts";
import { IntegrationError } from "../errors.ts";
import { catalogReadOptions, integratorOptions, sqlOptions, storeOptions } from "./options.ts";
import type { OpenedDatabases } from "./opened_databases.ts";
import { LOGIN_REFUSED_WAIT_MS, loginRefused, notTriedAgain, refusalsOf } from "./login_refusal.ts";

export class Connections {
  #pool: Promise<OpenedNebimPool> | undefined;
  /** Gives up #pool's login when it is closed before SQL Server answered. */
  #giveUp: AbortController | undefined;
  #store: QukasoftApi | undefined;
  /** The store's requests its rate limit counts, kept for the next client of the same store. */
  #storeRequests: { baseUrl: string; history: RequestHistory } | undefined;
  /** Old pools a settings change is still closing (one waits for the queries in flight). */
  #closing = new Set<Promise<void>>();
  /** The SQL login SQL Server last refused, by the settings it was made with, and until when it is not tried. */
  #refused: { settings: string; until: number; error: IntegrationError } | undefined;
  /**
   * The readers each pool serves now (a cycle's, a feed build's), and what to tell when the last is let go: a
   * settings change closes a pool in use only then, not under a cycle that still reads (it failed, and a full
   * one was counted failed and put off).
   */
  #users = new Map<Promise<OpenedNebimPool>, { count: number; idle?: () => void }>();
  /**
   * catalog.warehouses as proven in cdWarehouse, and the other codes by the rows using them (code_check.ts), once
   * per pool and value; a failure is asked again next time.
   */
  #proven: { pool: Promise<OpenedNebimPool>; proofs: Map<string, Promise<void>> } | undefined;

  /**
   * `storeTesting`: tests only, the store client's fetch and simulated time (the SQL login's wait, too).
   * `databases`: the database opened before, across restarts (a writer's ledger; agent/opened_databases.ts).
   */
  constructor(
    private readonly settings: () => Settings,
    private readonly storeTesting: Pick<QukasoftClientOptions, "fetch" | "sleep" | "now"> = {},
    private readonly databases?: OpenedDatabases,
  ) {}

  /**
   * A reader bound to the current catalogue options (cheap: the pool underneath is shared). It fails fatally
   * while catalog.warehouses names a code Nebim has no warehouse of (nebim/sql/warehouse_check.ts): its stock
   * would read 0 everywhere; or while the price source, the barcode type of stock codes or the language names
   * a code no Nebim row has (nebim/sql/code_check.ts): every price held, every variant zeroed for want of a
   * stock code, or no name. `check` proves the schema without that, and reports the codes apart.
   */
  async reader(proveCodes = true): Promise<NebimReader> {
    return await this.#readerOn(this.#openPool(), proveCodes);
  }

  /**
   * A reader whose pool stays open until `release` (a cycle's or a feed build's end), though a settings change
   * replaces it meanwhile: the change's close waits for that, and the next reader gets the new pool.
   */
  async heldReader(): Promise<{ reader: NebimReader; release: () => void }> {
    const opening = this.#openPool();
    const release = this.#use(opening);
    try {
      return { reader: await this.#readerOn(opening, true), release };
    } catch (e) {
      release();
      throw e;
    }
  }

  #use(opening: Promise<OpenedNebimPool>): () => void {
    const users = this.#users.get(opening) ?? { count: 0 };
    this.#users.set(opening, users);
    users.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--users.count > 0) return;
      this.#users.delete(opening);
      users.idle?.();
    };
  }

  async #readerOn(opening: Promise<OpenedNebimPool>, proveCodes: boolean): Promise<NebimReader> {
    const pool = await opening;
    const s = this.settings();
    const options = catalogReadOptions(s);
    if (proveCodes) await this.#proveCodes(opening, pool, options, s.catalog.stockCode.from);
    return createNebimReader(pool, options);
  }

  /** The codes of catalog.warehouses that Nebim has no warehouse of (for `check`). */
  async missingWarehouses(): Promise<MissingWarehouse[]> {
    return missingWarehouses(await this.#openPool(), catalogReadOptions(this.settings()).warehouses);
  }

  /** Why a catalog setting names a Nebim code no row the sync reads has; undefined when one has it (for `check`). */
  async unusedCode(which: CatalogCode): Promise<string | undefined> {
    const s = this.settings();
    return unusedCode(await this.#openPool(), catalogReadOptions(s), which, s.catalog.stockCode.from);
  }

  /** The warehouses first: the one typo that zeroes the store whatever else is wrong. */
  async #proveCodes(
    opening: Promise<OpenedNebimPool>,
    pool: OpenedNebimPool,
    options: CatalogReadOptions,
    from: StockCodeFrom,
  ) {
    const warehouses = options.warehouses;
    await this.#prove(
      opening,
      JSON.stringify(["warehouses", warehouses]),
      () => requireWarehouses(pool, warehouses),
    );
    for (const which of CATALOG_CODES) {
      await this.#prove(
        opening,
        codeSetting(options, which, from),
        () => requireCode(pool, options, which, from),
      );
    }
  }

  #prove(opening: Promise<OpenedNebimPool>, setting: string, prove: () => Promise<void>): Promise<void> {
    if (this.#proven?.pool !== opening) this.#proven = { pool: opening, proofs: new Map() };
    const proofs = this.#proven.proofs;
    const known = proofs.get(setting);
    if (known) return known;
    const proven = prove();
    proofs.set(setting, proven);
    proven.catch(() => {
      if (proofs.get(setting) === proven) proofs.delete(setting); // asked again: Nebim may get the code
    });
    return proven;
  }

  /** Where the SQL pool connected, e.g. which port a named instance was found on (for `check`). */
  async sqlAddress(): Promise<string> {
    return (await this.#openPool()).address;
  }

  store(): QukasoftApi {
    const s = this.settings();
    refuseUnset(s, "qukasoft", "Qukasoft", "qukasoft");
    if (!this.#store) {
      const options = storeOptions(s);
      const history = this.#requestsOf(options.baseUrl);
      this.#store = createQukasoftClient({ ...options, ...this.storeTesting, history });
    }
    return this.#store;
  }

  /**
   * The contract limits requests per store ("50 requests per 10 s per store", docs/qukasoft-api.md), not per
   * API key: a new key or secret for the same base URL spends the same budget, so its count goes on (under a
   * changed limit, if that changed too); another base URL is another store, counted afresh.
   */
  #requestsOf(baseUrl: string): RequestHistory {
    const url = storeBaseUrl(baseUrl);
    if (this.#storeRequests?.baseUrl !== url) {
      this.#storeRequests = { baseUrl: url, history: requestHistory() };
    }
    return this.#storeRequests.history;
  }

  /** Proves the Integrator login: Connect answers yes even to a wrong password, GetUserInfo does not. */
  async integratorUser(signal?: AbortSignal): Promise<IntegratorUser> {
    const s = this.settings();
    refuseUnset(s, "integrator", "The Integrator", "integrator");
    const client = createIntegratorClient(integratorOptions(s));
    try {
      await client.connect(signal);
      return await client.getUserInfo(signal);
    } finally {
      await client.close();
    }
  }

  /** Drops the connections whose settings changed; the next use opens them anew. */
  async settingsChanged(changed: string[]): Promise<void> {
    const which = changedConnections(changed);
    if (which.includes("qukasoft")) this.#store = undefined;
    if (which.includes("nebimSql")) await this.#closePool(SUPERSEDED);
  }

  async close(): Promise<void> {
    this.#store = undefined;
    // The agent's stop has ended (or given up on) the cycles: a pool kept for one closes now.
    for (const users of this.#users.values()) users.idle?.();
    this.#users.clear();
    await this.#closePool();
    // The agent's stop closes the ledger and frees its lock next: no pool may still be open then. Their
    // failures are the settings change's to report.
    await Promise.allSettled(this.#closing);
  }

  #openPool(): Promise<OpenedNebimPool> {
    const s = this.settings();
    refuseUnset(s, "nebimSql", "SQL Server", "nebim-sql");
    if (!this.#pool) {
      const options = sqlOptions(s);
      // In memory only, as the settings are: the password is in it.
      const settings = JSON.stringify(options);
      const now = this.storeTesting.now ?? (() => performance.now());
      const refused = this.#refused;
      if (refused?.settings === settings && now() < refused.until) return Promise.reject(refused.error);
      this.#giveUp = new AbortController();
      const onRefusal = (e: unknown) => {
        if (!loginRefused(e)) return;
        this.#refused = { settings, until: now() + LOGIN_REFUSED_WAIT_MS, error: notTriedAgain(e) };
        // The next use does not dial: it is told the refusal until the wait is over. A pool that fails to close
        // has nothing more to tell: this query's refusal is the cycle's error.
        if (this.#pool === opening) this.#closePool().catch(() => {});
      };
      const before = this.databases?.openedBefore(options) ?? false;
      const opening: Promise<OpenedNebimPool> = openNebimPool(options, this.#giveUp.signal, before).then(
        (pool) => {
          this.databases?.opened(options);
          return refusalsOf(pool, onRefusal);
        },
      );
      this.#pool = opening;
      opening.catch((e) => {
        if (this.#pool === opening) this.#pool = undefined; // the next cycle tries again
        onRefusal(e);
      });
    }
    return this.#pool;
  }

  /** `why`: what a cycle waiting on the login under way is told. */
  async #closePool(why = GIVEN_UP): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    // A login SQL Server has not answered would hold the stop (or a settings change) up to
    // nebim.sql.requestTimeoutMs: given up instead. An opened pool does not heed this.
    this.#giveUp?.abort(why);
    this.#giveUp = undefined;
    if (!pool) return;
    const users = this.#users.get(pool);
    const idle = users ? new Promise<void>((r) => users.idle = r) : Promise.resolve();
    const closing = idle.then(() => pool.then((p) => p.close(), () => {}));
    this.#closing.add(closing);
    const closed = closing.finally(() => this.#closing.delete(closing));
    // Not waited on while in use: a change made after this one (its schedule, its fix) must not wait for the
    // cycle's end. A pool that fails to close then has no one left to tell; close() still waits for it.
    if (users) closed.catch(() => {});
    else await closed;
  }
}

/** The codes besides the warehouses the running sync proves (a template's barcode type is not: requireCode). */
const CATALOG_CODES: readonly CatalogCode[] = ["priceSource", "barcodeType", "language"];

/** What a cycle waiting on a login given up by close() is told. */
const GIVEN_UP = new IntegrationError(
  "retriable",
  "the SQL Server login under way was given up: the agent is stopping",
  {
    system: "nebim-sql",
  },
);

/** Told when a nebim.sql change gave the login up: no failure, the cycle runs again with the new settings. */
const SUPERSEDED = new IntegrationError(
  "retriable",
  "the SQL Server login under way was given up for the changed nebim.sql settings, which the next cycle uses",
  { system: "nebim-sql", superseded: true },
);

/** A connection whose keys are still unset fails fatally, naming them: a person has to set them. */
function refuseUnset(s: Settings, connection: ConnectionName, name: string, system: string): void {
  const unset = unsetKeys(s, connection);
  if (unset.length) {
    throw new IntegrationError("fatal", `${name} is not configured: ${notSet(unset)} (docs/settings.md)`, {
      system,
      subject: unset[0],
    });
  }
}
