/**
 * The settings that make the store's stock codes and products (the stock-code form, the grouping), and how a
 * change of them is kept from a catalogue already synced: every product would be made again beside the store's.
 * @module
 */

import { diffPaths, parseSettings, type Settings, SettingsError } from "../settings/mod.ts";
import { isRecord } from "../is_record.ts";

/**
 * The keys that make the store's stock codes and products. Once something is synced under them, a file that
 * changes them would make every variant a new product beside the ones the store has (a re-coded product is a
 * new one), the old codes zeroed or held by catalog.vanishLimit: not applied, and said so at every start.
 */
function makesCodes(path: string, was: CodeForm, now: CodeForm): boolean {
  if (
    path === "catalog.groupBy" || path === "catalog.stockCode.from" || path === "catalog.stockCode.template"
  ) {
    return true;
  }
  // Under a template the barcode type picks only the store's barcode field; under barcode codes, the codes.
  return path === "catalog.stockCode.barcodeTypeCode" && was.catalog.stockCode.from === "barcode" &&
    now.catalog.stockCode.from === "barcode";
}

/** The key paths of `changed` (from `was` to `now`) that make the stock codes (makesCodes). */
export function codePaths(was: CodeForm, now: CodeForm, changed = diffPaths(was, now)): string[] {
  return changed.filter((p) => makesCodes(p, was, now));
}

export const REFUSED_HINT =
  "not applied: the store has products under the current stock codes and grouping, and " +
  "another would create every product again beside them; to change them, start with a new data folder " +
  "holding a copy of this one's token file (the store's products whose codes match are adopted, the rest " +
  "created)";

/**
 * A change refused for keys that make the codes (REFUSED_HINT): the values are valid, so not "invalid
 * settings", and the long hint said once for all of them.
 */
export class RefusedSettingsError extends SettingsError {
  constructor(paths: readonly string[]) {
    super(paths.map((path) => ({ path, message: "makes the store's stock codes or grouping: not applied" })));
    this.name = "RefusedSettingsError";
    this.message = `at ${paths.join(", ")}: ${REFUSED_HINT}; nothing else in the change was applied either`;
  }
}

type CodeForm = { catalog: { stockCode: { from: unknown } } };

/** `now` with `was`'s stock-code form and grouping where refused. */
export function keepCodes(was: Settings, now: Settings, refused: readonly string[]): Settings {
  if (!refused.length) return now;
  // Only what is refused is kept: a grouping refused beside a template's barcode type applies the type.
  const keep = (key: string) => refused.some((p) => p.startsWith(`catalog.${key}`));
  const catalog = {
    ...now.catalog,
    stockCode: keep("stockCode") ? was.catalog.stockCode : now.catalog.stockCode,
    groupBy: keep("groupBy") ? was.catalog.groupBy : now.catalog.groupBy,
  };
  return { ...now, catalog };
}

export const BROKEN_HINT =
  "the config file's is used, the ledger's not being valid either, although the store has " +
  "products under it: a value that makes other stock codes or groups creates every product again beside them";

/**
 * The file's settings with the stock-code form and grouping of an earlier version's document where this
 * version still reads them, and the key paths that make the codes where it does not and the file differs.
 */
export function storedCodes(doc: unknown, file: Settings): { settings: Settings; broken: string[] } {
  // A key left out is read as parseSettings reads it (its default); a catalogue that is no object, not at all.
  if (!isRecord(doc) || !isRecord(doc.catalog)) return { settings: file, broken: ["catalog"] };
  const catalog = doc.catalog;
  const sc = catalog.stockCode;
  // Its own keys only: one this version dropped is no part of the codes.
  const form = !isRecord(sc)
    ? sc
    : sc.from === "template"
    ? { from: sc.from, template: sc.template, barcodeTypeCode: sc.barcodeTypeCode }
    : { from: sc.from, barcodeTypeCode: sc.barcodeTypeCode };
  const stockCode = readable(file, { stockCode: form }) ??
    // Under a template the barcode type picks only the store's barcode: one broken there leaves the form.
    (isRecord(sc) && sc.from === "template"
      ? readable(file, {
        stockCode: {
          from: sc.from,
          template: sc.template,
          barcodeTypeCode: file.catalog.stockCode.barcodeTypeCode,
        },
      })
      : undefined);
  const groupBy = readable(file, { groupBy: catalog.groupBy });
  const settings = {
    ...file,
    catalog: {
      ...file.catalog,
      stockCode: stockCode?.catalog.stockCode ?? file.catalog.stockCode,
      groupBy: groupBy?.catalog.groupBy ?? file.catalog.groupBy,
    },
  };
  const was = { catalog: { stockCode: { from: isRecord(sc) ? sc.from : undefined } } };
  const broken = [
    ...(stockCode
      ? []
      : diffPaths({ catalog: { stockCode: form } }, { catalog: { stockCode: file.catalog.stockCode } })),
    ...(groupBy
      ? []
      : diffPaths({ catalog: { groupBy: catalog.groupBy } }, { catalog: { groupBy: file.catalog.groupBy } })),
  ].filter((p) => p === "catalog.stockCode" || makesCodes(p, was, file)); // the first: one that is no object
  return { settings, broken };
}

/** The file's settings with these catalogue keys, or undefined where this version's rules refuse them. */
function readable(file: Settings, catalog: Record<string, unknown>): Settings | undefined {
  try {
    return parseSettings({ ...file, catalog: { ...file.catalog, ...catalog } });
  } catch (e) {
    if (e instanceof SettingsError) return undefined;
    throw e;
  }
}
