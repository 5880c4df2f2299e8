/**
 * A client on a fetch that answers call number `n` (from 0) with `answer(n)`, on simulated time.
 * @module
 */

import { createQukasoftClient } from "../../qukasoft/client.ts";
import { KEY, SECRET } from "../sim/qukasoft/fixtures.ts";
import { fakeTime } from "./fake_time.ts";

export function fetchClient(answer: (n: number) => Response, maxRetries = 4) {
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
    fetch: () => Promise.resolve(answer(calls.n++)),
  });
  return { api, time, calls };
}
