/**
 * The changedItems inputs the simulator's tests ask with: the fixture's window, Turkish, warehouse MRK with
 * reservations, and base price 1 or price group WEB.
 * @module
 */

import type { ChangedItemsInput } from "../../../nebim/sql/queries.ts";
import { SINCE, UNTIL } from "./fixture.ts";

export const CHANGED: ChangedItemsInput = {
  since: SINCE,
  until: UNTIL,
  langCode: "TR",
  countryCode: "TR",
  warehouses: ["MRK"],
  reservations: true,
  priceSource: { kind: "basePrice", basePriceCode: 1 },
};

export const CHANGED_PRICE_LIST: ChangedItemsInput = {
  ...CHANGED,
  priceSource: { kind: "priceList", priceGroupCode: "WEB" },
};
