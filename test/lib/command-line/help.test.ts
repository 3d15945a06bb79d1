import { describe, expect, it } from "vitest";
import { defineCommand, type CommandGroup } from "../../../src/lib/command-line/command";
import { fill } from "../../../src/lib/command-line/fill";
import { commandHelp, groupHelp, usageLine } from "../../../src/lib/command-line/help";
import { integer, keyValue, oneOf } from "../../../src/lib/command-line/value-kinds";

const copy = defineCommand({
  name: "copy",
  summary: "Copy files somewhere",
  description: `Copies the files into DIR,
    keeping their names.

    Nothing is overwritten unless asked.`,
  options: {
    to: { value: "DIR", required: true, description: "where the copies go" },
    mode: { kind: oneOf(["fast", "safe"]), default: "safe", description: "safe checks every copy" },
    jobs: { kind: integer(1), default: 1000, description: "copies at once" },
    owner: { value: "NAME", defaultText: "yours", description: "who owns the copies" },
    set: { kind: keyValue, multiple: true, description: "an attribute of every copy" },
    force: { type: "boolean", description: "overwrite existing files" },
    "a-very-long-option-name": { value: "VALUE", description: "a name too long for the column sits on a line of its own" },
  },
  positionals: { value: "FILE", required: true, description: "the files" },
  run: () => Promise.resolve(),
});

describe("help made from a declaration", () => {
  it("lists every option in the usage line, required ones bare and repeatable ones with …", () => {
    expect(usageLine("tool copy", copy)).toBe(
      [
        "Usage: tool copy --to DIR [--mode fast|safe] [--jobs N] [--owner NAME] [--set KEY=VALUE]… [--force]",
        "                 [--a-very-long-option-name VALUE] FILE…",
      ].join("\n"),
    );
  });

  it("gives the usage, the description's paragraphs rewrapped, then the options in a column with their defaults", () => {
    expect(commandHelp("tool copy", copy)).toBe(`Usage: tool copy --to DIR [--mode fast|safe] [--jobs N] [--owner NAME] [--set KEY=VALUE]… [--force]
                 [--a-very-long-option-name VALUE] FILE…

Copies the files into DIR, keeping their names.

Nothing is overwritten unless asked.

Options:
  --to DIR          where the copies go
  --mode fast|safe  safe checks every copy (default safe)
  --jobs N          copies at once (default 1,000)
  --owner NAME      who owns the copies (default: yours)
  --set KEY=VALUE   an attribute of every copy (repeatable)
  --force           overwrite existing files
  --a-very-long-option-name VALUE
                    a name too long for the column sits on a line of its own

Arguments:
  FILE…             the files`);
  });

  it("lists options under their sections, in the order of declaration", () => {
    const command = {
      description: "Does it.",
      options: {
        a: { type: "boolean", description: "first" },
        b: { type: "boolean", description: "second", section: "Special options" },
        c: { type: "boolean", description: "third" },
      },
    } as const;
    expect(commandHelp("x", command)).toBe("Usage: x [--a] [--b] [--c]\n\nDoes it.\n\nOptions:\n  --a  first\n  --c  third\n\nSpecial options:\n  --b  second");
  });

  it("lists a group's commands, those of its groups by their path, and the environment", () => {
    const tool: CommandGroup = {
      name: "tool",
      description: "Does things.",
      commands: [copy, { name: "server", description: "A server.", commands: [{ ...copy, name: "start", summary: "Start it" }] }],
      environment: { TOOL_HOME: "where the tool keeps its state" },
    };
    expect(groupHelp("tool", tool)).toBe(`Usage: tool <command> [options]

Does things.

Commands:
  copy          Copy files somewhere
  server start  Start it

Run 'tool <command> --help' for a command's options.

Environment:
  TOOL_HOME     where the tool keeps its state`);
  });

  it("fills words into lines under a hanging indent, never breaking one", () => {
    expect(fill(["aaa", "bbb", "ccc"], 9, "> ", 2)).toBe("> aaa bbb\n  ccc");
    expect(fill(["a-word-longer-than-the-line"], 9, "> ")).toBe("> a-word-longer-than-the-line");
  });
});
