/**
 * Base prices and price lists. prItemBasePrice carries cost (code 1) and a list price (code 2) per item.
 * The WEB price group has an older list (VAT-exclusive) for every item, superseded by a newer VAT-inclusive
 * list for most items, some of them overridden per variant; a wholesale list and an unconfirmed WEB draft
 * sit beside them so a reader must filter by group and state.
 * @module
 */

import { seededGuid } from "./codes.ts";
import { type GenContext, stampOn } from "./context.ts";
import { endIn90, type PlannedItem } from "./plan.ts";

interface Header {
  id: string;
  number: string;
  group: string;
  /** Days before now it became valid, and from what time of that day (ValidTime). */
  validDay: number;
  validTime: string;
  taxIncluded: boolean;
  confirmed: boolean;
  description: string;
}

/** A rough EUR rate, only to make the EUR anomaly's price look like a EUR price. */
const TRY_PER_EUR = 38;

export function writePrices(ctx: GenContext, items: readonly PlannedItem[]): void {
  const { data, rng } = ctx;
  for (const item of items) {
    const created = ctx.audit[item.created]!;
    const updated = ctx.audit[item.updated]!;
    const priceDate = created.slice(0, 10);
    const prices: [number, number][] = [[1, item.costKurus], [
      2,
      item.costKurus === 0 ? 0 : item.retailKurus,
    ]];
    for (const [code, kurus] of prices) {
      data.insert("prItemBasePrice", {
        ItemTypeCode: 1,
        ItemCode: item.code,
        CountryCode: "TR",
        SeasonCode: "",
        BasePriceCode: code,
        PriceDate: priceDate,
        CurrencyCode: "TRY",
        Price: kurus / 100,
        CreatedUserName: "V3",
        CreatedDate: created,
        LastUpdatedUserName: "V3",
        LastUpdatedDate: updated,
      });
    }
  }

  const header = (h: Omit<Header, "id">): Header => {
    const full = { ...h, id: seededGuid(rng) };
    const stamp = stampOn(ctx, h.validDay + 2);
    data.insert("trPriceListHeader", {
      PriceListHeaderID: full.id,
      PriceListNumber: h.number,
      PriceListDate: ctx.days[h.validDay + 2],
      PriceListTypeCode: "1",
      CompanyCode: "1",
      PriceGroupCode: h.group,
      ValidDate: ctx.days[h.validDay],
      ValidTime: h.validTime,
      DocCurrencyCode: "TRY",
      Description: h.description,
      IsTaxIncluded: h.taxIncluded,
      IsCompleted: h.confirmed,
      IsConfirmed: h.confirmed,
      IsLocked: false,
      CreatedUserName: "V3",
      CreatedDate: stamp,
      LastUpdatedUserName: "V3",
      LastUpdatedDate: stamp,
    });
    return full;
  };
  const lines = new Map<Header, number>();
  const line = (
    h: Header,
    item: PlannedItem,
    color: string,
    size: string,
    kurus: number,
    extra: { currency?: string; disabled?: boolean } = {},
  ) => {
    const sort = (lines.get(h) ?? 0) + 1;
    lines.set(h, sort);
    const stamp = stampOn(ctx, h.validDay + 1);
    data.insert("trPriceListLine", {
      PriceListLineID: seededGuid(rng),
      PriceListHeaderID: h.id,
      SortOrder: sort,
      ItemTypeCode: 1,
      ItemCode: item.code,
      ColorCode: color,
      ItemDim1Code: size,
      ItemDim2Code: "",
      ItemDim3Code: "",
      UnitOfMeasureCode: "AD",
      DocCurrencyCode: extra.currency ?? "TRY",
      Price: kurus / 100,
      IsDisabled: extra.disabled ?? false,
      DisableDate: extra.disabled ? ctx.days[3] : null,
      // A line carries its list's group and start (research/nebim.md §5.7), as entered with the list.
      PriceGroupCode: h.group,
      ValidDate: ctx.days[h.validDay],
      ValidTime: h.validTime,
      CreatedUserName: "V3",
      CreatedDate: stamp,
      LastUpdatedUserName: "V3",
      LastUpdatedDate: stamp,
    });
  };

  const old = header({
    number: "1-PL-1-000001",
    group: "WEB",
    validDay: 200,
    validTime: "00:00:00",
    taxIncluded: false,
    confirmed: true,
    description: "Web fiyatları (KDV hariç)",
  });
  const current = header({
    number: "1-PL-1-000002",
    group: "WEB",
    validDay: 30,
    validTime: "09:00:00",
    taxIncluded: true,
    confirmed: true,
    description: "Web fiyatları sonbahar",
  });
  const wholesale = header({
    number: "1-PL-1-000003",
    group: "TOPTAN",
    validDay: 90,
    validTime: "00:00:00",
    taxIncluded: false,
    confirmed: true,
    description: "Toptan satış fiyatları",
  });
  const draft = header({
    number: "1-PL-1-000004",
    group: "WEB",
    validDay: 5,
    validTime: "14:00:00",
    taxIncluded: true,
    confirmed: false,
    description: "Taslak: onaylanmadı",
  });

  for (const item of items) {
    // Older list: VAT-exclusive, 5–15 % below today's price.
    const oldGross = item.retailKurus * (0.85 + rng.next() * 0.1);
    line(old, item, "", "", Math.round(oldGross / (1 + item.vatRate / 100)));
    if (item.inCurrentList) {
      const eur = item.currentLineCurrency === "EUR";
      line(current, item, "", "", eur ? endIn90(item.retailKurus / TRY_PER_EUR) : item.retailKurus, {
        currency: item.currentLineCurrency,
        disabled: item.currentLineDisabled,
      });
    }
    for (const v of item.variants) {
      if (v.overrideKurus !== undefined) line(current, item, v.color, v.size, v.overrideKurus);
    }
    if (rng.chance(0.1) && item.costKurus > 0) {
      line(wholesale, item, "", "", Math.round(item.costKurus * 1.4));
    }
    if (rng.chance(0.005)) line(draft, item, "", "", 100);
  }
}
