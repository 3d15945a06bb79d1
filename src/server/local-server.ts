import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SparkConnectClient } from "../connect/client/spark-connect-client";
import { ChildJvm, LOOPBACK, sparkJars } from "./child-jvm";
import { freePort } from "./free-port";
import { JAVA_MODULE_OPTIONS } from "./java-options";
import { runsRoot } from "./paths";

export interface LocalServerOptions {
  /** Spark master: `local[*]` (default), `local[2]`, `spark://host:7077`… */
  readonly master?: string;
  /** JVM heap, as for -Xmx: "4g", "2048m". Default "4g". */
  readonly heap?: string;
  /** gRPC port; a free one when omitted. */
  readonly port?: number;
  /** Spark UI port; a free one when omitted (several servers can run side by side). */
  readonly uiPort?: number;
  /** Folder for this run's server log, event log, warehouse and scratch space. */
  readonly runDir?: string;
  /** Extra Spark configuration for the server. */
  readonly conf?: Readonly<Record<string, string>>;
  /** Milliseconds to wait for the server to answer. Default 180 s (first start on a cold disk is slow). */
  readonly startTimeoutMs?: number;
  /**
   * When true (default) the server lives only as long as this Node process: it is stopped on
   * exit, SIGINT and SIGTERM, and a watchdog stops it even if Node is killed outright.
   */
  readonly ownedByThisProcess?: boolean;
}

const SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";

/**
 * A Spark Connect server in a child JVM, started from the Maven-resolved jars in `.spark/jars`.
 * Everything it opens is bound to loopback: the UI and driver through SPARK_LOCAL_IP and the
 * driver settings, the gRPC port through the loopback-only interceptor (Spark 3.5's gRPC server
 * has no bind-address setting and listens on all interfaces).
 */
export class LocalSparkConnectServer {
  private constructor(
    private readonly jvm: ChildJvm,
    readonly port: number,
    readonly uiPort: number,
    readonly runDir: string,
    readonly logFile: string,
    readonly eventLogDir: string,
  ) {}

  /** The connection string clients use: `sc://127.0.0.1:<port>`. */
  get url(): string {
    return `sc://${LOOPBACK}:${this.port}`;
  }

  get uiUrl(): string {
    return `http://${LOOPBACK}:${this.uiPort}`;
  }

  get pid(): number {
    return this.jvm.pid;
  }

  static async start(options: LocalServerOptions = {}): Promise<LocalSparkConnectServer> {
    const jars = sparkJars();
    const port = options.port ?? (await freePort(LOOPBACK));
    const uiPort = options.uiPort ?? (await freePort(LOOPBACK));
    const runDir = options.runDir ?? join(runsRoot(), `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}`);
    const eventLogDir = join(runDir, "eventlog");
    mkdirSync(eventLogDir, { recursive: true });
    const logFile = join(runDir, "spark-connect.log");

    const conf: Record<string, string> = {
      "spark.connect.grpc.binding.port": String(port),
      "spark.connect.grpc.interceptor.classes": "dev.insights.spark.LoopbackOnlyInterceptor",
      "spark.ui.port": String(uiPort),
      "spark.driver.host": LOOPBACK,
      "spark.driver.bindAddress": LOOPBACK,
      "spark.eventLog.enabled": "true",
      "spark.eventLog.dir": `file://${eventLogDir}`,
      "spark.sql.warehouse.dir": `file://${join(runDir, "warehouse")}`,
      "spark.local.dir": join(runDir, "tmp"),
      "spark.sql.session.timeZone": "UTC",
      "spark.ui.showConsoleProgress": "false",
      // Reading a date-partitioned dataset lists one folder per day. Past 32 paths Spark lists
      // them with a Spark job (a task per folder), which pays off on object stores where each
      // listing is a slow remote call; this server reads the local file system, where the
      // driver lists a few thousand folders in milliseconds and the job costs seconds. (Measured
      // in the report's Spark UI section; a cluster on S3 or GCS keeps Spark's default.)
      "spark.sql.sources.parallelPartitionDiscovery.threshold": "4096",
      // Every step is captured from the UI right after it runs, but a long-lived server (the
      // report's, the tests') runs thousands of jobs, and by default the UI keeps only the last
      // 1,000 jobs and stages: a step that ran early with many stages would be gone. Five times
      // that keeps a whole report run; the UI's store grows by a few KB per stage.
      "spark.ui.retainedJobs": "5000",
      "spark.ui.retainedStages": "5000",
      "spark.sql.ui.retainedExecutions": "5000",
      ...options.conf,
    };
    const java = [
      `-Xmx${options.heap ?? "4g"}`,
      ...JAVA_MODULE_OPTIONS,
      "-Duser.timezone=UTC",
      `-Dderby.system.home=${runDir}`,
      "-cp",
      `${jars}/*`,
      "org.apache.spark.deploy.SparkSubmit",
      "--master",
      options.master ?? "local[*]",
      "--class",
      SERVER_CLASS,
      "--name",
      "insights",
      ...Object.entries(conf).flatMap(([k, v]) => ["--conf", `${k}=${v}`]),
      "spark-internal",
    ];

    const jvm = ChildJvm.spawn({ args: java, cwd: runDir, logFile, name: "spark-connect", owned: options.ownedByThisProcess ?? true });
    const server = new LocalSparkConnectServer(jvm, port, uiPort, runDir, logFile, eventLogDir);
    await server.waitUntilReady(options.startTimeoutMs ?? 180_000);
    return server;
  }

  /** Stops the JVM (SIGTERM, then SIGKILL after `graceMs`) and waits until it has exited. */
  stop(graceMs = 15_000): Promise<void> {
    return this.jvm.stop(graceMs);
  }

  /** The last lines of the server log, for error messages. */
  logTail(lines = 40): string {
    return this.jvm.logTail(lines);
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.jvm.exited.then((code) => (exitCode = code));
    const client = new SparkConnectClient(this.url);
    try {
      for (;;) {
        if (exitCode !== undefined) {
          throw new Error(`The Spark Connect server exited (code ${exitCode}) before answering. Last lines of ${this.logFile}:\n${this.logTail()}`);
        }
        try {
          await client.analyze({ case: "sparkVersion", value: {} });
          return;
        } catch {
          if (Date.now() > deadline) {
            await this.stop();
            throw new Error(
              `The Spark Connect server did not answer on ${this.url} within ${timeoutMs / 1000}s. Last lines of ${this.logFile}:\n${this.logTail()}`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    } finally {
      client.close();
    }
  }
}
