/**
 * What the kernel knows of a child process, read from outside it: its peak RSS per phase (VmHWM in
 * /proc/<pid>/status, reset between phases by writing 5 to /proc/<pid>/clear_refs), its CPU, and where its main
 * thread's time went. Read through `cat`/`sh` because Deno grants /proc only to --allow-all; neither costs the
 * measured process anything. Linux only: elsewhere the figures are null.
 * @module
 */

/**
 * Makes the high-water mark the current RSS, so the next reading is the peak of what follows. False when it
 * could not (no /proc, a kernel before 4.0, a clear_refs the user may not write): VmHWM is then the peak
 * since the process started, not a figure for what follows.
 */
export async function resetPeak(pid: number): Promise<boolean> {
  return await run("sh", ["-c", `echo 5 > /proc/${pid}/clear_refs`]) !== null;
}

/** The peak RSS in MB since the last reset (or since start), or null when /proc cannot tell. */
export function peakRssMb(pid: number): Promise<number | null> {
  return statusMb(pid, "VmHWM");
}

/** The RSS in MB now. */
export function currentRssMb(pid: number): Promise<number | null> {
  return statusMb(pid, "VmRSS");
}

async function statusMb(pid: number, field: string): Promise<number | null> {
  const status = await run("cat", [`/proc/${pid}/status`]);
  const kb = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status ?? "")?.[1];
  return kb === undefined ? null : Number(kb) / 1024;
}

async function run(cmd: string, args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "null" }).output();
    return out.success ? new TextDecoder().decode(out.stdout) : null;
  } catch {
    return null; // no sh/cat (not Linux): no figure rather than a failed benchmark
  }
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat (clock ticks, taken as
 * 100 per second, Linux's USER_HZ): the simulators' share of a cycle, to see which side is the bottleneck.
 */
export async function cpuMsOf(pid: number): Promise<number | null> {
  const stat = await run("cat", [`/proc/${pid}/stat`]);
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const rest = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (!rest || rest.length < 13) return null;
  return (Number(rest[11]) + Number(rest[12])) * 10;
}

/** A thread's time so far (ms): on a CPU, and runnable but waiting for one (the run queue). */
export interface ThreadTime {
  runMs: number;
  waitMs: number;
}

/**
 * The main thread's time so far, from /proc/<pid>/task/<pid>/schedstat (nanoseconds on a CPU, then waiting on
 * the run queue). A cycle's wall time less both is the time its main thread had nothing to do.
 */
export async function mainThreadOf(pid: number): Promise<ThreadTime | null> {
  const fields = (await run("cat", [`/proc/${pid}/task/${pid}/schedstat`]))?.trim().split(" ");
  if (!fields || fields.length < 2) return null;
  return { runMs: Number(fields[0]) / 1e6, waitMs: Number(fields[1]) / 1e6 };
}
