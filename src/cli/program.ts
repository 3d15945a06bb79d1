import type { CommandGroup } from "../lib/command-line/command";
import { analyzeCommand } from "./analyze-command";
import { generateCommand } from "./generate-command";
import { ingestCommand } from "./ingest-command";
import { joinCommand } from "./join-command";
import { reportCommand } from "./report-command";
import { serverCommands } from "./server-command";
import { smokeCommand } from "./smoke-command";
import { streamCommands } from "./stream-command";
import { uiCommands } from "./ui-command";

/** The `insights` command: every command it runs, in the order its help lists them. */
export const INSIGHTS: CommandGroup = {
  name: "insights",
  description: "Product-usage analytics on Apache Spark 3.5 through Spark Connect.",
  commands: [generateCommand, ingestCommand, joinCommand, analyzeCommand, streamCommands, reportCommand, smokeCommand, serverCommands, uiCommands],
  environment: {
    SPARK_REMOTE: "a Spark Connect connection string (sc://host:port/;token=…;use_ssl=…;user_id=…): jobs run there and no server is started.",
  },
};
