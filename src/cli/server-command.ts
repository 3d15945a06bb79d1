import { SparkSession } from "../connect/sql/session";
import { defineCommand, type CommandGroup } from "../lib/command-line/command";
import { integer, keyValue } from "../lib/command-line/value-kinds";
import { LocalSparkConnectServer } from "../server/local-server";
import { terminateGroup } from "../server/process-group";
import { clearState, isAlive, readState, stateFile, writeState } from "../server/server-state";

const serverStart = defineCommand({
  name: "start",
  summary: "Start a Spark Connect server in the background and print its connection string",
  description: `Starts a Spark Connect server in the background, bound to loopback, and prints its connection
    string (export it as SPARK_REMOTE to run jobs against it).`,
  options: {
    port: { kind: integer(), defaultText: "a free port", description: "gRPC port" },
    "ui-port": { kind: integer(), defaultText: "a free port", description: "Spark UI port" },
    heap: { value: "SIZE", default: "4g", description: "JVM heap, as for -Xmx: 4g, 2048m" },
    master: { value: "URL", default: "local[*]", description: "Spark master" },
    conf: { kind: keyValue, value: "k=v", multiple: true, description: "extra Spark configuration" },
  },
  async run({ values }) {
    const existing = readState();
    if (existing && isAlive(existing.pid)) throw new Error(`A server is already running (pid ${existing.pid}, ${existing.url}); stop it first`);
    const { port, heap, master } = values;
    const uiPort = values["ui-port"];
    const server = await LocalSparkConnectServer.start({
      ownedByThisProcess: false,
      conf: Object.fromEntries(values.conf),
      heap,
      master,
      ...(port !== undefined && { port }),
      ...(uiPort !== undefined && { uiPort }),
    });
    writeState({ pid: server.pid, url: server.url, uiUrl: server.uiUrl, runDir: server.runDir, logFile: server.logFile, startedAt: new Date().toISOString() });
    console.log(`Spark Connect server running (pid ${server.pid})
  connect:  ${server.url}
  Spark UI: ${server.uiUrl}
  log:      ${server.logFile}
  event log: ${server.eventLogDir}
Run jobs against it with:  export SPARK_REMOTE=${server.url}`);
  },
});

const serverStatus = defineCommand({
  name: "status",
  summary: "Say whether the server 'insights server start' started is running and answering",
  description: "Says whether the server 'insights server start' started is running and answering; exits 3 when it is not.",
  options: {},
  async run() {
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
  },
});

const serverStop = defineCommand({
  name: "stop",
  summary: "Stop the server 'insights server start' started",
  description: "Stops the server 'insights server start' started.",
  options: {},
  async run() {
    const state = readState();
    if (!state) {
      console.log(`No server recorded in ${stateFile()}`);
      return;
    }
    if (isAlive(state.pid)) await terminateGroup(state.pid);
    clearState();
    console.log(`Stopped the Spark Connect server (pid ${state.pid})`);
  },
});

export const serverCommands: CommandGroup = {
  name: "server",
  description: "A Spark Connect server that outlives one command: start it once, point SPARK_REMOTE at it, stop it when done.",
  commands: [serverStart, serverStatus, serverStop],
};
