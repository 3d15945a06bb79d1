import { ANALYZE_HELP, analyzeCommand } from "./analyze-command";
import { parseArgs, UsageError, type ParsedArgs } from "./args";
import { GENERATE_HELP, generateCommand } from "./generate-command";
import { INGEST_HELP, ingestCommand } from "./ingest-command";
import { JOIN_HELP, joinCommand } from "./join-command";
import { REPORT_HELP, reportCommand } from "./report-command";
import { SERVER_HELP, serverCommand } from "./server-command";
import { SMOKE_HELP, smokeCommand } from "./smoke-command";
import { STREAM_HELP, streamCommand } from "./stream-command";
import { UI_HELP, uiCommand } from "./ui-command";

const HELP = `insights: product-usage analytics on Apache Spark 3.5 through Spark Connect

Usage: insights <command> [options]

${GENERATE_HELP}

${INGEST_HELP}

${JOIN_HELP}

${ANALYZE_HELP}

${STREAM_HELP}

${REPORT_HELP}

${SMOKE_HELP}

${SERVER_HELP}

${UI_HELP}

Environment:
  SPARK_REMOTE   a Spark Connect connection string (sc://host:port/;token=…;use_ssl=…;user_id=…):
                 jobs run there and no server is started.`;

interface Command {
  readonly help: string;
  run(args: ParsedArgs): Promise<void>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  generate: { help: GENERATE_HELP, run: generateCommand },
  ingest: { help: INGEST_HELP, run: ingestCommand },
  join: { help: JOIN_HELP, run: joinCommand },
  analyze: { help: ANALYZE_HELP, run: analyzeCommand },
  stream: { help: STREAM_HELP, run: streamCommand },
  report: { help: REPORT_HELP, run: reportCommand },
  smoke: { help: SMOKE_HELP, run: smokeCommand },
  server: { help: SERVER_HELP, run: serverCommand },
  ui: { help: UI_HELP, run: uiCommand },
};

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, new Set(["help", "single-file"]));
  const name = args.positional[0];
  if (name === undefined || name === "help") {
    console.log(HELP);
    return;
  }
  const command = COMMANDS[name];
  if (command === undefined) throw new UsageError(`unknown command '${name}'`);
  // `insights <command> --help` is the command's own help, whatever else is on the line.
  if (args.flags.has("help")) {
    console.log(command.help);
    return;
  }
  await command.run(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`insights: ${error.message}\nRun 'insights --help' for usage.`);
    process.exitCode = 2;
  } else {
    console.error(`insights: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
});
