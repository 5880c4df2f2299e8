/**
 * How the benchmark talks to its child processes: one JSON object per line, commands on the child's
 * stdin, answers on its stdout marked with {@link MARK} (anything else a child prints goes to stderr, so
 * a stray log line cannot break the protocol). Children are separate processes so the agent's CPU time
 * and peak RSS are its own, not the simulators'.
 * @module
 */

export const MARK = "@bench ";
/** Qukasoft requests per 10 s for the store and the agent: high enough that no limiter ever waits. */
export const BENCH_RATE = 1_000_000;

/** The permissions of `deno task bench`, handed on to every child. */
const CHILD_FLAGS = [
  "--allow-net=127.0.0.1",
  "--allow-env",
  "--allow-sys=hostname",
  "--allow-read",
  "--allow-write",
];

export interface Child {
  readonly pid: number;
  send(command: unknown): Promise<void>;
  /** The next answer; rejects if the child exits first. */
  next<T>(): Promise<T>;
  /** Closes stdin (the child's cue to stop) and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Starts `bench/<script>` with the bench's permissions and any extra `flags` (e.g. --cpu-prof; a flag
 * there replaces the bench's flag of the same name, since Deno does not widen a permission given twice),
 * from the repository root so deno.json applies.
 */
export function spawnChild(script: string, args: string[], flags: string[] = []): Child {
  const root = new URL("../", import.meta.url);
  const proc = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...CHILD_FLAGS.filter((f) => !flags.some((g) => g.split("=")[0] === f.split("=")[0])),
      ...flags,
      decodeURIComponent(new URL(script, import.meta.url).pathname),
      ...args,
    ],
    cwd: decodeURIComponent(root.pathname),
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = proc.stdin.getWriter();
  const answers = lines(proc.stdout)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return {
    pid: proc.pid,
    async send(command) {
      await writer.write(encoder.encode(JSON.stringify(command) + "\n"));
    },
    async next<T>() {
      for (;;) {
        const r = await answers.next();
        if (r.done) {
          throw new Error(`bench child ${script} exited (${(await proc.status).code}) before answering`);
        }
        // Native output (e.g. --trace-gc) may land mid-line: the answer starts wherever the mark is.
        const at = r.value.indexOf(MARK);
        if (at >= 0) {
          if (at > 0) console.error(r.value.slice(0, at));
          return JSON.parse(r.value.slice(at + MARK.length)) as T;
        }
        console.error(r.value);
      }
    },
    async close() {
      await writer.close().catch(() => {});
      await proc.status;
    },
  };
}

/** Child side: the commands sent on stdin, until the parent closes it. */
export async function* commands<T>(): AsyncIterable<T> {
  for await (const line of lines(Deno.stdin.readable)) if (line.trim()) yield JSON.parse(line) as T;
}

/** Child side: one answer line. */
export function answer(message: unknown): void {
  console.log(MARK + JSON.stringify(message));
}

async function* lines(stream: ReadableStream<Uint8Array>): AsyncIterable<string> {
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    rest += chunk;
    let i: number;
    while ((i = rest.indexOf("\n")) >= 0) {
      yield rest.slice(0, i);
      rest = rest.slice(i + 1);
    }
  }
  if (rest) yield rest;
}
