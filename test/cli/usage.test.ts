import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");

/**
 * The real CLI as a process. Usage is checked before Spark starts; should a check ever come too
 * late, SPARK_REMOTE points at a closed port, so the command fails instead of starting Spark.
 */
async function insights(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", "src/cli/main.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, SPARK_REMOTE: "sc://127.0.0.1:9" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("insights on a wrong command line", () => {
  it("exits 2 with one line naming an unknown option", async () => {
    const { code, stdout, stderr } = await insights("analyze", "--bogus");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("insights analyze: unknown option --bogus (see 'insights analyze --help')\n");
  });

  it("exits 2 with one line naming the option whose value is bad, and what it expects", async () => {
    const { code, stderr } = await insights("generate", "--mode", "nope");
    expect(code).toBe(2);
    expect(stderr).toBe("insights generate: --mode must be one of seed, realistic, not 'nope' (see 'insights generate --help')\n");
  });

  it("exits 2 when a required option is missing, an option belongs to another mode, or a group lacks its command", async () => {
    expect(await insights("stream", "run", "--out", "x")).toMatchObject({
      code: 2,
      stderr: "insights stream run: --source DIR is required (see 'insights stream run --help')\n",
    });
    expect(await insights("generate", "--users", "5")).toMatchObject({
      code: 2,
      stderr: "insights generate: --users needs --mode realistic (see 'insights generate --help')\n",
    });
    expect(await insights("server")).toMatchObject({
      code: 2,
      stderr: "insights server: needs a command: start, status, stop (see 'insights server --help')\n",
    });
  });

  it("prints a command's generated help and exits 0", async () => {
    const { code, stdout } = await insights("analyze", "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: insights analyze --interactions PATH --metadata PATH --out DIR \[--as-of YYYY-MM-DD\]/);
    expect(stdout).toMatch(/^ {2}--only NAMES +comma-separated subset of: dau, /m);
  });
});
