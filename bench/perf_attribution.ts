/**
 * Where a `perf record -g` of the agent's process spent its samples, with V8's builtins and the code it
 * compiled named (`--perf-basic-prof` writes their addresses to /tmp/perf-<pid>.map). V8's own CPU profile
 * folds a builtin into the JavaScript function that called it (a Map lookup is "self time" of the caller);
 * here it is named, and the native code under it (the collector, SQLite, the runtime's ops) is counted
 * apart. Pure: perf's text in, tallies out (bench/perf_report.ts runs perf).
 * @module
 */

/** One named code range from a perf map: `start size name` per line, hexadecimal (start and size). */
export interface CodeRange {
  start: bigint;
  end: bigint;
  name: string;
}

/** Sorted by start; a start named again later (V8 reuses the addresses of code it freed) takes the later name. */
export function parsePerfMap(text: string): CodeRange[] {
  const out: CodeRange[] = [];
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.+)$/i.exec(line.trim());
    if (!m) continue;
    const start = BigInt(`0x${m[1]}`);
    out.push({ start, end: start + BigInt(`0x${m[2]}`), name: m[3]! });
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * V8 copies its embedded builtins out of the executable and runs them from there; perf, seeing a mapping of
 * the executable, prints a frame in it as a file offset. `PERF_RECORD_MMAP2` lines give that mapping.
 */
export interface Remap {
  /** Where the copy runs. */
  address: bigint;
  size: bigint;
  /** Its offset in the executable. */
  offset: bigint;
}

/** The executable's mappings other than its first (the code as loaded), from `perf script --show-mmap-events`. */
export function parseRemaps(text: string, executable: string): Remap[] {
  const maps: Remap[] = [];
  for (const line of text.split("\n")) {
    const m = /PERF_RECORD_MMAP2? .*\[0x([0-9a-f]+)\(0x([0-9a-f]+)\) @ 0x([0-9a-f]+) .*\]: r-xp (\S+)/i.exec(
      line,
    );
    if (!m || m[4] !== executable) continue;
    maps.push({ address: BigInt(`0x${m[1]}`), size: BigInt(`0x${m[2]}`), offset: BigInt(`0x${m[3]}`) });
  }
  return maps.slice(1);
}

export type FrameKind = "js" | "builtin" | "native" | "kernel";

export interface Frame {
  kind: FrameKind;
  name: string;
}

/** Names a frame address as perf printed it (an address, or a file offset in the executable). */
export function resolver(ranges: readonly CodeRange[], remaps: readonly Remap[]): (hex: string) => Frame {
  const find = (a: bigint): CodeRange | undefined => {
    let lo = 0, hi = ranges.length - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]!.start <= a) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const r = ranges[at];
    return r && a < r.end ? r : undefined;
  };
  return (hex) => {
    const a = BigInt(`0x${hex}`);
    if (a >= 0xffff000000000000n) return { kind: "kernel", name: "kernel" };
    let r = find(a);
    for (const m of remaps) {
      if (r) break;
      if (a >= m.offset && a < m.offset + m.size) r = find(m.address + a - m.offset);
    }
    if (!r) return { kind: "native", name: "native" };
    const builtin = r.name.startsWith("Builtin:") || r.name.startsWith("BytecodeHandler:");
    return { kind: builtin ? "builtin" : "js", name: r.name };
  };
}

/** One sample: its thread and its frames, leaf first, as `perf script -F tid,ip` prints a call chain. */
export interface Sample {
  tid: number;
  frames: string[];
}

export function parseChains(text: string): Sample[] {
  const out: Sample[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.trim().split("\n");
    const tid = Number(lines[0]?.trim());
    if (!Number.isInteger(tid) || lines.length < 2) continue;
    out.push({ tid, frames: lines.slice(1).map((l) => l.trim().split(/\s+/)[0]!) });
  }
  return out;
}

/** The module a JavaScript frame's name points at: a project folder, an npm package, or a runtime extension. */
export function moduleOf(jsName: string, root: string): string {
  const url = /(file:\/\/\S+|ext:\S+)/.exec(jsName)?.[1];
  if (!url) return "(anonymous)";
  if (url.startsWith("ext:")) return url.slice(4).split("/")[0]!;
  const npm = /\/node_modules\/\.deno\/([^/]+)\//.exec(url);
  if (npm) return npm[1]!.replace(/@[^@]*$/, "");
  const rel = url.startsWith(`file://${root}/`) ? url.slice(`file://${root}/`.length) : url;
  return rel.includes("/") ? rel.split("/")[0]! : rel.split(":")[0]!;
}

export interface Attribution {
  /** Samples per thread id. */
  threads: Map<number, number>;
  /** The thread's samples by the module of the nearest JavaScript frame and the kind of the leaf. */
  byModule: Map<string, Map<FrameKind, number>>;
  /** Leaf builtins by name and the JavaScript frame nearest them. */
  builtins: Map<string, number>;
}

/** Tallies the samples of thread `tid` (the process's main thread: its id is the process's). */
export function attribute(
  samples: readonly Sample[],
  name: (hex: string) => Frame,
  tid: number,
  root: string,
): Attribution {
  const threads = new Map<number, number>();
  const byModule = new Map<string, Map<FrameKind, number>>();
  const builtins = new Map<string, number>();
  for (const s of samples) {
    threads.set(s.tid, (threads.get(s.tid) ?? 0) + 1);
    if (s.tid !== tid || s.frames.length === 0) continue;
    const frames = s.frames.map(name);
    const leaf = frames[0]!;
    const js = frames.find((f) => f.kind === "js");
    const mod = js ? moduleOf(js.name, root) : "(no JavaScript frame)";
    const kinds = byModule.get(mod) ?? new Map<FrameKind, number>();
    kinds.set(leaf.kind, (kinds.get(leaf.kind) ?? 0) + 1);
    byModule.set(mod, kinds);
    if (leaf.kind === "builtin") {
      const key = `${leaf.name} < ${js ? js.name.replace(`file://${root}/`, "") : "(none)"}`;
      builtins.set(key, (builtins.get(key) ?? 0) + 1);
    }
  }
  return { threads, byModule, builtins };
}
