import { SparkSession } from "../connect/sql/session";
import { LocalSparkConnectServer } from "../server/local-server";
import { terminateGroup } from "../server/process-group";
import { clearState, isAlive, readState, stateFile, writeState } from "../server/server-state";
import { assertKnownFlags, confFlags, flag, intFlag, UsageError, type ParsedArgs } from "./args";

export const SERVER_HELP = `insights server start|stop|status

  start   Start a Spark Connect server in the background, bound to loopback, and print its
          connection string (export it as SPARK_REMOTE to run jobs against it).
            --port N        gRPC port (default: a free port)
            --ui-port N     Spark UI port (default: a free port)
            --heap SIZE     JVM heap, e.g. 4g (default 4g)
            --master URL    Spark master (default local[*])
            --conf k=v      extra Spark configuration (repeatable)
  stop    Stop the server started by 'server start'.
  status  Say whether that server is running and answering.`;

export async function serverCommand(args: ParsedArgs): Promise<void> {
  const action = args.positional[1];
  switch (action) {
    case "start":
      return start(args);
    case "stop":
      return stop(args);
    case "status":
      return status(args);
    default:
      throw new UsageError(`server needs start, stop or status\n\n${SERVER_HELP}`);
  }
}

async function start(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, ["port", "ui-port", "heap", "master", "conf"]);
  const existing = readState();
  if (existing && isAlive(existing.pid)) throw new Error(`A server is already running (pid ${existing.pid}, ${existing.url}); stop it first`);
  const port = intFlag(args, "port");
  const uiPort = intFlag(args, "ui-port");
  const heap = flag(args, "heap");
  const master = flag(args, "master");
  const server = await LocalSparkConnectServer.start({
    ownedByThisProcess: false,
    conf: confFlags(args),
    ...(port !== undefined && { port }),
    ...(uiPort !== undefined && { uiPort }),
    ...(heap !== undefined && { heap }),
    ...(master !== undefined && { master }),
  });
  writeState({ pid: server.pid, url: server.url, uiUrl: server.uiUrl, runDir: server.runDir, logFile: server.logFile, startedAt: new Date().toISOString() });
  console.log(`Spark Connect server running (pid ${server.pid})
  connect:  ${server.url}
  Spark UI: ${server.uiUrl}
  log:      ${server.logFile}
  event log: ${server.eventLogDir}
Run jobs against it with:  export SPARK_REMOTE=${server.url}`);
}

async function stop(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, []);
  const state = readState();
  if (!state) {
    console.log(`No server recorded in ${stateFile()}`);
    return;
  }
  if (isAlive(state.pid)) await terminateGroup(state.pid);
  clearState();
  console.log(`Stopped the Spark Connect server (pid ${state.pid})`);
}

async function status(args: ParsedArgs): Promise<void> {
  assertKnownFlags(args, []);
  const state = readState();
  if (!state) {
    console.log("No server started with 'insights server start'");
    process.exitCode = 3;
    return;
  }
  if (!isAlive(state.pid)) {
    console.log(`The server recorded in ${stateFile()} (pid ${state.pid}) is not running; log: ${state.logFile}`);
    clearState();
    process.exitCode = 3;
    return;
  }
  const spark = await SparkSession.connect(state.url);
  try {
    console.log(`Running: Spark ${await spark.version()} at ${state.url} (pid ${state.pid}, since ${state.startedAt})
  Spark UI: ${state.uiUrl}
  log:      ${state.logFile}`);
  } finally {
    spark.stop();
  }
}
