/**
 * The Qukasoft adapter's front door: the client, its types, and the order statuses callers filter by.
 * @module
 */

export {
  createQukasoftClient,
  type QukasoftApi,
  type QukasoftClientOptions,
  storeBaseUrl,
} from "./client.ts";
export { type RequestHistory, requestHistory } from "./rate_limiter.ts";
export { ORDER_STATUS } from "./contract.ts";
export { decimalToKurus, kurusToDecimal } from "./money.ts";
export type * from "./types.ts";
