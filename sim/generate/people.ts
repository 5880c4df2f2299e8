/**
 * Store customers: Turkish names, phones, e-mails, T.C. kimlik numbers with valid check digits, and
 * addresses in İstanbul, Ankara and İzmir districts.
 * @module
 */

import type { Random } from "../random.ts";
import type { StoreAddressJson, StoreCustomerJson } from "./store.ts";
import { COMPANIES, DISTRICTS, FIRST_NAMES, LAST_NAMES, STREETS } from "./words.ts";

/** A buyer: 5 % are companies with a tax number; 15 % bill to another address. */
export function personOf(
  rng: Random,
): { customer: StoreCustomerJson; shipping: StoreAddressJson; billing: StoreAddressJson } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const name = `${first} ${last}`;
  const phone = `+905${rng.int(30, 59)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
  const email = `${ascii(first)}.${ascii(last)}${rng.int(1, 999)}@example.com`;
  const company = rng.chance(0.05);
  const customer: StoreCustomerJson = {
    name,
    email,
    phone,
    identityNumber: !company && rng.chance(0.3) ? tckn(rng) : "",
    taxNumber: company ? String(rng.int(1_000_000_000, 9_999_999_999)) : "",
    taxOffice: "",
    companyName: company ? rng.pick(COMPANIES) : "",
  };
  const shipping = addressOf(rng, name, phone);
  if (company) customer.taxOffice = `${shipping.district} Vergi Dairesi`;
  const billing = rng.chance(0.85) ? { ...shipping } : addressOf(rng, name, phone);
  return { customer, shipping, billing };
}

function addressOf(rng: Random, name: string, phone: string): StoreAddressJson {
  const place = rng.pick(DISTRICTS);
  return {
    name,
    address: `${rng.pick(STREETS)} No: ${rng.int(1, 180)} D: ${rng.int(1, 24)}`,
    district: place.district,
    city: place.city,
    country: "TR",
    zipCode: place.zip,
    phone,
  };
}

const FOLD: Record<string, string> = { ç: "c", ğ: "g", ı: "i", İ: "i", ö: "o", ş: "s", ü: "u" };

/** An e-mail local part: Turkish letters folded to ASCII. */
function ascii(word: string): string {
  return [...word].map((ch) => FOLD[ch] ?? FOLD[ch.toLowerCase()] ?? ch.toLowerCase()).join("");
}

/** A T.C. kimlik number with valid check digits (10th and 11th), first digit non-zero. */
function tckn(rng: Random): string {
  const d = [rng.int(1, 9)];
  for (let i = 1; i < 9; i++) d.push(rng.int(0, 9));
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = (d.reduce((s, x) => s + x, 0) + d10) % 10;
  return [...d, d10, d11].join("");
}
