/**
 * Logging: LogTape with a rotating file in the data folder and the console (stderr, so stdout stays free
 * for command output). Every record passes a redaction step first: a property (or a value in the message)
 * whose name looks like a secret is replaced, so a password can never reach a log even by mistake.
 * @module
 */

import {
  configure,
  getLogger,
  getTextFormatter,
  type LogLevel,
  type LogRecord,
  reset,
  type Sink,
} from "@logtape/logtape";
import { getFileSink } from "@logtape/file";
import { makeOwnerOnlyDir } from "./owner_only_dir.ts";
import { createOwnerOnlyFile } from "./owner_only_file.ts";

export { getLogger };

// Strings bare (`full cycle`, not `"full" cycle`); other values as inspected.
const TEXT = getTextFormatter({ value: (v, inspect) => (typeof v === "string" ? v : inspect(v)) });

const SECRET_NAME = /pass(word)?|secret|api[-_]?key|token|authorization/i;

/** Replaces secret-looking properties (at any depth) with "********". */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_NAME.test(k) ? "********" : redact(v, depth + 1);
  }
  return out;
}

/**
 * The message as written has its values already filled in: each value in a secret-named placeholder
 * (`{password}`, `{nebim.sql.password}`) is replaced, and objects are redacted by key like properties.
 */
export function redactMessage(record: Pick<LogRecord, "message" | "rawMessage">): unknown[] {
  const names = typeof record.rawMessage === "string" ? placeholderNames(record.rawMessage) : [];
  return record.message.map((part, i) => {
    if (i % 2 === 0) return part;
    return SECRET_NAME.test(names[(i - 1) / 2] ?? "") ? "********" : redact(part);
  });
}

/** The placeholder names of a message template, in order. */
function placeholderNames(template: string): string[] {
  const names: string[] = [];
  // "{{" and "}}" are LogTape's escaped braces, not placeholders: matched so they are skipped.
  for (const m of template.matchAll(/\{\{|\}\}|\{([^{}]*)\}/g)) if (m[1] !== undefined) names.push(m[1]);
  return names;
}

function redacting(sink: Sink): Sink {
  const wrapped: Sink = (record: LogRecord) =>
    sink({
      ...record,
      message: redactMessage(record),
      properties: redact(record.properties) as Record<string, unknown>,
    });
  // LogTape flushes and closes a sink through its dispose hook at reset(): without the file sink's, the
  // buffered last lines before a stop never reached agent.log.
  const inner = sink as Partial<Disposable & AsyncDisposable>;
  const dispose = inner[Symbol.dispose];
  const asyncDispose = inner[Symbol.asyncDispose];
  if (dispose) Object.assign(wrapped, { [Symbol.dispose]: () => dispose.call(sink) });
  if (asyncDispose) Object.assign(wrapped, { [Symbol.asyncDispose]: () => asyncDispose.call(sink) });
  return wrapped;
}

/** agent.log rolls over past 10 MB, five older files kept (agent.log.1, the newest, to agent.log.5). */
const MAX_SIZE = 10 * 1024 * 1024;
const KEEP = 5;

const ENCODER = new TextEncoder();

/**
 * agent.log, rolled over here rather than by LogTape's rotating sink: that one opens the new agent.log without a
 * mode (0644 under the usual umask) and writes the line into it before returning, so the file was made
 * owner-only (0600) only after its first line. Owner-only from its creation where the OS has modes: it may carry
 * store and ERP details (one an older agent left 0644 is narrowed at start, owner_only_dir.ts). A rename that
 * fails (on Windows, another program holding agent.log open without sharing its deletion) leaves the lines going
 * to the end of agent.log, and the rollover is tried again at the next line.
 */
function rotatingFile(path: string, os: typeof Deno.build.os = Deno.build.os): Sink {
  const make = () => {
    createOwnerOnlyFile(path, os); // the sink opens it without a mode: 0644 under the usual umask
    // Unbuffered: the lines before a crash or a kill are the ones most needed, and the agent writes a few per
    // cycle, so a write per line costs nothing measurable.
    return getFileSink(path, { formatter: TEXT, bufferSize: 0 });
  };
  let sink: ReturnType<typeof make> | undefined = make();
  let size = sizeOf(path);
  // Closed once: the file sink's own dispose closes its file again (BadResource), as at reset().
  const dispose = () => {
    const open = sink;
    sink = undefined;
    open?.[Symbol.dispose]();
  };
  const rotating: Sink = (record) => {
    const bytes = ENCODER.encode(TEXT(record)).length;
    if (sink && size > 0 && size + bytes > MAX_SIZE) {
      dispose(); // closed before the rename, which Windows refuses for an open file
      try {
        rollOver(path);
      } catch {
        // agent.log could not be renamed: the line goes to its end
      }
    }
    // Opened here, also when a rollover's open failed (too many open files): tried again at the next line,
    // not left closed, failing every line and the stop.
    if (!sink) {
      sink = make();
      size = sizeOf(path);
    }
    sink(record);
    size += bytes;
  };
  return Object.assign(rotating, { [Symbol.dispose]: dispose });
}

/**
 * agent.log becomes agent.log.1, each older one below the first free number a number up (the fifth is replaced
 * when all five are there). Only those below a gap move: a rollover whose last rename failed (agent.log held)
 * left agent.log.1 free, and its retry, at every next line, moved the older ones up again, each time over
 * agent.log.5, until one file was left. A rename that fails stops the rest, so nothing is renamed over a file.
 */
function rollOver(path: string): void {
  let free = 1;
  while (free < KEEP && taken(`${path}.${free}`)) free++;
  for (let i = free - 1; i > 0; i--) Deno.renameSync(`${path}.${i}`, `${path}.${i + 1}`);
  Deno.renameSync(path, `${path}.1`);
}

function sizeOf(path: string): number {
  try {
    return Deno.statSync(path).size;
  } catch {
    return 0;
  }
}

/** Whether something is at `path`; one that cannot be looked at counts as there (never renamed over). */
function taken(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch (e) {
    return !(e instanceof Deno.errors.NotFound);
  }
}

export interface LoggingOptions {
  /** Folder for agent.log (rotated); none = console only. */
  dir?: string;
  console?: boolean;
  level?: LogLevel;
  /** Where console lines go; default stderr. */
  write?: (line: string) => void;
}

/**
 * The command line's own records: to agent.log only, at info and above whatever `level` says, as a command
 * tells the screen itself (a one-shot sync's progress, its outcome).
 */
export const CLI_CATEGORY = ["e-ticaret", "cli"] as const;

/** Configures the "e-ticaret" logger tree. Call once at start; `stopLogging` flushes at shutdown. */
export async function configureLogging(options: LoggingOptions = {}): Promise<void> {
  const sinks: Record<string, Sink> = {};
  if (options.console ?? true) {
    const write = options.write ?? ((line: string) => console.error(line));
    sinks.console = redacting((r) => write(TEXT(r).trimEnd()));
  }
  if (options.dir) {
    await makeOwnerOnlyDir(options.dir);
    sinks.file = redacting(rotatingFile(`${options.dir}/agent.log`));
  }
  await configure({
    reset: true,
    sinks,
    loggers: [
      { category: ["e-ticaret"], sinks: Object.keys(sinks), lowestLevel: options.level ?? "info" },
      {
        category: [...CLI_CATEGORY],
        sinks: sinks.file ? ["file"] : [],
        parentSinks: "override",
        lowestLevel: "info",
      },
      { category: ["logtape", "meta"], sinks: [], lowestLevel: "warning" },
    ],
  });
}

export async function stopLogging(): Promise<void> {
  await reset();
}
