/**
 * Running a command line: find the command its first words name, print help when asked, parse
 * the rest against the command's declaration and run it. Every usage error leaves here naming the
 * command it concerns, so the message can point to that command's --help.
 */
import { isGroup, type Command, type CommandGroup } from "./command";
import { commandHelp, groupHelp } from "./help";
import type { OptionSet } from "./options";
import { parseCommandLine } from "./parse";
import { UsageError } from "./usage-error";

/**
 * Runs the command `argv` names below `program`. No arguments, `help` or `--help` print the
 * program's help; a group named without one of its commands is a usage error.
 */
export async function runProgram(program: CommandGroup, argv: readonly string[]): Promise<void> {
  let group = program;
  let path = program.name;
  for (let i = 0; ; i++) {
    const word = argv[i];
    if (word === "--help" || (i === 0 && (word === undefined || word === "help"))) {
      console.log(groupHelp(path, group));
      return;
    }
    const names = group.commands.map((entry) => entry.name).join(", ");
    if (word === undefined) throw new UsageError(`needs a command: ${names}`, path);
    const entry = group.commands.find((candidate) => candidate.name === word);
    if (entry === undefined) throw new UsageError(word.startsWith("-") ? `needs a command before ${word}: ${names}` : `unknown command '${word}'`, path);
    path = `${path} ${word}`;
    if (!isGroup(entry)) return runCommand(entry, path, argv.slice(i + 1));
    group = entry;
  }
}

/** Runs one command; `--help` anywhere before `--` prints its help instead, whatever else is on the line. */
export async function runCommand<S extends OptionSet>(command: Command<S>, path: string, argv: readonly string[]): Promise<void> {
  const end = argv.indexOf("--");
  if ((end === -1 ? argv : argv.slice(0, end)).includes("--help")) {
    console.log(commandHelp(path, command));
    return;
  }
  try {
    await command.run(parseCommandLine(command, argv));
  } catch (error) {
    throw error instanceof UsageError && error.command === undefined ? new UsageError(error.message, path) : error;
  }
}
