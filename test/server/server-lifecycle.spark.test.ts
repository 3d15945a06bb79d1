import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalSparkConnectServer } from "../../src/server/local-server";

const root = join(__dirname, "..", "..");

/** Whether any process of the group led by `pgid` is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

/** Starts test/fixtures/owned-server.ts and resolves with the child and its server's group id. */
function startOwner(): Promise<{ child: ReturnType<typeof spawn>; pgid: number }> {
  // Node itself with tsx's loader (not the tsx CLI, which runs the script in a grandchild that a
  // SIGKILL of the CLI would leave alive).
  const child = spawn(process.execPath, ["--require", "tsx/cjs", join(root, "test", "fixtures", "owned-server.ts")], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve({ child, pgid: Number(match[1]) });
    });
    child.once("exit", (code) => {
      reject(new Error(`the owner exited (${String(code)}) before its server was ready`));
    });
  });
}

describe("embedded server lifecycle", () => {
  it("leaves no JVM behind when its owner is killed outright (SIGKILL)", async () => {
    const { child, pgid } = await startOwner();
    expect(groupAlive(pgid)).toBe(true);
    child.kill("SIGKILL");
    expect(await waitUntil(() => !groupAlive(pgid), 30_000)).toBe(true);
  });

  it("stops its server when its owner gets SIGTERM", async () => {
    const { child, pgid } = await startOwner();
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => {
        resolve(signal);
      }),
    );
    child.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    expect(await waitUntil(() => !groupAlive(pgid), 30_000)).toBe(true);
  });

  it("reports the server log's last lines when the server cannot start", async () => {
    const start = LocalSparkConnectServer.start({ heap: "512m", master: "no-such-master://x", runDir: mkdtempSync(join(tmpdir(), "insights-bad-")) });
    await expect(start).rejects.toThrow(/exited .* before answering[\s\S]*Master must either be yarn or start with spark/);
  });

  it("insights server start | status | stop manage a background server", () => {
    const env = { ...process.env, INSIGHTS_SERVER_STATE: join(mkdtempSync(join(tmpdir(), "insights-state-")), "server.json") };
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin", "insights.js"), "server", ...args], { env, encoding: "utf8" });

    const started = cli("start", "--heap", "1g", "--conf", "spark.ui.enabled=false");
    expect(started.status, started.stderr).toBe(0);
    const url = /export SPARK_REMOTE=(sc:\/\/127\.0\.0\.1:\d+)/.exec(started.stdout)?.[1];
    expect(url).toBeDefined();
    const pgid = Number(/pid (\d+)/.exec(started.stdout)?.[1]);

    const running = cli("status");
    expect(running.status).toBe(0);
    expect(running.stdout).toMatch(/Running: Spark 3\.5\.\d+/);

    expect(cli("stop").status).toBe(0);
    expect(groupAlive(pgid)).toBe(false);
    expect(cli("status").status).toBe(3);
  });
});
