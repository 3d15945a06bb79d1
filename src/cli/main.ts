import { runProgram } from "../lib/command-line/run";
import { UsageError, usageErrorLine } from "../lib/command-line/usage-error";
import { INSIGHTS } from "./program";

runProgram(INSIGHTS, process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(usageErrorLine(error, INSIGHTS.name));
    process.exitCode = 2;
  } else {
    console.error(`insights: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
});
