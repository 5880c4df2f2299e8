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
import { dateParam, intParam, mentionsTable, textParam } from "./sql_text.ts";
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

  if (has("cdItem")) scan("cdItem", changed);
  if (has("cdItemDesc")) scan("cdItemDesc", (r) => ciEquals(r.LangCode, lang) && changed(r));
  if (has("prItemVariant")) scan("prItemVariant", changed);
  if (has("cdColorDesc")) {
    const colors = new Set(
      data.rows("cdColorDesc").filter((c) => ciEquals(c.LangCode, lang) && changed(c)).map((c) =>
        ciKey(c.ColorCode)
      ),
    );
    if (colors.size) scan("prItemVariant", (v) => colors.has(ciKey(v.ColorCode)));
  }
  if (has("prItemBarcode")) {
    // As the statement says: a barcode part filtered on the type (as the agent's once was) misses a barcode
    // re-typed away from it; the simulator must not be kinder than SQL Server.
    const type = /BarcodeTypeCode\s*=\s*@barcodeTypeCode/i.test(stripped)
      ? textParam(req, "barcodeTypeCode")
      : undefined;
    scan("prItemBarcode", (b) => (type === undefined || ciEquals(b.BarcodeTypeCode, type)) && changed(b));
  }
  const country = textParam(req, "countryCode");
  if (has("prItemTaxGrAtt")) {
    // Tax groups whose retail sell VAT changed: the attribute row, or the VAT code it points at.
    const vats = new Set(data.rows("cdVat").filter(changed).map((v) => ciKey(v.VatCode)));
    const groups = new Set(
      data.rows("prItemTaxGrAtt").filter((a) =>
        ciEquals(a.CountryCode, country) && ciEquals(a.ProcessCode, "R") &&
        (changed(a) || vats.has(ciKey(a.SellVatCode)))
      ).map((a) => ciKey(a.ItemTaxGrCode)),
    );
    if (groups.size) scan("cdItem", (i) => groups.has(ciKey(i.ItemTaxGrCode)));
  }
  if (has("prItemBasePrice")) {
    const code = intParam(req, "basePriceCode");
    scan(
      "prItemBasePrice",
      (p) => p.BasePriceCode === code && ciEquals(p.CountryCode, country) && changed(p),
    );
  }
  if (has("trPriceListLine")) {
    const group = textParam(req, "priceGroupCode");
    const valid = validity(ctx);
    const sinceAt = valid.moment("since");
    const untilAt = valid.moment("until");
    // Headers of the group; a line counts when it or its header changed, or its start is in (since, until].
    const ofGroup = new Map<string, Row>();
    for (const h of data.rows("trPriceListHeader")) {
      if (ciEquals(h.PriceGroupCode, group)) ofGroup.set(ciKey(h.PriceListHeaderID), h);
    }
    scan("trPriceListLine", (l) => {
      const h = ofGroup.get(ciKey(l.PriceListHeaderID));
      if (!h) return false;
      const start = valid.start(h, l);
      const started = sinceAt !== null && untilAt !== null && start > sinceAt && start <= untilAt;
      return changed(h) || changed(l) || started;
    });
  }
  const warehouses = () => keySet(ctx, "w");
  if (has("trStock")) {
    const ws = warehouses();
    scan("trStock", (s) => ws.has(ciKey(s.WarehouseCode)) && changed(s));
  }
  // Committed stock: an order line changed in the window; a stage's line, or header, in the warehouses, changed
  // in the window, through its order lines.
  if (has("trOrderLine")) scan("trOrderLine", changed);
  for (const stage of STAGES) {
    if (!has(stage.line)) continue;
    const ws = warehouses();
    const orderLines = ctx.idx.byColumn("trOrderLine", "OrderLineID");
    for (const l of data.rows(stage.line)) {
      const header = lineHeaderIn(ctx.idx, stage, l, ws);
      if (!header || !(changed(l) || changed(header))) continue;
      for (const o of orderLines.get(ciKey(l.OrderLineID)) ?? []) {
        if (ciKey(o.OrderLineID) === ciKey(l.OrderLineID) && o.ItemTypeCode === 1) add(o);
      }
    }
  }
  return {
    resultSets: [{ columns: [col("cdItem", "ItemCode")], rows: [...out.values()].map((code) => [code]) }],
  };
}
