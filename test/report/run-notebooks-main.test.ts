import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const MAIN = join(ROOT, "src", "report", "runner", "run-notebooks-main.ts");

/** The runner as a process, on command lines it refuses before running any notebook. */
function runner(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: ROOT, encoding: "utf8" });
}

describe("the notebook runner's command line", () => {
  it("exits 2 with one line when no notebook is named or a value is bad", () => {
    expect(runner("--out", "x")).toMatchObject({ status: 2, stderr: "run-notebooks-main: missing notebook.ipynb… (see 'run-notebooks-main --help')\n" });
    expect(runner("--out", "x", "--param", "novalue", "a.ipynb")).toMatchObject({
      status: 2,
      stderr: "run-notebooks-main: --param must be key=value, not 'novalue' (see 'run-notebooks-main --help')\n",
    });
  });

  it("prints its generated help", () => {
    const { status, stdout } = runner("--help");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: run-notebooks-main --out DIR \[--data-fingerprint TEXT\] \[--param name=value\]…/);
  });
});
