/**
 * --help made from the declarations: a usage line listing the options (required ones bare,
 * optional ones in brackets, repeatable ones followed by …), the description, then the options in
 * an aligned column with their defaults. Nothing here is written by hand per command, so the help
 * cannot promise an option the parser does not take, or forget one it does.
 */
import { leafCommands, type Command, type CommandGroup } from "./command";
import { fill, words } from "./fill";
import type { CommandLineSpec, OptionSpec } from "./options";
import { placeholder } from "./parse";
import { text } from "./value-kinds";

/** Lines are at most this wide: they fit a 100-column terminal. */
const HELP_WIDTH = 100;
/** A name column wider than this would starve the descriptions: longer names sit on a line of their own. */
const MAX_NAME_COLUMN = 28;

/** The help of one command; `path` is how it is invoked ("insights server start"). */
export function commandHelp(path: string, command: Pick<Command, "description"> & CommandLineSpec): string {
  const options = Object.entries(command.options);
  const sections = new Map<string, Row[]>();
  for (const [name, option] of options) {
    const section = option.section ?? "Options";
    sections.set(section, [...(sections.get(section) ?? []), { name: optionName(name, option), description: optionDescription(option) }]);
  }
  const positionals = command.positionals;
  if (positionals !== undefined) sections.set("Arguments", [{ name: `${positionals.value}…`, description: positionals.description }]);
  const column = nameColumn([...sections.values()].flat());
  return [
    usageLine(path, command),
    ...paragraphs(command.description),
    ...[...sections].map(([heading, rows]) => `${heading}:\n${rows.map((row) => formatRow(row, column)).join("\n")}`),
  ].join("\n\n");
}

/** `Usage: PATH` and every option, continuation lines aligned after the path. */
export function usageLine(path: string, spec: CommandLineSpec): string {
  const atoms = Object.entries(spec.options).map(([name, option]) => {
    const atom = optionName(name, option);
    const required = option.type !== "boolean" && option.required === true;
    const repeatable = option.type !== "boolean" && option.multiple === true;
    return `${required ? atom : `[${atom}]`}${repeatable ? "…" : ""}`;
  });
  if (spec.positionals !== undefined) atoms.push(spec.positionals.required === true ? `${spec.positionals.value}…` : `[${spec.positionals.value}…]`);
  const lead = `Usage: ${path} `;
  return fill(atoms, HELP_WIDTH, lead, lead.length <= 32 ? lead.length : 8);
}

/** The help of a group: its commands, every one below it with its summary, and the environment it reads. */
export function groupHelp(path: string, group: CommandGroup): string {
  const commands = leafCommands(group).map(({ path: name, command }) => ({ name, description: command.summary }));
  const environment = Object.entries(group.environment ?? {}).map(([name, description]) => ({ name, description }));
  const column = nameColumn([...commands, ...environment]);
  return [
    `Usage: ${path} <command> [options]`,
    ...paragraphs(group.description),
    `Commands:\n${commands.map((row) => formatRow(row, column)).join("\n")}`,
    `Run '${path} <command> --help' for a command's options.`,
    ...(environment.length === 0 ? [] : [`Environment:\n${environment.map((row) => formatRow(row, column)).join("\n")}`]),
  ].join("\n\n");
}

interface Row {
  readonly name: string;
  readonly description: string;
}

function optionName(name: string, option: OptionSpec): string {
  return option.type === "boolean" ? `--${name}` : `--${name} ${placeholder(option)}`;
}

/** The description, then in one parenthesis whether it repeats and its default (as the kind writes it, or in words). */
function optionDescription(option: OptionSpec): string {
  if (option.type === "boolean") return option.description;
  const notes = [
    option.multiple === true && "repeatable",
    option.default !== undefined && `default ${(option.kind ?? text).format(option.default)}`,
    option.defaultText !== undefined && `default: ${option.defaultText}`,
  ].filter((note) => note !== false);
  return notes.length === 0 ? option.description : `${option.description} (${notes.join("; ")})`;
}

/** Where descriptions start: after two spaces, the longest name that fits the cap, and two more. */
function nameColumn(rows: readonly Row[]): number {
  const longest = Math.max(0, ...rows.map((row) => row.name.length).filter((length) => length <= MAX_NAME_COLUMN));
  return 2 + longest + 2;
}

function formatRow(row: Row, column: number): string {
  const name = `  ${row.name}`;
  if (name.length + 2 > column) return `${name}\n${fill(words(row.description), HELP_WIDTH, " ".repeat(column))}`;
  return fill(words(row.description), HELP_WIDTH, name.padEnd(column));
}

function paragraphs(description: string): string[] {
  return description
    .split(/\n\s*\n/)
    .map((paragraph) => fill(words(paragraph), HELP_WIDTH))
    .filter((paragraph) => paragraph !== "");
}
