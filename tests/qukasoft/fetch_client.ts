/**
 * A client on a fetch that answers call number `n` (from 0) to `url` with `answer(n, url)`, on simulated time.
 * @module
 */

import { createQukasoftClient } from "../../qukasoft/client.ts";
import { KEY, SECRET } from "../sim/qukasoft/fixtures.ts";
import { fakeTime } from "./fake_time.ts";

export function fetchClient(answer: (n: number, url: URL) => Response, maxRetries = 4) {
  const time = fakeTime();
  const calls = { n: 0 };
  const api = createQukasoftClient({
    baseUrl: "http://store.invalid",
    apiKey: KEY,
    apiSecret: SECRET,
    maxRetries,
    sleep: time.sleep,
    now: time.now,
    random: time.random,
    fetch: (input) => Promise.resolve(answer(calls.n++, new URL(String(input)))),
  });
  return { api, time, calls };
}
