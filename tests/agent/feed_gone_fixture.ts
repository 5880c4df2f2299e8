/**
 * The fixture of the tests of codes the XML feed listed that leave Nebim's sale (feed_gone_test.ts,
 * feed_kept_test.ts): Nebim as a list of variants (no SQL), the clock fixed, so every build and restart
 * happens in the same millisecond.
 * @module
 */
import { FeedSource } from "../../agent/feed_source.ts";
import { configureLogging, stopLogging } from "../../log.ts";
import { SettingsStore } from "../../agent/settings_store.ts";
import { type Ledger, openLedger } from "../../ledger/ledger.ts";
import type { NebimReader } from "../../nebim/sql/reader.ts";
import type { NebimVariant } from "../../nebim/types.ts";
import { arrayCatalog } from "../support/array_catalog.ts";
import { nebimVariant } from "../support/mapping.ts";
import { withTempDir } from "../support/temp_dir.ts";
import { type FeedRow, type ParsedFeed, readFeed } from "./feed_convergence_rows.ts";

/** IT-1 in white and black (8690001, 8690002), IT-2 (8690003), each at 5 on hand. */
export function catalogue(): NebimVariant[] {
  const v = (item: string, color: string, barcode: string) =>
    nebimVariant({ barcodes: [barcode], colorName: null, reserved: 0, onHand: 5 }, {
      itemCode: item,
      colorCode: color,
    });
  return [v("IT-1", "BEY", "8690001"), v("IT-1", "SYH", "8690002"), v("IT-2", "BEY", "8690003")];
}

export interface Fixture {
  /** Nebim's variants now: edited in place. */
  nebim: NebimVariant[];
  ledger: Ledger;
  settings: SettingsStore;
  dir: string;
  /** A feed as a (re)started agent has it: over the same ledger and folder. */
  start(): FeedSource;
}

export function withGone(
  fn: (f: Fixture) => Promise<void>,
  doc: Record<string, unknown> = {},
): Promise<void> {
  return withTempDir("feed-gone-", async (tmp) => {
    const ledger = openLedger(":memory:");
    const settings = SettingsStore.open(ledger, doc).store;
    const nebim = catalogue();
    const reader = arrayCatalog(nebim) as unknown as NebimReader;
    const dir = `${tmp}/feed`;
    const start = () =>
      new FeedSource(
        { heldReader: () => Promise.resolve({ reader, release() {} }) },
        settings,
        ledger,
        dir,
        0,
        () => 1_000,
      );
    try {
      await fn({ nebim, ledger, settings, dir, start });
    } finally {
      ledger.close();
    }
  });
}

export async function build(feed: FeedSource): Promise<ParsedFeed> {
  return await readFeed((await feed.file()).path);
}

/** `old`'s row of `code` at stock 0: what the feed carries once Nebim no longer has the code. */
export function zeroed(old: ParsedFeed, code: string): FeedRow {
  return { ...old.rows.get(code)!, quantity: "0", varyantstok: "0" };
}

export const drop = (nebim: NebimVariant[], barcode: string) =>
  nebim.splice(nebim.findIndex((v) => v.barcodes.includes(barcode)), 1);

/** `feed`'s next build, and the warnings it logged. */
export async function warned(feed: FeedSource): Promise<{ built: ParsedFeed; lines: string[] }> {
  const lines: string[] = [];
  await configureLogging({ console: true, level: "warning", write: (l) => lines.push(l) });
  try {
    return { built: await build(feed), lines };
  } finally {
    await stopLogging();
  }
}
