import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { projectRoot } from "./paths";

/** What `insights server start` leaves behind for `status` and `stop` to find the server again. */
export interface ServerState {
  readonly pid: number;
  readonly url: string;
  readonly uiUrl: string;
  readonly runDir: string;
  readonly logFile: string;
  readonly startedAt: string;
}

export function stateFile(): string {
  return process.env.INSIGHTS_SERVER_STATE ?? join(projectRoot(), ".insights", "server.json");
}

export function readState(): ServerState | undefined {
  const file = stateFile();
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as ServerState;
}

export function writeState(state: ServerState): void {
  mkdirSync(dirname(stateFile()), { recursive: true });
  writeFileSync(stateFile(), `${JSON.stringify(state, null, 2)}\n`);
}

export function clearState(): void {
  rmSync(stateFile(), { force: true });
}

/** Whether a process with this id is alive (signal 0 probes without signalling). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
