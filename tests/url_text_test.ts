import assert from "node:assert/strict";
import { shownUrl } from "../url_text.ts";

Deno.test("shownUrl: a URL as written without its user and password, however they are written", () => {
  for (
    const [url, shown] of [
      ["http://iis:Secret9@127.0.0.1:801", "http://127.0.0.1:801"],
      ["http://iis:Secret9@Nebim-Srv:801/v3/", "http://Nebim-Srv:801/v3/"],
      ["https://shop:Sec%40ret9@store.example/api", "https://store.example/api"],
      // An "@" in the password: the host is after the last one, as the parser reads it.
      ["http://iis:p@Secret9@host:801", "http://host:801"],
      ["http://Secret9@host", "http://host"],
      // Forms the parser takes without "//": its own writing, still without them.
      ["http:iis:Secret9@host:801", "http://host:801/"],
      ["http:\\\\iis:Secret9@host\\v3", "http://host/v3"],
      // Nothing to hide: unchanged.
      ["http://127.0.0.1:801", "http://127.0.0.1:801"],
      ["not a url", "not a url"],
    ] as const
  ) {
    assert.equal(shownUrl(url), shown, url);
    assert.ok(!shownUrl(url).includes("Secret9"), url);
  }
});
