import assert from "node:assert/strict";
import { claimWithin, otherHolder } from "../../sync/batch_claims.ts";
import { type BatchContext, SHARED } from "../../sync/batch_context.ts";
import type { Problem } from "../../sync/desired.ts";
import { noVanishing } from "../../sync/zero_vanished.ts";

// A template code two variants of the batch make (mapVariants' duplicate), which an item outside the batch
// makes too. The full cycle's first query lists such codes (knownDuplicates), so the batches meet one only when
// Nebim changed between that query and their read: claimWithin alone, with the parts of a context it reads.
type Claims = Pick<BatchContext, "seenCodes" | "claimedCodes" | "contested" | "vanishing">;

const claims = (seen: [string, string][] = []): Claims => ({
  seenCodes: new Map(seen),
  vanishing: noVanishing(),
});

const duplicate = (subject: string, items: string[]): Problem => ({
  subject,
  kind: "duplicate",
  reason: `stock code "${subject}" is made by more than one variant of item ${items.join(", ")}`,
  items,
});

function claim(
  ctx: Claims,
  problems: Problem[],
  held: Record<string, string> = {},
  heldByMany?: Map<string, string[]>,
): Problem[] {
  const reportedBefore: Problem[] = [];
  claimWithin(ctx as BatchContext, problems, (code) => held[code], heldByMany, reportedBefore);
  return reportedBefore;
}

Deno.test("claimWithin: a code an earlier batch took is named with that item, taken by none, and zeroed at the end", () => {
  const ctx = claims([["KML-1001-01", "KML-0999"]]);
  const problems = [duplicate("KML-1001-01", ["KML-1001"])];
  const before = claim(ctx, problems);
  assert.deepEqual(problems[0]!.items, ["KML-1001", "KML-0999"]);
  assert.match(problems[0]!.reason, /and by item KML-0999; none is pushed$/);
  assert.equal(ctx.claimedCodes?.get("KML-1001-01"), problems[0], "a later batch's holder does not take it");
  assert.deepEqual([...ctx.contested ?? []], ["KML-1001-01"]);
  assert.deepEqual([...ctx.vanishing.gone], ["KML-1001-01"], "the earlier take is zeroed at the cycle's end");
  assert.deepEqual(before, []);
});

Deno.test("claimWithin: a code an item read with the batch holds is named with it, and nothing is zeroed", () => {
  const ctx = claims();
  const problems = [duplicate("KML-1001-01", ["KML-1001"])];
  claim(ctx, problems, { "KML-1001-01": "KML-2000" });
  assert.deepEqual(problems[0]!.items, ["KML-1001", "KML-2000"]);
  assert.ok(ctx.claimedCodes?.has("KML-1001-01"));
  assert.equal(ctx.contested, undefined);
  assert.equal(ctx.vanishing.gone.size, 0, "nothing was taken, so nothing is zeroed");
});

Deno.test("claimWithin: every item that holds the code, when several do, is named once", () => {
  const ctx = claims();
  const problems = [duplicate("KML-1001-01", ["KML-1001", "KML-2000"])];
  claim(ctx, problems, {}, new Map([["KML-1001-01", ["KML-2000", "KML-3000"]]]));
  assert.deepEqual(problems[0]!.items, ["KML-1001", "KML-2000", "KML-3000"]);
  assert.match(problems[0]!.reason, /and by item KML-3000; none is pushed$/);
});

Deno.test("claimWithin: a claim an earlier batch reported with the same items is not reported again", () => {
  const ctx = claims([["KML-1001-01", "KML-0999"]]);
  const earlier = { ...duplicate("KML-1001-01", ["KML-1001", "KML-0999"]), reason: "reported" };
  ctx.claimedCodes = new Map([["KML-1001-01", earlier]]);
  const problems = [duplicate("KML-1001-01", ["KML-1001"]), duplicate("KML-2002-01", ["KML-2002"])];
  const before = claim(ctx, problems);
  assert.deepEqual(problems.map((p) => p.subject), ["KML-2002-01"], "the other duplicate stays as it was");
  assert.deepEqual(before, [earlier], "kept open as reported before");
  assert.equal(ctx.vanishing.gone.size, 0);
});

Deno.test("claimWithin: a duplicate no other item holds, and every other kind of problem, stay as they were", () => {
  const ctx = claims([["KML-1001-01", "KML-1001"]]); // its own item took it: the batch itself
  const own = duplicate("KML-1001-01", ["KML-1001"]);
  const price: Problem = { subject: "KML-1001-01", kind: "price", reason: "no cost", items: ["KML-0999"] };
  const problems = [own, price];
  claim(ctx, problems, { "KML-1001-01": "KML-1001" });
  assert.deepEqual(problems, [own, price]);
  assert.equal(ctx.claimedCodes, undefined);
  assert.equal(ctx.vanishing.gone.size, 0);
});

Deno.test("otherHolder names another item, or a barcode Nebim shares, and not the variant's own item", () => {
  assert.equal(otherHolder(undefined, "KML-1001"), undefined);
  assert.equal(otherHolder("KML-1001", "KML-1001"), undefined);
  assert.equal(otherHolder("KML-0999", "KML-1001"), "a variant of item KML-0999");
  assert.equal(otherHolder(SHARED, "KML-1001"), "another variant with the same barcode");
});
