/**
 * Runs `fn` with this process's local time zone set to `tz` (Deno tells V8 when TZ changes), then restores
 * it: a date read as local time instead of GMT shows only off UTC, and test machines often run in UTC.
 */
export async function inTimeZone<T>(tz: string, fn: () => T | Promise<T>): Promise<T> {
  const before = Deno.env.get("TZ");
  Deno.env.set("TZ", tz);
  try {
    return await fn();
  } finally {
    if (before === undefined) Deno.env.delete("TZ");
    else Deno.env.set("TZ", before);
  }
}
