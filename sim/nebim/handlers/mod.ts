/**
 * The Nebim database behind the TDS simulator: answers the agent's named queries (`/* nebim:<name> *\/`,
 * see nebim/sql/queries.ts) from the in-memory data set, with the bound parameters applied, plus
 * INFORMATION_SCHEMA.COLUMNS and the usual driver probes. Anything else is an SQL error — never an empty
 * result — and a write statement is refused loudly: the agent reads Nebim with SELECT only. What the login
 * may read is SQL Server's answer too (permissions.ts: 229, 230, INFORMATION_SCHEMA's metadata visibility).
 * @module
 */

import type { NebimDataSet } from "../dataset.ts";
import { tableAccess } from "./access.ts";
import { type QueryHandler, type QueryRequest, type QueryResult, SqlError } from "../../tds/server.ts";
import { barcodes, databaseCreated, itemCodesPage, serverTime, sharedBarcodes, variants } from "./catalog.ts";
import { changedItems } from "./changed.ts";
import { templateCodes } from "./template_codes.ts";
import {
  barcodeTypes,
  barcodeTypeUsed,
  basePriceCodes,
  basePriceCodeUsed,
  langCodes,
  langCodeUsed,
  priceGroups,
  priceGroupUsed,
} from "./codes.ts";
import type { HandlerContext, NamedHandler } from "./context.ts";
import { NebimIndexes } from "./indexes.ts";
import { infoSchemaColumns, isInfoSchemaColumns } from "./info_schema.ts";
import { basePrices, priceListPrices, vatRates } from "./prices.ts";
import { SqlPermissions } from "./permissions.ts";
import { MissingColumns } from "./missing_columns.ts";
import { RetypedColumns } from "./retyped_columns.ts";
export { MissingColumns, RetypedColumns, SqlPermissions };
import { firstLine, listParam, SqlShape } from "./sql_text.ts";
import { unordered } from "./row_order.ts";
import { onHand, reserved } from "./stock.ts";
import { systemQuery } from "./system.ts";
import { warehouseCodes, warehouses } from "./warehouses.ts";

export interface NebimHandlerOptions {
  /** DB_NAME() and INFORMATION_SCHEMA's TABLE_CATALOG; default "V3_SIM". */
  database?: string;
  /** What the login may read; default everything. Live: a test may revoke a grant between queries. */
  permissions?: SqlPermissions;
  /** Columns this Nebim version lacks; default none. Live, as permissions. */
  missing?: MissingColumns;
  /** Columns this Nebim database has under another type (INFORMATION_SCHEMA's listing); default none. Live. */
  retyped?: RetypedColumns;
}

/** Distinct SQL texts whose analysis is kept (the cache is simply emptied when full). */
const MAX_SHAPES = 512;

const NAMED: Record<string, NamedHandler> = {
  serverTime,
  databaseCreated,
  changedItems,
  itemCodesPage,
  variants,
  barcodes,
  sharedBarcodes,
  templateCodes,
  onHand,
  reserved,
  basePrices,
  priceListPrices,
  vatRates,
  tableAccess,
  warehouses,
  warehouseCodes,
  basePriceCodeUsed,
  basePriceCodes,
  priceGroupUsed,
  priceGroups,
  barcodeTypeUsed,
  barcodeTypes,
  langCodeUsed,
  langCodes,
};

export function createNebimHandler(data: NebimDataSet, options: NebimHandlerOptions = {}): QueryHandler {
  const database = options.database ?? "V3_SIM";
  const permissions = options.permissions ?? new SqlPermissions();
  const missing = options.missing ?? new MissingColumns();
  const listed = (table: string, column: string) => permissions.visible(table) && !missing.has(table, column);
  const idx = new NebimIndexes(data);
  const shapes = new Map<string, SqlShape>();
  const shapeOf = (sql: string): SqlShape => {
    let shape = shapes.get(sql);
    if (!shape) {
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      shape = new SqlShape(sql);
      shapes.set(sql, shape);
    }
    return shape;
  };
  // Without ORDER BY, rows in no order SQL Server promises (row_order.ts).
  const inOrder = (shape: SqlShape, result: QueryResult) =>
    shape.ordered ? result : unordered(result, shape.seed + shape.runs++);
  return (req: QueryRequest): QueryResult => {
    const shape = shapeOf(req.sql);
    const write = shape.write;
    if (write) {
      throw new SqlError(
        `The ${write} permission was denied: the Nebim simulator is read-only and the agent must only SELECT ` +
          `(statement: ${firstLine(req.sql)})`,
        229,
        5,
        14,
      );
    }
    const name = shape.name;
    if (name === "schemaColumns" || (name === undefined && isInfoSchemaColumns(req.sql))) {
      // INFORMATION_SCHEMA lists only what the login has some permission on.
      return inOrder(shape, infoSchemaColumns(req.sql, req, database, listed, options.retyped));
    }
    if (name !== undefined) {
      const handler = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
      if (!handler) throw unsupported(req.sql);
      // A column the database lacks fails the statement as it compiles, before a row is read.
      missing.check(shape.stripped);
      const ctx: HandlerContext = {
        data,
        idx,
        req,
        stripped: shape.stripped,
        database,
        ordered: shape.ordered,
        list: (prefix) => listParam(req, shape.listNames(prefix)),
      };
      const result = handler(ctx);
      // After the handler: SQL Server resolves names (207, 208) before it checks permissions (229, 230).
      permissions.check(shape.stripped, database);
      return inOrder(shape, result);
    }
    const probe = systemQuery(req.sql, database, data.clock);
    if (probe) return probe;
    throw unsupported(req.sql);
  };
}

function unsupported(sql: string): SqlError {
  return new SqlError(
    `Invalid object name: query not supported by the Nebim simulator: ${firstLine(sql)}`,
    208,
    1,
    16,
  );
}
