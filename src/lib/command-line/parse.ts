/**
 * Parsing a command line against a declaration. Node's util.parseArgs splits the arguments into
 * tokens (`--name value`, `--name=value`, `--` and positionals); the checks are ours, so that
 * every mistake is one line naming the option and what it expects.
 */
import { parseArgs } from "node:util";
import { UsageError } from "./usage-error";
import type { CommandLineSpec, OptionSet, OptionSpec, OptionValues, ValueOption } from "./options";
import { text } from "./value-kinds";

export interface ParsedCommandLine<S extends OptionSet> {
  readonly values: OptionValues<S>;
  readonly positionals: string[];
  /** The options given on the command line, as opposed to defaulted. */
  readonly given: ReadonlySet<string>;
}

export function parseCommandLine<S extends OptionSet>(spec: CommandLineSpec<S>, argv: readonly string[]): ParsedCommandLine<S> {
  const declared: Readonly<Record<string, OptionSpec>> = spec.options;
  const { tokens } = parseArgs({
    args: [...argv],
    // Unknown options and missing values become tokens, not Node's wordier errors: checked below.
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries(Object.entries(declared).map(([name, option]) => [name, { type: option.type ?? "string" }])),
  });
  const texts = new Map<string, string[]>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      if (spec.positionals === undefined) throw new UsageError(`unexpected argument '${token.value}'`);
      positionals.push(token.value);
    }
    if (token.kind !== "option") continue;
    const option = Object.hasOwn(declared, token.name) ? declared[token.name] : undefined;
    if (option === undefined) throw new UsageError(`unknown option ${token.rawName}`);
    if (option.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) {
      // `--out --seed 4`: the option's value was forgotten, --seed is not it.
      throw new UsageError(`${token.rawName} needs a value: ${token.rawName} ${placeholder(option)}`);
    }
    texts.set(token.name, [...(texts.get(token.name) ?? []), token.value ?? ""]);
  }
  if (spec.positionals?.required === true && positionals.length === 0) throw new UsageError(`missing ${spec.positionals.value}…`);
  const values = Object.fromEntries(Object.entries(declared).map(([name, option]) => [name, valueOf(name, option, texts.get(name))]));
  return { values: values as OptionValues<S>, positionals, given: new Set(texts.keys()) };
}

/** The placeholder of a value option in usage and help. */
export function placeholder(option: ValueOption<unknown>): string {
  return option.value ?? (option.kind ?? text).placeholder;
}

function valueOf(name: string, option: OptionSpec, given: readonly string[] | undefined): unknown {
  if (option.type === "boolean") return given !== undefined;
  const kind = option.kind ?? text;
  const values = (given ?? []).map((raw) => {
    const value = kind.parse(raw);
    if (value === undefined) throw new UsageError(`--${name} must be ${kind.expects}, not '${raw}'`);
    return value;
  });
  if (option.required === true && values.length === 0) throw new UsageError(`--${name} ${placeholder(option)} is required`);
  if (option.multiple === true) return values;
  return values.at(-1) ?? option.default;
}
