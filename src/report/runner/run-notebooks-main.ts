/**
 * Headless notebook runner from the command line (the report pipeline's first step):
 *   tsx src/report/runner/run-notebooks-main.ts --out DIR [--data-fingerprint TEXT]
 *       [--param name=value]... notebook.ipynb...
 * Exits 1 naming the notebook, cell and error at the first failing cell, 2 on a usage error.
 */
import { defineCommand } from "../../lib/command-line/command";
import { runCommand } from "../../lib/command-line/run";
import { UsageError, usageErrorLine } from "../../lib/command-line/usage-error";
import { integer, keyValue } from "../../lib/command-line/value-kinds";
import type { ParameterValue } from "../notebook/parameters";
import { runNotebooks } from "./run-notebooks";

const NAME = "run-notebooks-main";

const runNotebooksCommand = defineCommand({
  name: NAME,
  summary: "Run notebooks headless",
  description: `Runs the notebooks headless, one process each, into DIR; notebooks whose inputs did not change since
    their last run are not run again.`,
  options: {
    out: { value: "DIR", required: true, description: "where the executed notebooks and their outputs go" },
    "data-fingerprint": { value: "TEXT", defaultText: "none", description: "identifies the data the notebooks read: a new one runs them again" },
    param: {
      kind: keyValue,
      value: "name=value",
      multiple: true,
      description: `a notebook parameter; a value that parses as JSON (number, boolean, null, "quoted string") is
        that value, anything else is a string`,
    },
    "timeout-minutes": { kind: integer(1), value: "N", defaultText: "none", description: "stop a notebook that runs longer" },
  },
  positionals: { value: "notebook.ipynb", required: true, description: "the notebooks, run in this order" },
  async run({ values, positionals }) {
    const timeout = values["timeout-minutes"];
    await runNotebooks({
      notebooks: positionals,
      outDir: values.out,
      dataFingerprint: values["data-fingerprint"] ?? "",
      parameters: Object.fromEntries(values.param.map(parameter)),
      timeoutMs: timeout === undefined ? undefined : timeout * 60_000,
      log: (line) => {
        console.log(line);
      },
    });
  },
});

function parameter([name, raw]: readonly [string, string]): [string, ParameterValue] {
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) return [name, value as ParameterValue];
  } catch {
    // Not JSON: the text itself.
  }
  return [name, raw];
}

runCommand(runNotebooksCommand, NAME, process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(usageErrorLine(error, NAME));
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
});
