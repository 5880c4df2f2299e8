/**
 * The statements that prove catalog.warehouses names warehouses Nebim has (cdWarehouse, research/nebim.md
 * §5.9): a code that is not one finds no trStock row, so every variant's stock would read 0. Same rules as
 * queries.ts.
 * @module
 */

import { list, listParams, type NebimStatement, statement } from "./statement.ts";

/** The configured codes cdWarehouse has, compared by the server's collation (Turkish_CI_AS), as it spells them. */
export function warehousesQuery(warehouses: readonly string[]): NebimStatement {
  if (warehouses.length === 0) throw new RangeError("The warehouse list must not be empty");
  return statement(
    "warehouses",
    `
SELECT w.WarehouseCode
FROM cdWarehouse w WITH (NOLOCK)
WHERE w.WarehouseCode IN (${list("w", warehouses.length)})`,
    listParams("w", warehouses),
  );
}

/** Up to `take` warehouse codes, in code order: what a code that is none may have been meant to be. */
export function warehouseCodesQuery(take: number): NebimStatement {
  return statement(
    "warehouseCodes",
    `
SELECT TOP (@take) w.WarehouseCode
FROM cdWarehouse w WITH (NOLOCK)
ORDER BY w.WarehouseCode`,
    [{ name: "take", type: "int", value: take }],
  );
}
