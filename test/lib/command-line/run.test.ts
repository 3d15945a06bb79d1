import { afterEach, describe, expect, it, vi } from "vitest";
import { defineCommand, type CommandGroup } from "../../../src/lib/command-line/command";
import { commandHelp, groupHelp } from "../../../src/lib/command-line/help";
import { runProgram } from "../../../src/lib/command-line/run";
import { UsageError, usageErrorLine } from "../../../src/lib/command-line/usage-error";
import { integer } from "../../../src/lib/command-line/value-kinds";

const runs: unknown[] = [];
const count = defineCommand({
  name: "count",
  summary: "Count",
  description: "Counts.",
  options: { to: { kind: integer(), default: 3, description: "the last number" } },
  run({ values }) {
    if (values.to > 10) throw new UsageError("--to above 10 takes too long");
    runs.push(values.to);
    return Promise.resolve();
  },
});
const status = defineCommand({ name: "status", summary: "Status", description: "Says how it is.", options: {}, run: () => Promise.resolve() });
const tool: CommandGroup = { name: "tool", description: "Tools.", commands: [count, { name: "server", description: "A server.", commands: [status] }] };

async function usageError(argv: readonly string[]): Promise<string> {
  try {
    await runProgram(tool, argv);
  } catch (error) {
    if (error instanceof UsageError) return usageErrorLine(error, tool.name);
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
}

describe("running a command line", () => {
  const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
  afterEach(() => {
    printed.mockClear();
    runs.length = 0;
  });

  it("runs the command the first words name, with its options parsed", async () => {
    await runProgram(tool, ["count", "--to", "5"]);
    await runProgram(tool, ["count"]);
    expect(runs).toEqual([5, 3]);
  });

  it("prints the program's help for nothing, help or --help, and a command's for --help anywhere on its line", async () => {
    for (const argv of [[], ["help"], ["--help"]]) await runProgram(tool, argv);
    await runProgram(tool, ["server", "--help"]);
    await runProgram(tool, ["count", "--to", "nope", "--help"]);
    expect(printed.mock.calls).toEqual([
      [groupHelp("tool", tool)],
      [groupHelp("tool", tool)],
      [groupHelp("tool", tool)],
      [groupHelp("tool server", tool.commands[1] as CommandGroup)],
      [commandHelp("tool count", count)],
    ]);
    expect(runs).toEqual([]);
  });

  it("reports usage errors in one line naming the command they concern, its own checks' too", async () => {
    expect(await usageError(["count", "--bogus"])).toBe("tool count: unknown option --bogus (see 'tool count --help')");
    expect(await usageError(["count", "--to", "11"])).toBe("tool count: --to above 10 takes too long (see 'tool count --help')");
    expect(await usageError(["server", "status", "x"])).toBe("tool server status: unexpected argument 'x' (see 'tool server status --help')");
    expect(await usageError(["nope"])).toBe("tool: unknown command 'nope' (see 'tool --help')");
    expect(await usageError(["--to", "3", "count"])).toBe("tool: needs a command before --to: count, server (see 'tool --help')");
    expect(await usageError(["server"])).toBe("tool server: needs a command: status (see 'tool server --help')");
  });
});
