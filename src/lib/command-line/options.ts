/**
 * Option declarations. A command declares its options once; its parser and its --help are both
 * made from that declaration, so what the help promises is what the parser accepts. The types
 * below also give the parsed values their TypeScript types: a required integer is a number, an
 * optional one number | undefined, a repeatable one number[].
 */
import type { ValueKind } from "./value-kinds";

interface Described {
  /** What the option does, in a sentence or more: help wraps it. */
  readonly description: string;
  /** The heading help lists the option under, "Options" when absent. */
  readonly section?: string;
}

/** `--name`, no value: true when given. */
export interface SwitchOption extends Described {
  readonly type: "boolean";
}

/** `--name VALUE` or `--name=VALUE`. */
export interface ValueOption<T> extends Described {
  readonly type?: "string";
  /** The value's placeholder in help (PATH, DIR): the kind's own when absent. */
  readonly value?: string;
  /** How the text becomes a value: the text itself when absent. */
  readonly kind?: ValueKind<T>;
  /** Given any number of times, the values in order (none given: []); otherwise the last one counts. */
  readonly multiple?: boolean;
  readonly required?: boolean;
  /** The value when the option is absent; help shows it. */
  readonly default?: T;
  /** The default in words, for one the command works out itself (a free port, tomorrow). */
  readonly defaultText?: string;
}

export type OptionSpec = SwitchOption | ValueOption<unknown>;

/** Options by name, without the leading `--`, in the order help lists them. */
export type OptionSet = Readonly<Record<string, OptionSpec>>;

/** Arguments that are not options, all of one kind (the files to work on). */
export interface PositionalSpec {
  /** Their placeholder in help: FILE. */
  readonly value: string;
  readonly description: string;
  /** At least one must be given. */
  readonly required?: boolean;
}

/** What a command accepts. */
export interface CommandLineSpec<S extends OptionSet = OptionSet> {
  readonly options: S;
  /** Without it, any argument that is not an option is an error. */
  readonly positionals?: PositionalSpec;
}

type KindValue<O> = O extends { readonly kind: ValueKind<infer T> } ? T : string;

/** The parsed value of one declared option. */
export type OptionValue<O> = O extends { readonly type: "boolean" }
  ? boolean
  : O extends { readonly multiple: true }
    ? KindValue<O>[]
    : O extends { readonly required: true } | { readonly default: unknown }
      ? KindValue<O>
      : KindValue<O> | undefined;

/** The parsed values of a declaration, by option name. */
export type OptionValues<S extends OptionSet> = { -readonly [K in keyof S]: OptionValue<S[K]> };

/**
 * A declaration whose defaults are of its kinds' types: with it, `default: "nope"` beside
 * `kind: oneOf(["seed", "realistic"])` fails to compile rather than at the first run.
 */
export type CheckedOptions<S extends OptionSet> = {
  readonly [K in keyof S]: S[K] extends SwitchOption ? SwitchOption : ValueOption<KindValue<S[K]>>;
};
