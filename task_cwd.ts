/**
 * `deno task` runs its command in deno.json's folder, not the one it was typed in (that one it passes as
 * INIT_CWD): `deno task start -- sync products --once --data my-data` typed in another folder made the ledger,
 * and looked for `--config`, in the repository's root. DESIGN §9: the task runs the command line exactly as
 * the exe would, whose relative paths are the folder it was started in.
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Moves to the folder the task was typed in, when this process is a task's command: it runs in `root` (the
 * source tree's folder holding deno.json) and INIT_CWD names a folder. The exe and the bundle (no deno.json
 * beside them) stay where they were started.
 */
export function enterTaskFolder(root: URL): void {
  let typedIn: string | undefined;
  try {
    typedIn = Deno.env.get("INIT_CWD");
  } catch {
    return; // a build allowed only the environment variables it names
  }
  if (!typedIn) return;
  try {
    const rootPath = Deno.realPathSync(fileURLToPath(root));
    if (Deno.realPathSync(Deno.cwd()) !== rootPath || !Deno.statSync(join(rootPath, "deno.json")).isFile) {
      return;
    }
    Deno.chdir(typedIn);
  } catch {
    // No deno.json, or the folder typed in is gone: the paths stay as given.
  }
}
