/**
 * The paths the command line takes (--data, --config, --csv) as a script, a batch file or a Windows service
 * definition gets them wrong: what is wrong with one, for a usage error, before anything is read or made.
 * @module
 */

export function pathProblem(values: { data?: string; config?: string; csv?: string }): string | undefined {
  // An empty value is a slip (a script's or service definition's unset variable), never "the default": an
  // empty --data would put the ledger, the token and the logs at the drive's root ("" + "/ledger.sqlite"), an
  // empty --config would test or seed the ledger's settings instead of a file. So is a blank one (a batch
  // file's `set DATA= `): a folder named " " in the working directory, which Windows cannot even make.
  const empty = (["config", "data", "csv"] as const).find((k) => values[k]?.trim() === "");
  if (empty) return `--${empty} was given an empty value: name a ${empty === "data" ? "folder" : "file"}`;
  // Windows reads `--data "C:\e-ticaret\"` as the value C:\e-ticaret" (a backslash before a quote keeps the
  // quote), and any options after it as part of that value: a name Windows refuses, with a message that says
  // nothing of why.
  const quoted = (["config", "data", "csv"] as const).find((k) => values[k]?.includes('"'));
  if (quoted) {
    return `--${quoted} ${values[quoted]} holds a quote: a backslash just before a closing quote keeps the ` +
      `quote in the value (and what follows it); end the path without a backslash, e.g. "C:\\e-ticaret"`;
  }
  // A drive alone ("C:") is that drive's current folder on Windows, not its root: the ledger, the token and the
  // logs ("C:" + "/ledger.sqlite") went to the root, the XML feed (joined: "C:feed") to the current folder.
  const drive = values.data?.trim().match(/^[a-z]:$/i)?.[0];
  if (drive) {
    return `--data ${drive} is drive ${drive}'s current folder, not its root: name a folder, e.g. ${drive}\\e-ticaret`;
  }
  return undefined;
}
