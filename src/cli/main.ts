import { parseArgs, UsageError } from "./args";
import { GENERATE_HELP, generateCommand } from "./generate-command";
import { INGEST_HELP, ingestCommand } from "./ingest-command";
import { SERVER_HELP, serverCommand } from "./server-command";
import { SMOKE_HELP, smokeCommand } from "./smoke-command";

const HELP = `insights: product-usage analytics on Apache Spark 3.5 through Spark Connect

Usage: insights <command> [options]

${GENERATE_HELP}

${INGEST_HELP}

${SMOKE_HELP}

${SERVER_HELP}

Environment:
  SPARK_REMOTE   a Spark Connect connection string (sc://host:port/;token=…;use_ssl=…;user_id=…):
                 jobs run there and no server is started.`;

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, new Set(["help", "single-file"]));
  const command = args.positional[0];
  if (command === undefined || command === "help" || (args.flags.has("help") && command !== "generate" && command !== "ingest")) {
    console.log(HELP);
    return;
  }
  switch (command) {
    case "generate":
      return generateCommand(args);
    case "ingest":
      return ingestCommand(args);
    case "smoke":
      return smokeCommand(args);
    case "server":
      return serverCommand(args);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
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
