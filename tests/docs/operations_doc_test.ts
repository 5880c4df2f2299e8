/**
 * docs/OPERATIONS.md's SQL login script grants SELECT on exactly the tables the agent reads (nebim/sql/
 * used_columns.ts, both price sources), and nothing else.
 */
import assert from "node:assert/strict";
import { USED_COLUMNS } from "../../nebim/sql/used_columns.ts";

const DOC = await Deno.readTextFile(new URL("../../docs/OPERATIONS.md", import.meta.url));

Deno.test("OPERATIONS: the SQL login script grants SELECT on every table the agent reads, and nothing more", () => {
  const m = /<!-- sql: login -->\s*```sql\n([\s\S]*?)```/.exec(DOC);
  assert.ok(m, "docs/OPERATIONS.md has the login script");
  const lines = m[1]!.trim().split("\n");
  const grants = lines.filter((l) => /^GRANT\b/i.test(l));
  const granted = grants.map((l) => /^GRANT SELECT ON dbo\.(\w+) TO eticaret_ro;$/.exec(l)?.[1]);
  assert.ok(granted.every((t) => t !== undefined), `only SELECT grants: ${grants.join("\n")}`);
  const read = new Set([
    ...Object.keys(USED_COLUMNS.common),
    ...Object.keys(USED_COLUMNS.basePrice),
    ...Object.keys(USED_COLUMNS.priceList),
  ]);
  assert.deepEqual([...granted].sort(), [...read].sort());
  // Nothing but the login, the user and the grants: no role membership, no other permission.
  for (const l of lines.filter((l) => !/^GRANT\b/i.test(l))) {
    assert.match(
      l,
      /^(USE \w+;|CREATE LOGIN eticaret_ro WITH .*;|CREATE USER eticaret_ro FOR LOGIN eticaret_ro;)$/,
    );
  }
});
