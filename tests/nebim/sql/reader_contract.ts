/**
 * The Nebim reader contract: what the sync relies on from SQL Server, checked through the agent's own
 * reader (its statements, the mssql driver, its row mapping) against any V3 database. It runs on the TDS
 * simulator always, and on a real SQL Server when `NEBIM_TEST_SETTINGS` names a settings file (see
 * reader_contract_test.ts). Read-only, as the agent is: nothing here writes, and nothing assumes what the
 * database holds beyond Nebim's schema, so it can run against a merchant's production database.
 * @module
 */

import assert from "node:assert/strict";
import { catalogReadOptions, mappingOptions, sqlOptions } from "../../../agent/options.ts";
import { codeKey } from "../../../nebim/code_key.ts";
import { openNebimPool } from "../../../nebim/sql/pool.ts";
import { createNebimReader, type NebimReader } from "../../../nebim/sql/reader.ts";
import { type NebimVariant, variantKeyString } from "../../../nebim/types.ts";
import { rulesFromSettings } from "../../../pricing/rules.ts";
import type { Settings } from "../../../settings/mod.ts";
import { mapVariants } from "../../../sync/desired.ts";

export interface ReaderContractTarget {
  settings: Settings;
  /** Items the target is known to hold (the simulator's catalogue); a real database promises none. */
  minItems?: number;
  close(): Promise<void>;
}

/** Item codes per page here: small, so that paging is exercised on a small database too. */
const PAGE = 50;
/** Pages read at most: bounds the suite's load on a real server with a large catalogue. */
const MAX_PAGES = 4;

async function firstPages(reader: NebimReader): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of reader.allItemCodes()) {
    pages.push(page);
    if (pages.length >= MAX_PAGES) break;
  }
  return pages;
}

function checkVariant(v: NebimVariant): void {
  const at = variantKeyString(v.key);
  assert.equal(v.key.itemTypeCode, 1, `${at}: item type`);
  for (const [field, value] of Object.entries(v.key)) {
    if (field !== "itemTypeCode") assert.equal(typeof value, "string", `${at}: key.${field} is text`);
  }
  for (const field of ["onHand", "reserved"] as const) {
    assert.ok(Number.isFinite(v[field]), `${at}: ${field} is a number (${v[field]})`);
  }
  if (v.costKurus !== null) assert.ok(Number.isInteger(v.costKurus), `${at}: cost in whole kuruş`);
  if (v.vatRate !== null) assert.ok(v.vatRate >= 0 && v.vatRate < 100, `${at}: VAT rate ${v.vatRate} %`);
  for (const b of v.barcodes) assert.equal(typeof b, "string", `${at}: barcode is text`);
}

export function runReaderContract(name: string, makeTarget: () => Promise<ReaderContractTarget>): void {
  function check(
    title: string,
    fn: (reader: NebimReader, settings: Settings, minItems: number) => Promise<void>,
  ): void {
    Deno.test(`${name}: ${title}`, async () => {
      const target = await makeTarget();
      const s = target.settings;
      try {
        const pool = await openNebimPool(sqlOptions(s));
        const reader = createNebimReader(pool, catalogReadOptions(s), { pageSize: PAGE });
        try {
          await fn(reader, s, target.minItems ?? 0);
        } finally {
          await reader.close();
        }
      } finally {
        await target.close();
      }
    });
  }

  check("every table and column the agent reads is there", async (reader) => {
    const report = await reader.verifySchema();
    assert.deepEqual(report.missing, []);
    assert.ok(report.ok);
  });

  check("the server's clock does not run backwards between two reads", async (reader) => {
    const a = await reader.serverTime();
    const b = await reader.serverTime();
    assert.ok(!Number.isNaN(a.getTime()), "a valid date");
    assert.ok(b.getTime() >= a.getTime(), `${b.toISOString()} after ${a.toISOString()}`);
  });

  check("item codes page without a code twice, full pages until the last", async (reader, _s, minItems) => {
    const pages = await firstPages(reader);
    const count = pages.reduce((n, p) => n + p.length, 0);
    assert.ok(count >= Math.min(minItems, PAGE * MAX_PAGES), `${count} item codes read`);
    const seen = new Set<string>();
    pages.forEach((page, i) => {
      if (i < pages.length - 1) assert.equal(page.length, PAGE, `page ${i + 1} is full`);
      for (const code of page) {
        assert.ok(!seen.has(codeKey(code)), `item ${code} came twice`);
        seen.add(codeKey(code));
      }
    });
  });

  check("a page read by key range holds every variant the same codes read by list give", async (reader) => {
    const [page] = await firstPages(reader);
    if (!page?.length) return assert.deepEqual(page ?? [], [], "an empty catalogue pages as nothing");
    const asOf = await reader.serverTime();
    // A live database may gain an item inside the range between the two reads: the run may hold more.
    const byRun = new Set((await reader.readItemRun(page, asOf)).map((v) => variantKeyString(v.key)));
    const byList = (await reader.readItems(page, asOf)).map((v) => variantKeyString(v.key));
    for (const key of byList) assert.ok(byRun.has(key), `${key} read by list but not by range`);
  });

  check("every variant read has the types the mapping relies on, and maps", async (reader, s, minItems) => {
    const asOf = await reader.serverTime();
    let read = 0;
    for (const page of await firstPages(reader)) {
      const variants = await reader.readItemRun(page, asOf);
      variants.forEach(checkVariant);
      read += variants.length;
      // Bad records are the merchant's (reported per item); the mapping itself must not throw.
      const mapped = mapVariants(variants, mappingOptions(s, rulesFromSettings(s.pricing, s.catalog)));
      const keys = new Set(variants.map((v) => variantKeyString(v.key)));
      for (const d of mapped.variants) {
        assert.ok(keys.has(variantKeyString(d.key)), `${d.stockCode} was read`);
      }
    }
    if (minItems > 0) assert.ok(read > 0, "the catalogue's variants were read");
  });

  check(
    "the changed-items window of the last 30 days reads, each item once",
    async (reader, _s, minItems) => {
      const until = await reader.serverTime();
      const since = new Date(until.getTime() - 30 * 86_400_000);
      const codes = await reader.changedItemCodes(since, until);
      assert.equal(new Set(codes.map(codeKey)).size, codes.length);
      if (minItems > 0) assert.ok(codes.length > 0, "the catalogue's recent changes were found");
    },
  );

  check("barcodes shared by two variants read as a set", async (reader, s) => {
    if (s.catalog.stockCode.from !== "barcode") return;
    const shared = await reader.sharedBarcodes();
    for (const b of shared) assert.equal(typeof b, "string");
  });
}
