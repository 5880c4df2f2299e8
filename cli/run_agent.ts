/**
 * `run`: the agent until a stop signal, with agent.log written only while it holds the data folder's writer
 * lock (from onWriter to onRelease).
 * @module
 */

import type { AgentFailure } from "../main.ts";
import { errorMessage } from "../errors.ts";
import { CLI_CATEGORY, configureLogging, getLogger, stopLogging } from "../log.ts";
import type { CliDeps } from "./commands.ts";
import { DONE_EXIT } from "./exit_code.ts";
import { osStopSignal } from "./stop_signal.ts";

export async function runAgent(
  deps: CliDeps,
  io: { out: (l: string) => void; err: (l: string) => void },
  dataDir: string,
  configDoc: unknown,
): Promise<number> {
  // agent.log only once the writer lock is held (onWriter): a start refused for the agent already running
  // there tells the screen alone, and neither writes to that agent's log nor rolls it over.
  await configureLogging({ console: true, write: io.err });
  const onWriter = () => configureLogging({ dir: `${dataDir}/logs`, console: true, write: io.err });
  // To agent.log only (the screen is told separately): a service has no screen, and without these lines the
  // log of an agent that never started, or was stopped, ends as if it were still running.
  const log = getLogger([...CLI_CATEGORY, "run"]);
  // The last line, and agent.log closed, before the lock goes (onRelease): a `run` a service manager starts
  // in that moment may roll agent.log over, and a line written after would go to the file it renamed.
  const onRelease = async (failure?: AgentFailure) => {
    const error = failure && errorMessage(failure.error);
    if (failure?.during === "start") log.error("the agent did not start: {error}", { error });
    // stop() throws it next, to the screen alone: a service has none.
    else if (failure) log.error("stopped, not cleanly: {error}", { error });
    else log.info("stopped");
    await configureLogging({ console: true, write: io.err });
  };
  try {
    const agent = await deps.startAgent({ dataDir, configDoc, onWriter, onRelease });
    io.out(`health: ${agent.healthUrl}`);
    if (agent.allInterfaces) io.out(`note: ${agent.allInterfaces}`);
    if (agent.notice) io.out(`note: ${agent.notice}`);
    await (deps.stopSignal ?? osStopSignal)();
    io.out("stopping…");
    log.info("stopping: asked to (Ctrl+C or the service's stop signal)");
    await agent.stop();
    return DONE_EXIT;
  } finally {
    await stopLogging();
  }
}
