import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { SparkUiClient } from "../lib/sparkui/client";
import type { UiApplication } from "../lib/sparkui/types";
import { ChildJvm, LOOPBACK, sparkJars } from "./child-jvm";
import { freePort } from "./free-port";
import { JAVA_MODULE_OPTIONS } from "./java-options";
import { runsRoot } from "./paths";

export interface HistoryServerOptions {
  /** The folder of event logs to replay (a run's `eventlog/`, where spark.eventLog.dir pointed). */
  readonly eventLogDir: string;
  /** UI port; a free one when omitted. */
  readonly port?: number;
  /** JVM heap, as for -Xmx. Default "1g" (it holds the replayed applications in memory). */
  readonly heap?: string;
  /** Folder for its log. Default: a new folder under the runs root. */
  readonly runDir?: string;
  /** Milliseconds to wait for its REST API to answer. Default 120 s. */
  readonly startTimeoutMs?: number;
  /** As for the Connect server: stopped with this Node process (default true). */
  readonly ownedByThisProcess?: boolean;
}

const HISTORY_SERVER_CLASS = "org.apache.spark.deploy.history.HistoryServer";

/**
 * Spark's History Server in a child JVM, replaying the event logs of one folder so that a run can
 * be analysed after its server has gone: it serves the same `/api/v1` as a live driver's UI.
 * Its Jetty binds to SPARK_LOCAL_IP, which the child's environment sets to loopback.
 */
export class HistoryServer {
  private constructor(
    private readonly jvm: ChildJvm,
    readonly port: number,
    readonly logFile: string,
  ) {}

  /** The UI's base URL, for SparkUiClient: `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://${LOOPBACK}:${this.port}`;
  }

  get pid(): number {
    return this.jvm.pid;
  }

  static async start(options: HistoryServerOptions): Promise<HistoryServer> {
    const jars = sparkJars();
    const port = options.port ?? (await freePort(LOOPBACK));
    const runDir = options.runDir ?? join(runsRoot(), `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}-history`);
    mkdirSync(runDir, { recursive: true });
    const logFile = join(runDir, "history-server.log");
    const conf: Record<string, string> = {
      "spark.history.fs.logDirectory": `file://${resolve(options.eventLogDir)}`,
      "spark.history.ui.port": String(port),
      // The default 10 s between scans of the folder would make every replay wait that long.
      "spark.history.fs.update.interval": "1s",
      // Kept in memory: a replay is analysed once and thrown away.
      "spark.history.retainedApplications": "50",
    };
    const java = [
      `-Xmx${options.heap ?? "1g"}`,
      ...JAVA_MODULE_OPTIONS,
      "-Duser.timezone=UTC",
      // SparkConf reads spark.* system properties: no properties file needed.
      ...Object.entries(conf).map(([k, v]) => `-D${k}=${v}`),
      "-cp",
      `${jars}/*`,
      HISTORY_SERVER_CLASS,
    ];
    const jvm = ChildJvm.spawn({ args: java, cwd: runDir, logFile, name: "spark-history", owned: options.ownedByThisProcess ?? true });
    const server = new HistoryServer(jvm, port, logFile);
    await server.waitUntilAnswering(options.startTimeoutMs ?? 120_000);
    return server;
  }

  /**
   * Waits until the server lists the application `appId` (or, without one, any application) and
   * returns it. The server finds logs by scanning the folder, so a fresh log shows up a scan later.
   */
  async waitForApplication(appId?: string, timeoutMs = 60_000): Promise<UiApplication> {
    const ui = new SparkUiClient(this.url);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const apps = await ui.applications();
      const app = appId === undefined ? apps[0] : apps.find((a) => a.id === appId);
      if (app !== undefined) return app;
      if (Date.now() > deadline) {
        throw new Error(
          `The History Server lists ${appId === undefined ? "no application" : `no application ${appId}`} after ${timeoutMs / 1000}s (it lists ${apps.map((a) => a.id).join(", ") || "none"}). Last lines of ${this.logFile}:\n${this.logTail()}`,
        );
      }
      await new Promise((done) => setTimeout(done, 500));
    }
  }

  /** A client of one replayed application. */
  client(appId: string): SparkUiClient {
    return new SparkUiClient(this.url, appId);
  }

  /** Stops the JVM (SIGTERM, then SIGKILL after `graceMs`) and waits until it has exited. */
  stop(graceMs = 15_000): Promise<void> {
    return this.jvm.stop(graceMs);
  }

  logTail(lines = 40): string {
    return this.jvm.logTail(lines);
  }

  private async waitUntilAnswering(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.jvm.exited.then((code) => (exitCode = code));
    const ui = new SparkUiClient(this.url);
    for (;;) {
      if (exitCode !== undefined) {
        throw new Error(`The History Server exited (code ${exitCode}) before answering. Last lines of ${this.logFile}:\n${this.logTail()}`);
      }
      try {
        await ui.applications();
        return;
      } catch {
        if (Date.now() > deadline) {
          await this.stop();
          throw new Error(`The History Server did not answer on ${this.url} within ${timeoutMs / 1000}s. Last lines of ${this.logFile}:\n${this.logTail()}`);
        }
        await new Promise((done) => setTimeout(done, 500));
      }
    }
  }
}
