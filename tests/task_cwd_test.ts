/**
 * `deno task` runs its command in deno.json's folder; typed in another folder, the task's relative paths must
 * still be that folder's, as the exe's are (DESIGN §9: the start task runs the command line exactly as the exe).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "./tryit/processes.ts";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** `deno task NAME -- ...args` typed in `cwd`, with the repository's deno.json. */
async function taskIn(cwd: string, name: string, args: string[]) {
  const env: Record<string, string> = { ...Deno.env.toObject(), NO_COLOR: "1" };
  delete env.INIT_CWD; // as typed at a prompt, not inherited from the `deno task test` running this test
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--config", join(ROOT, "deno.json"), name, "--", ...args],
    cwd,
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("deno task start typed in another folder reads --data there, as the exe does", async () => {
  const here = await Deno.makeTempDir({ prefix: "e-ticaret-typed-in-" });
  const data = `task-cwd-${crypto.randomUUID()}`;
  try {
    await Deno.mkdir(join(here, data));
    await Deno.writeFile(join(here, data, "ledger.sqlite"), new Uint8Array()); // a data folder, for `token`
    const r = await taskIn(here, "start", ["token", "--data", data]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), (await Deno.readTextFile(join(here, data, "token"))).trim());
  } finally {
    await Deno.remove(here, { recursive: true });
    await Deno.remove(join(ROOT, data), { recursive: true }).catch(() => {});
  }
});

Deno.test("deno task sim typed in another folder writes --write-nebim-data there", async () => {
  const here = await Deno.makeTempDir({ prefix: "e-ticaret-typed-in-" });
  const file = `task-cwd-${crypto.randomUUID()}.json`;
  try {
    const r = await taskIn(here, "sim", ["--write-nebim-data", file, "--variants", "3"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(await Deno.readTextFile(join(here, file))).cdItem.length > 0);
  } finally {
    await Deno.remove(here, { recursive: true });
    await Deno.remove(join(ROOT, file)).catch(() => {});
  }
});
