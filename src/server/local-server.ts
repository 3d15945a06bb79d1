import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { SparkConnectClient } from "../connect/client/spark-connect-client";
import { freePort } from "./free-port";
import { JAVA_MODULE_OPTIONS } from "./java-options";
import { runsRoot, sparkHome } from "./paths";

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
const LOOPBACK = "127.0.0.1";

/**
 * A Spark Connect server in a child JVM, started from the Maven-resolved jars in `.spark/jars`.
 * Everything it opens is bound to loopback: the UI and driver through SPARK_LOCAL_IP and the
 * driver settings, the gRPC port through the loopback-only interceptor (Spark 3.5's gRPC server
 * has no bind-address setting and listens on all interfaces).
 */
export class LocalSparkConnectServer {
  private exited: Promise<number | null>;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly uiPort: number,
    readonly runDir: string,
    readonly logFile: string,
    readonly eventLogDir: string,
  ) {
    this.exited = new Promise((resolve) => child.once("exit", (code) => { resolve(code); }));
  }

  /** The connection string clients use: `sc://127.0.0.1:<port>`. */
  get url(): string {
    return `sc://${LOOPBACK}:${this.port}`;
  }

  get uiUrl(): string {
    return `http://${LOOPBACK}:${this.uiPort}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(options: LocalServerOptions = {}): Promise<LocalSparkConnectServer> {
    const jars = join(sparkHome(), "jars");
    if (!existsSync(jars) || readdirSync(jars).length === 0) {
      throw new Error(`No Spark runtime in ${jars}: run 'npm run setup' (it resolves Spark from Maven Central)`);
    }
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

    const owned = options.ownedByThisProcess ?? true;
    const logFd = openSync(logFile, "a");
    // The JVM runs under a small shell so that, when owned, a watchdog reading our stdin pipe stops
    // it if Node dies without cleaning up (SIGKILL, crash): the pipe closes, the watchdog kills it.
    const script = owned
      ? 'exec 3<&0; java "$@" </dev/null & jpid=$!; (while read -r _; do :; done; kill -TERM $jpid 2>/dev/null) <&3 & wait $jpid'
      : 'exec java "$@" </dev/null';
    const child = spawn("sh", ["-c", script, "spark-connect", ...java], {
      cwd: runDir,
      detached: true,
      stdio: [owned ? "pipe" : "ignore", logFd, logFd],
      env: serverEnvironment(),
    });
    closeSync(logFd);
    if (!owned) child.unref();

    const server = new LocalSparkConnectServer(child, port, uiPort, runDir, logFile, eventLogDir);
    if (owned) server.stopWithThisProcess();
    await server.waitUntilReady(options.startTimeoutMs ?? 180_000);
    return server;
  }

  /** Stops the JVM (SIGTERM, then SIGKILL after `graceMs`) and waits until it has exited. */
  stop(graceMs = 15_000): Promise<void> {
    this.stopping ??= (async () => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return;
      this.signalGroup("SIGTERM");
      const timer = setTimeout(() => { this.signalGroup("SIGKILL"); }, graceMs);
      await this.exited;
      clearTimeout(timer);
      this.child.stdin?.destroy();
    })();
    return this.stopping;
  }

  /** The last lines of the server log, for error messages. */
  logTail(lines = 40): string {
    if (!existsSync(this.logFile)) return "(no log)";
    return readFileSync(this.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
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
            throw new Error(`The Spark Connect server did not answer on ${this.url} within ${timeoutMs / 1000}s. Last lines of ${this.logFile}:\n${this.logTail()}`);
          }
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    } finally {
      client.close();
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      // detached: the shell leads its own process group; signalling the group reaches the JVM.
      process.kill(-this.pid, signal);
    } catch {
      // Already gone.
    }
  }

  private stopWithThisProcess(): void {
    const onExit = (): void => { this.signalGroup("SIGTERM"); };
    const onSignal = (signal: NodeJS.Signals): void => {
      void this.stop().finally(() => {
        process.removeListener("exit", onExit);
        process.kill(process.pid, signal);
      });
    };
    process.once("exit", onExit);
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    void this.exited.then(() => {
      process.removeListener("exit", onExit);
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
    });
  }
}

/**
 * The JVM's environment: ours, minus SPARK_REMOTE (SparkSubmit reads it and refuses to start a
 * server when a client connection string is set), plus loopback binding for UI and driver.
 */
function serverEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SPARK_LOCAL_IP: LOOPBACK, SPARK_HOME: sparkHome() };
  delete env.SPARK_REMOTE;
  delete env.SPARK_CONNECT_MODE_ENABLED;
  return env;
}
