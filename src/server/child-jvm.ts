import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { sparkHome } from "./paths";

/** Every JVM we start binds to this address only. */
export const LOOPBACK = "127.0.0.1";

export interface ChildJvmOptions {
  /** The `java` arguments: flags, classpath, main class and its arguments. */
  readonly args: readonly string[];
  readonly cwd: string;
  /** stdout and stderr are appended here. */
  readonly logFile: string;
  /** Shown as the watchdog shell's name in `ps`. */
  readonly name: string;
  /**
   * When true the JVM lives only as long as this Node process: it is stopped on exit, SIGINT and
   * SIGTERM, and a watchdog stops it even if Node is killed outright.
   */
  readonly owned: boolean;
}

/** The folder of Spark's jars (resolved by `npm run setup`); throws when it is empty. */
export function sparkJars(): string {
  const jars = join(sparkHome(), "jars");
  if (!existsSync(jars) || readdirSync(jars).length === 0) {
    throw new Error(`No Spark runtime in ${jars}: run 'npm run setup' (it resolves Spark from Maven Central)`);
  }
  return jars;
}

/**
 * A Spark JVM's environment: ours, minus SPARK_REMOTE (SparkSubmit reads it and refuses to start a
 * server when a client connection string is set), plus loopback binding (SPARK_LOCAL_IP is what
 * Spark's Jetty and RPC servers bind to when no host is configured).
 */
export function sparkEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SPARK_LOCAL_IP: LOOPBACK, SPARK_HOME: sparkHome() };
  delete env.SPARK_REMOTE;
  delete env.SPARK_CONNECT_MODE_ENABLED;
  return env;
}

/** A JVM in its own process group, under a watchdog shell when owned by this process. */
export class ChildJvm {
  /** Resolves with the exit code once the JVM (through its shell) has exited. */
  readonly exited: Promise<number | null>;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once("exit", (code) => {
        resolve(code);
      }),
    );
  }

  static spawn(options: ChildJvmOptions): ChildJvm {
    const logFd = openSync(options.logFile, "a");
    // The JVM runs under a small shell so that, when owned, a watchdog reading our stdin pipe stops
    // it if Node dies without cleaning up (SIGKILL, crash): the pipe closes, the watchdog kills it.
    const script = options.owned
      ? 'exec 3<&0; java "$@" </dev/null & jpid=$!; (while read -r _; do :; done; kill -TERM $jpid 2>/dev/null) <&3 & wait $jpid'
      : 'exec java "$@" </dev/null';
    const child = spawn("sh", ["-c", script, options.name, ...options.args], {
      cwd: options.cwd,
      detached: true,
      stdio: [options.owned ? "pipe" : "ignore", logFd, logFd],
      env: sparkEnvironment(),
    });
    closeSync(logFd);
    if (!options.owned) child.unref();
    const jvm = new ChildJvm(child, options.logFile);
    if (options.owned) jvm.stopWithThisProcess();
    return jvm;
  }

  /** The process group id (the watchdog shell's pid). */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Stops the JVM (SIGTERM, then SIGKILL after `graceMs`) and waits until it has exited. */
  stop(graceMs = 15_000): Promise<void> {
    this.stopping ??= (async () => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return;
      this.signalGroup("SIGTERM");
      const timer = setTimeout(() => {
        this.signalGroup("SIGKILL");
      }, graceMs);
      await this.exited;
      clearTimeout(timer);
      this.child.stdin?.destroy();
    })();
    return this.stopping;
  }

  /** The last lines of the log, for error messages. */
  logTail(lines = 40): string {
    if (!existsSync(this.logFile)) return "(no log)";
    return readFileSync(this.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
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
    const onExit = (): void => {
      this.signalGroup("SIGTERM");
    };
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
