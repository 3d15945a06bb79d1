/**
 * Commands and groups of them: what a program offers. A command is its declaration (options,
 * positionals, words for help) together with what it does with the parsed values; a group names
 * commands or further groups (`server start`, `server stop`), and a program is the outermost group.
 */
import type { CheckedOptions, CommandLineSpec, OptionSet } from "./options";
import type { ParsedCommandLine } from "./parse";

export interface Command<S extends OptionSet = OptionSet> extends CommandLineSpec<S> {
  readonly name: string;
  /** One line, for the list of commands. */
  readonly summary: string;
  /** What --help says between the usage line and the options; blank lines part paragraphs. */
  readonly description: string;
  run(parsed: ParsedCommandLine<S>): Promise<void>;
}

export interface CommandGroup {
  readonly name: string;
  /** What --help says before the list of commands; blank lines part paragraphs. */
  readonly description: string;
  readonly commands: readonly (Command | CommandGroup)[];
  /** Environment variables the commands read, with what each does: listed in --help. */
  readonly environment?: Readonly<Record<string, string>>;
}

/** A command whose `run` gets values typed by its declaration, and whose defaults are checked against their kinds. */
export function defineCommand<const S extends OptionSet>(command: Command<S> & { readonly options: CheckedOptions<S> }): Command<S> {
  return command;
}

export function isGroup(entry: Command | CommandGroup): entry is CommandGroup {
  return "commands" in entry;
}

/** Every command under a group with its path below it ("server start"), in declaration order. */
export function leafCommands(group: CommandGroup): { readonly path: string; readonly command: Command }[] {
  return group.commands.flatMap((entry) =>
    isGroup(entry) ? leafCommands(entry).map(({ path, command }) => ({ path: `${entry.name} ${path}`, command })) : [{ path: entry.name, command: entry }],
  );
}
