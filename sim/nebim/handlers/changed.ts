/**
 * nebim:changedItems — the UNION of item codes changed in [@since, @until) across the tables the query
 * text names. Each part scans its table once (one query per sync cycle; a scan of a million rows is a few
 * milliseconds, cheaper than keeping sorted indexes current).
 * @module
 */

import type { Row } from "../dataset.ts";
import type { QueryResult } from "../../tds/server.ts";
import { ciEquals, ciKey } from "./collate.ts";
import { col } from "./columns.ts";
import { type HandlerContext, inWindow, keySet } from "./context.ts";
import { productKey } from "./indexes.ts";
import { lineHeaderIn, STAGES } from "./commitments.ts";
import {
  dateParam,
  hasPredicate,
  intParam,
  mentionsTable,
  partsReading,
  textParam,
  windowedTables,
} from "./sql_text.ts";
import { validity } from "./validity.ts";

export function changedItems(ctx: HandlerContext): QueryResult {
  const { req, data, stripped } = ctx;
  const since = dateParam(req, "since");
  const until = dateParam(req, "until");
  const lang = textParam(req, "langCode");
  const out = new Map<string, unknown>();
  const add = (r: Row) => {
    const k = productKey(r);
    if (k !== undefined && !out.has(k)) out.set(k, r.ItemCode);
  };
  const scan = (table: string, keep: (r: Row) => boolean) => {
    for (const r of data.rows(table)) if (r.ItemTypeCode === 1 && keep(r)) add(r);
  };
  const changed = (r: Row) => inWindow(r.LastUpdatedDate, since, until);
  const has = (table: string) => mentionsTable(stripped, table);
  // A table's own changes count only where the text asks for its window (sql_text.ts windowedTables): one
  // named for a join alone (cdItem in the VAT part, trOrderLine in each stage's) is not looked at.
  const windowed = windowedTables(stripped);
  // Each part's own filters, where that part has them: a filter dropped from one lets its rows in.
  const partSays = (table: string, predicate: string) =>
    partsReading(stripped, table).some((part) => hasPredicate(part, predicate));
  const filtered = (table: string, predicate: string, keep: (r: Row) => boolean) =>
    partSays(table, predicate) ? keep : () => true;
  const dated = (table: string) => windowed.has(table.toLowerCase());
  const changedIn = (table: string) => dated(table) ? changed : () => false;

  if (dated("cdItem")) scan("cdItem", changed);
  const descLang = filtered("cdItemDesc", "d.LangCode = @langCode", (r) => ciEquals(r.LangCode, lang));
  if (dated("cdItemDesc")) scan("cdItemDesc", (r) => descLang(r) && changed(r));
  if (dated("prItemVariant")) scan("prItemVariant", changed);
  const colorLang = filtered("cdColorDesc", "c.LangCode = @langCode", (r) => ciEquals(r.LangCode, lang));
  if (dated("cdColorDesc")) {
    const colors = new Set(
      data.rows("cdColorDesc").filter((c) => colorLang(c) && changed(c)).map((c) => ciKey(c.ColorCode)),
    );
    if (colors.size) scan("prItemVariant", (v) => colors.has(ciKey(v.ColorCode)));
  }
  if (dated("prItemBarcode")) {
    // As the statement says: a barcode part filtered on the type (as the agent's once was) misses a barcode
    // re-typed away from it; the simulator must not be kinder than SQL Server.
    const type = /BarcodeTypeCode\s*=\s*@barcodeTypeCode/i.test(stripped)
      ? textParam(req, "barcodeTypeCode")
      : undefined;
    scan("prItemBarcode", (b) => (type === undefined || ciEquals(b.BarcodeTypeCode, type)) && changed(b));
  }
  const country = textParam(req, "countryCode");
  if (dated("prItemTaxGrAtt") || dated("cdVat")) {
    // Tax groups whose retail sell VAT changed: the attribute row, or the VAT code it points at.
    const vats = new Set(data.rows("cdVat").filter(changedIn("cdVat")).map((v) => ciKey(v.VatCode)));
    const attChanged = changedIn("prItemTaxGrAtt");
    const attCountry = filtered(
      "prItemTaxGrAtt",
      "a.CountryCode = @countryCode",
      (a) => ciEquals(a.CountryCode, country),
    );
    const retail = filtered("prItemTaxGrAtt", "a.ProcessCode = N''", (a) => ciEquals(a.ProcessCode, "R"));
    // An inner join to cdVat drops an attribute whose SellVatCode is no VAT code, as SQL Server does.
    const vatCodes = new Set(data.rows("cdVat").map((v) => ciKey(v.VatCode)));
    const joined = /\bLEFT\s+(?:OUTER\s+)?JOIN\s+cdVat\b/i.test(stripped)
      ? () => true
      : (a: Row) => vatCodes.has(ciKey(a.SellVatCode));
    const groups = new Set(
      data.rows("prItemTaxGrAtt").filter((a) =>
        attCountry(a) && retail(a) && joined(a) &&
        (attChanged(a) || vats.has(ciKey(a.SellVatCode)))
      ).map((a) => ciKey(a.ItemTaxGrCode)),
    );
    if (groups.size) scan("cdItem", (i) => groups.has(ciKey(i.ItemTaxGrCode)));
  }
  if (dated("prItemBasePrice")) {
    const code = intParam(req, "basePriceCode");
    const priceCountry = filtered(
      "prItemBasePrice",
      "p.CountryCode = @countryCode",
      (p) => ciEquals(p.CountryCode, country),
    );
    scan(
      "prItemBasePrice",
      (p) => p.BasePriceCode === code && priceCountry(p) && changed(p),
    );
  }
  if (has("trPriceListLine")) {
    const group = textParam(req, "priceGroupCode");
    const ofTheGroup = filtered(
      "trPriceListHeader",
      "h.PriceGroupCode = @priceGroupCode",
      (h) => ciEquals(h.PriceGroupCode, group),
    );
    const valid = validity(ctx);
    // (h > since OR l > since) AND h <= until AND l <= until: each test as the statement words it.
    const [sinceH, sinceL] = [valid.test("h", "since"), valid.test("l", "since")];
    const [untilH, untilL] = [valid.test("h", "until"), valid.test("l", "until")];
    const startTested = [sinceH, sinceL, untilH, untilL].some((t) => t !== undefined);
    const after = (h: Row, l: Row) => (!sinceH && !sinceL) || sinceH?.(h) === true || sinceL?.(l) === true;
    const headerChanged = changedIn("trPriceListHeader");
    const lineChanged = changedIn("trPriceListLine");
    // Headers of the group; a line counts when it or its header changed, or its start is in (since, until].
    const ofGroup = new Map<string, Row>();
    for (const h of data.rows("trPriceListHeader")) {
      if (ofTheGroup(h)) ofGroup.set(ciKey(h.PriceListHeaderID), h);
    }
    scan("trPriceListLine", (l) => {
      const h = ofGroup.get(ciKey(l.PriceListHeaderID));
      if (!h) return false;
      const started = startTested && after(h, l) && (untilH?.(h) ?? true) && (untilL?.(l) ?? true);
      return headerChanged(h) || lineChanged(l) || started;
    });
  }
  const warehouses = () => keySet(ctx, "w");
  if (dated("trStock")) {
    const ws = warehouses();
    const listed = filtered("trStock", "s.WarehouseCode IN", (s) => ws.has(ciKey(s.WarehouseCode)));
    scan("trStock", (s) => listed(s) && changed(s));
  }
  // Committed stock: an order line changed in the window; a stage's line, or header, in the warehouses, changed
  // in the window, through its order lines.
  if (dated("trOrderLine")) scan("trOrderLine", changed);
  for (const stage of STAGES) {
    if (!dated(stage.line) && !dated(stage.header)) continue;
    const lineChanged = changedIn(stage.line);
    const headerChanged = changedIn(stage.header);
    const ws = warehouses();
    const orderLines = ctx.idx.byColumn("trOrderLine", "OrderLineID");
    for (const l of data.rows(stage.line)) {
      const header = lineHeaderIn(ctx.idx, stage, l, ws);
      if (!header || !(lineChanged(l) || headerChanged(header))) continue;
      for (const o of orderLines.get(ciKey(l.OrderLineID)) ?? []) {
        if (ciKey(o.OrderLineID) === ciKey(l.OrderLineID) && o.ItemTypeCode === 1) add(o);
      }
    }
  }
  return {
    resultSets: [{ columns: [col("cdItem", "ItemCode")], rows: [...out.values()].map((code) => [code]) }],
  };
}
