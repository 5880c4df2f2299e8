/**
 * orders.channels: the "default" channel's codes, and a platform's entries laid over them key by key.
 * @module
 */

import { z } from "zod";
import { closestKey } from "./suggest.ts";
import { nonNegativeInt } from "./validators.ts";

const channelFields = {
  customerCode: z.string(),
  officeCode: z.string(),
  storeCode: z.string(),
  warehouseCode: z.string(),
  posTerminalId: nonNegativeInt(),
  salesUrl: z.string(),
  paymentAgent: z.string(),
  creditCardTypeCode: z.string(),
  deliveryCompanyCode: z.string(),
};

/** The "default" channel: complete, each key defaulted (codes empty until the operator sets them). */
export const defaultChannel = z.strictObject({
  customerCode: channelFields.customerCode.default(""),
  officeCode: channelFields.officeCode.default(""),
  storeCode: channelFields.storeCode.default(""),
  warehouseCode: channelFields.warehouseCode.default(""),
  posTerminalId: channelFields.posTerminalId.default(1),
  salesUrl: channelFields.salesUrl.default(""),
  paymentAgent: channelFields.paymentAgent.default(""),
  creditCardTypeCode: channelFields.creditCardTypeCode.default(""),
  deliveryCompanyCode: channelFields.deliveryCompanyCode.default(""),
});

/** A platform's entry: any subset of the keys, no defaults (a missing key falls back to "default"). */
export const channelOverride = z.strictObject(channelFields).partial();

export type ChannelSettings = z.output<typeof defaultChannel>;

/**
 * Any key beside "default" names a platform, so "Default" or "defualt" was taken for a platform no order comes
 * from, its codes unused, and the default channel's left empty without a word. An order's platform is matched
 * to its key exactly (channelFor): a blank key, one with spaces around it, or a second spelling of a platform
 * ("Trendyol" beside "trendyol") left orders under the default channel's codes, or one of two entries's.
 */
export function checkPlatforms(channels: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const seen = new Map<string, string>(); // trimmed, lower case → the key first spelt so
  for (const key of Object.keys(channels)) {
    const same = key.trim().toLowerCase();
    if (same === "") {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `a platform's key is blank (${JSON.stringify(key)}): name the platform as its orders do ` +
          "(trendyol, hepsiburada, …)",
      });
      continue;
    }
    const first = seen.get(same);
    seen.set(same, first ?? key);
    const message = key !== "default" && closestKey(key, ["default"]) !== undefined
      ? 'did you mean "default"? any other key here names a platform (trendyol, hepsiburada, …)'
      : first !== undefined
      ? `the same platform as orders.channels.${first}, spelt with other case or spaces: keep one`
      : key !== key.trim()
      ? `has spaces around it (${JSON.stringify(key)}), so no order's platform matches it: write ` +
        JSON.stringify(key.trim())
      : undefined;
    if (message !== undefined) ctx.addIssue({ code: "custom", path: [key], message });
  }
}
