/**
 * Headless notebook runner from the command line (the report pipeline's first step):
 *   tsx src/report/runner/run-notebooks-main.ts --out DIR [--data-fingerprint TEXT]
 *       [--param name=value]... notebook.ipynb...
 * A value that parses as JSON (number, boolean, null, "quoted string") is that value, anything
 * else is a string. Exits 1 naming the notebook, cell and error at the first failing cell.
 */
import { parseArgs } from "node:util";
import type { ParameterValue } from "../notebook/parameters";
import { runNotebooks } from "./run-notebooks";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "data-fingerprint": { type: "string", default: "" },
      param: { type: "string", multiple: true, default: [] },
      "timeout-minutes": { type: "string" },
    },
  });
  if (values.out === undefined || positionals.length === 0) throw new Error("usage: run-notebooks-main --out DIR [--data-fingerprint TEXT] [--param name=value]... notebook.ipynb...");
  const timeout = values["timeout-minutes"];
  await runNotebooks({
    notebooks: positionals,
    outDir: values.out,
    dataFingerprint: values["data-fingerprint"],
    parameters: Object.fromEntries(values.param.map(parseParameter)),
    timeoutMs: timeout === undefined ? undefined : Number(timeout) * 60_000,
    log: (line) => {
      console.log(line);
    },
  });
}

function parseParameter(text: string): [string, ParameterValue] {
  const at = text.indexOf("=");
  if (at <= 0) throw new Error(`--param needs name=value, got '${text}'`);
  const raw = text.slice(at + 1);
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) return [text.slice(0, at), value as ParameterValue];
  } catch {
    // Not JSON: the text itself.
  }
  return [text.slice(0, at), raw];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
