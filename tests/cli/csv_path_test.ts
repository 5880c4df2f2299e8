/**
 * agentFileProblem() and intoDataFolderToBeMade() as Windows opens a path: its letter case ignored, and a name's trailing dots and spaces
 * dropped ("ledger.sqlite-wal." opens ledger.sqlite-wal), also for a companion not there yet.
 */
import assert from "node:assert/strict";
import { agentFileProblem, intoDataFolderToBeMade } from "../../cli/csv_path.ts";

Deno.test("agentFileProblem() on Windows refuses the agent's files spelled in another case or with a trailing dot or space", async () => {
  const data = await Deno.makeTempDir({ prefix: "e-ticaret-test-" });
  try {
    await Deno.writeTextFile(`${data}/ledger.sqlite`, "");
    // -wal and .owner are not there until the sync opens the ledger, after the check: it writes its CSV then.
    for (
      const name of [
        "LEDGER.sqlite",
        "ledger.sqlite-wal.",
        "ledger.sqlite.owner ",
        "Token. .",
        "ledger.sqlite.",
      ]
    ) {
      const problem = await agentFileProblem(`${data}/${name}`, data, undefined, "windows");
      assert.match(problem ?? "", /is one of the agent's own files/, name);
    }
    // Elsewhere each is a file of its own.
    assert.equal(await agentFileProblem(`${data}/ledger.sqlite-wal.`, data, undefined, "linux"), undefined);
    assert.equal(await agentFileProblem(`${data}/report.csv.`, data, undefined, "windows"), undefined);
  } finally {
    await Deno.remove(data, { recursive: true });
  }
});

Deno.test("intoDataFolderToBeMade() on Windows finds the data folder spelled in another case", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-test-" });
  try {
    const data = `${dir}/Data`;
    assert.equal(await intoDataFolderToBeMade(`${dir}/DATA/first.csv`, data, "windows"), true);
    assert.equal(await intoDataFolderToBeMade(`${dir}/DATA/first.csv`, data, "linux"), false);
    assert.equal(await intoDataFolderToBeMade(`${dir}/Data/first.csv`, data, "linux"), true);
    await Deno.mkdir(data);
    assert.equal(
      await intoDataFolderToBeMade(`${dir}/DATA/first.csv`, data, "windows"),
      false,
      "made already",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
