import { spawnSync } from "node:child_process";

export interface GitRevision {
  readonly commit: string;
  /** Uncommitted changes to tracked files: the report may not match the commit exactly. */
  readonly dirty: boolean;
}

/** The checkout's commit, or undefined outside a git work tree (an unpacked tarball, say). */
export function gitRevision(dir: string): GitRevision | undefined {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" });
  if (head.status !== 0) return undefined;
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: dir, encoding: "utf8" });
  return { commit: head.stdout.trim(), dirty: status.status === 0 && status.stdout.trim() !== "" };
}
