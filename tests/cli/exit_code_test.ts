/**
 * The exit code of a run with several outcomes: a scheduled task reads one number, and a --csv not written
 * (4) hid a partial cycle (3) from it.
 */
import assert from "node:assert/strict";
import { CSV_EXIT, exitCode, FAILED_EXIT, PARTIAL_EXIT, USAGE_EXIT } from "../../cli/exit_code.ts";

Deno.test("exitCode: a failed run wins, then usage, then a partial cycle, then a --csv not written", () => {
  assert.equal(exitCode(), 0);
  assert.equal(exitCode(0, 0), 0);
  assert.equal(exitCode(CSV_EXIT, PARTIAL_EXIT), PARTIAL_EXIT);
  assert.equal(exitCode(PARTIAL_EXIT, CSV_EXIT), PARTIAL_EXIT);
  assert.equal(exitCode(CSV_EXIT, USAGE_EXIT, PARTIAL_EXIT), USAGE_EXIT);
  assert.equal(exitCode(CSV_EXIT, PARTIAL_EXIT, USAGE_EXIT, FAILED_EXIT), FAILED_EXIT);
  assert.equal(exitCode(0, CSV_EXIT), CSV_EXIT);
});

/**
 * A literal code returned in cli/ (`return 2;`, `? 0 : 2`, `exitCode(… : 0)`) is a second source beside
 * exit_code.ts: its precedence and its meaning hold only while every command returns the names.
 */
Deno.test("cli/ returns exit codes by their names in exit_code.ts, never as literals", async () => {
  const dir = new URL("../../cli/", import.meta.url);
  const literal = [
    /\breturn\s+(?:[^;?]*\?\s*)?[0-4]\s*(?::\s*[^;]+)?;/, // return 2; return x ? 0 : 2;
    /\breturn\s+[^;?]*\?[^;:]*:\s*[0-4]\s*;/, // return x ? FAILED_EXIT : 0;
    /\bexitCode\([^)]*(?:\?|:|,|\()\s*[0-4]\s*[,)]/, // exitCode(partial ? PARTIAL_EXIT : 0, …)
  ];
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !entry.name.endsWith(".ts") || entry.name === "exit_code.ts") continue;
    const lines = (await Deno.readTextFile(new URL(entry.name, dir))).split("\n");
    lines.forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, "");
      if (literal.some((re) => re.test(code))) found.push(`cli/${entry.name}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, []);
});
