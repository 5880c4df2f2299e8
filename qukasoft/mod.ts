/**
 * The Qukasoft adapter's front door: the client, its types, and the order statuses callers filter by.
 * @module
 */

export { createQukasoftClient, type QukasoftApi, type QukasoftClientOptions } from "./client.ts";
export { ORDER_STATUS } from "./contract.ts";
export { decimalToKurus, kurusToDecimal } from "./money.ts";
export type * from "./types.ts";
