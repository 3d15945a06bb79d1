import { isAlive } from "./server-state";

/**
 * Stops a process group led by `pid` (a server started detached): SIGTERM, then SIGKILL once
 * `graceMs` has passed. Resolves when the leader is gone.
 */
export async function terminateGroup(pid: number, graceMs = 15_000): Promise<void> {
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) signal("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
