/**
 * GetUserInfo (research/nebim.md §2.2): who the connection is logged in as, with the office/store it is
 * bound to. The warehouse is the store's own (cdWarehouse owned by the store account), else the first
 * warehouse of the office.
 * @module
 */

import type { NebimDataSet } from "../nebim/dataset.ts";
import type { JsonObject } from "./json.ts";
import { findRow, sameCode } from "./lookup.ts";
import type { SimUser } from "./sessions.ts";

export function userInfo(data: NebimDataSet, databaseName: string, user: SimUser): JsonObject {
  const officeCode = user.officeCode ?? "";
  const storeCode = user.storeCode ?? "";
  const office = officeCode ? findRow(data, "cdOffice", { OfficeCode: officeCode }) : undefined;
  const warehouses = data.rows("cdWarehouse");
  const warehouse =
    (storeCode
      ? warehouses.find((w) => w.CurrAccTypeCode === 5 && sameCode(w.CurrAccCode, storeCode))
      : undefined) ??
      (officeCode ? warehouses.find((w) => sameCode(w.OfficeCode, officeCode)) : undefined);
  return {
    ModelType: 0,
    UserGroupCode: user.userGroupCode,
    UserName: user.userName,
    DatabaseName: databaseName,
    LangCode: "TR",
    DataLangCode: "TR",
    RecordInfo: null,
    IsOfficeUser: officeCode !== "" && storeCode === "",
    IsStoreUser: storeCode !== "",
    IsWarehouseUser: false,
    CompanyCode: office ? String(office.CompanyCode || "1") : "1",
    OfficeCode: officeCode,
    StoreCode: storeCode,
    WarehouseCode: warehouse ? String(warehouse.WarehouseCode) : "",
  };
}
