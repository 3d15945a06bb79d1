import { describe, expect, it } from "vitest";
import { INSIGHTS } from "../../src/cli/program";
import { isGroup, leafCommands, type CommandGroup } from "../../src/lib/command-line/command";
import { commandHelp, groupHelp } from "../../src/lib/command-line/help";

/** Every group under INSIGHTS, itself included, with the path that invokes it. */
function groups(group: CommandGroup, path: string): { path: string; group: CommandGroup }[] {
  return [{ path, group }, ...group.commands.filter(isGroup).flatMap((sub) => groups(sub, `${path} ${sub.name}`))];
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the insights command's help", () => {
  it.each(leafCommands(INSIGHTS).map(({ path, command }) => [path, command] as const))("insights %s --help lists every option it declares", (path, command) => {
    const help = commandHelp(`insights ${path}`, command);
    const [usage = ""] = help.split("\n\n");
    for (const name of Object.keys(command.options)) {
      // In the usage line, and at the start of a line of the option column.
      expect(usage).toMatch(new RegExp(`[\\s\\[]--${escape(name)}[\\s\\]]`));
      expect(help).toMatch(new RegExp(`^  --${escape(name)}( |$)`, "m"));
    }
    expect(command.summary).not.toMatch(/\n/);
  });

  it("insights --help and each group's help name every command below them, with its summary", () => {
    for (const { path, group } of groups(INSIGHTS, "insights")) {
      const help = groupHelp(path, group);
      for (const { path: name, command } of leafCommands(group))
        expect(help).toMatch(new RegExp(`^  ${escape(name)} +${escape(command.summary.split(" ")[0] ?? "")}`, "m"));
    }
    const top = groupHelp("insights", INSIGHTS);
    for (const entry of INSIGHTS.commands) expect(top).toContain(`  ${entry.name}`);
  });
});
