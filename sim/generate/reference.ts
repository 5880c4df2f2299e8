/**
 * Reference rows the agent and the Integrator look up: office, warehouses, accounts, delivery companies,
 * card types, cancel reasons, VAT, colours, sizes and the shipping service item. Fixed apart from dates.
 * @module
 */

import type { NebimDataSet } from "../nebim/dataset.ts";
import { COLORS, LETTER_SIZES, NUMERIC_SIZES } from "./words.ts";

/** Warehouse codes: W01 is the web warehouse of the default settings. */
export const WAREHOUSES = ["W01", "MRK", "D02"] as const;
export const SHIPPING_ITEM = { itemTypeCode: 5, itemCode: "KARGO" } as const;

/** Writes the reference tables; `stamp` is the audit date of these old rows. */
export function writeReference(data: NebimDataSet, stamp: string): void {
  const audit = {
    CreatedUserName: "V3",
    CreatedDate: stamp,
    LastUpdatedUserName: "V3",
    LastUpdatedDate: stamp,
  };
  data.insert("cdOffice", { OfficeCode: "M", CompanyCode: "1", IsBlocked: false });
  const stores: [string, string][] = [["W01", "Web Mağaza"], ["MRK", "Merkez Depo"], [
    "D02",
    "Kadıköy Mağaza",
  ]];
  for (const [code] of stores) {
    data.insert("cdWarehouse", {
      WarehouseCode: code,
      OfficeCode: "M",
      WarehouseTypeCode: 1,
      CurrAccTypeCode: 5,
      CurrAccCode: code,
      IsBlocked: false,
    });
  }
  const accounts: [number, string, string][] = [
    [4, "WEB001", "Web Sitesi Perakende Müşteri"],
    [4, "TY001", "Trendyol Müşterisi"],
    [4, "HB001", "Hepsiburada Müşterisi"],
    [4, "N11001", "N11 Müşterisi"],
    [4, "AMZ001", "Amazon Müşterisi"],
    ...stores.map(([code, name]): [number, string, string] => [5, code, name]),
    [3, "TOPTAN01", "Öztürk Giyim Toptan Ltd. Şti."],
  ];
  for (const [type, code, name] of accounts) {
    data.insert("cdCurrAcc", {
      CurrAccTypeCode: type,
      CurrAccCode: code,
      FirstLastName: name,
      OfficeCode: "M",
      IsBlocked: false,
      ...audit,
    });
  }
  for (const code of ["ARAS", "MNG", "YRT", "PTT"]) {
    data.insert("cdDeliveryCompany", { DeliveryCompanyCode: code, IsBlocked: false });
  }
  for (const code of ["IYZ", "PAYTR"]) {
    data.insert("cdCreditCardType", { CreditCardTypeCode: code, IsBlocked: false });
  }
  data.insert("cdOrderCancelReason", { OrderCancelReasonCode: "01", IsBlocked: false });

  for (const rate of [1, 10, 20]) {
    const code = `%${rate}`;
    data.insert("cdItemTaxGr", { ItemTaxGrCode: code, IsBlocked: false });
    data.insert("cdVat", { VatCode: code, VatRate: rate, IsBlocked: false, ...audit });
    // Wholesale ("WS") rows too, so a reader that forgets ProcessCode = 'R' meets two rows per group.
    for (const process of ["R", "WS"]) {
      data.insert("prItemTaxGrAtt", {
        ItemTaxGrCode: code,
        CountryCode: "TR",
        ProcessCode: process,
        PurcVatCode: code,
        SellVatCode: code,
        PurcPCTCode: "",
        SellPCTCode: "",
        ...audit,
      });
    }
  }

  for (const c of COLORS) {
    for (const [lang, text] of [["TR", c.tr], ["EN", c.en]]) {
      data.insert("cdColorDesc", { ColorCode: c.code, LangCode: lang, ColorDescription: text, ...audit });
    }
  }
  for (const s of [...LETTER_SIZES, ...NUMERIC_SIZES]) {
    data.insert("cdItemDim1Desc", {
      ItemDim1Code: s.code,
      LangCode: "TR",
      ItemDim1Description: s.tr,
      ...audit,
    });
  }

  data.insert("cdItem", {
    ItemTypeCode: SHIPPING_ITEM.itemTypeCode,
    ItemCode: SHIPPING_ITEM.itemCode,
    ItemDimTypeCode: 0,
    ProductTypeCode: "",
    ItemTaxGrCode: "%20",
    UnitOfMeasureCode1: "AD",
    UseInternet: false,
    UsePOS: false,
    IsBlocked: false,
    IsLocked: false,
    IsSalesOrderClosed: false,
    ...audit,
  });
  data.insert("cdItemDesc", {
    ItemTypeCode: SHIPPING_ITEM.itemTypeCode,
    ItemCode: SHIPPING_ITEM.itemCode,
    LangCode: "TR",
    ItemDescription: "Kargo Bedeli",
    ...audit,
  });
}
