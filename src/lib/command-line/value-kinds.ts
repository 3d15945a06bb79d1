/**
 * Value kinds: how an option's text becomes a typed value. A kind carries what it expects in
 * words, so every bad value is reported the same way ("--seed must be a non-negative integer,
 * not 'x'"), and the placeholder and default formatting its options' help shows.
 */

export interface ValueKind<T> {
  /** What a valid value is, completing "--name must be …". */
  readonly expects: string;
  /** The placeholder help shows for an option that declares none (N, YYYY-MM-DD, a|b). */
  readonly placeholder: string;
  /** The value the text stands for, or undefined when it stands for none. */
  parse(text: string): T | undefined;
  /** A value as help shows it, for defaults. */
  format(value: T): string;
}

/** Any text, as it is. */
export const text: ValueKind<string> = { expects: "a value", placeholder: "VALUE", parse: (value) => value, format: (value) => value };

/** A kind of one's own: `expects` words what `parse` accepts. */
export function valueKind<T>(expects: string, placeholder: string, parse: (text: string) => T | undefined): ValueKind<T> {
  return { expects, placeholder, parse, format: String };
}

/** A whole number of at least `min`; `_` may group digits (1_000_000). */
export function integer(min = 0): ValueKind<number> {
  return {
    expects: min === 0 ? "a non-negative integer" : `an integer of at least ${min}`,
    placeholder: "N",
    parse(value) {
      const number = Number(value.replace(/_/g, ""));
      return value.trim() !== "" && Number.isSafeInteger(number) && number >= min ? number : undefined;
    },
    format: (value) => value.toLocaleString("en-US"),
  };
}

/** A share of a whole, in [0, 1). */
export const share: ValueKind<number> = valueKind("a number in [0, 1)", "X", (value) => {
  const number = Number(value);
  return value.trim() !== "" && number >= 0 && number < 1 ? number : undefined;
});

/** A calendar date as YYYY-MM-DD, kept as that text. */
export const date: ValueKind<string> = valueKind("a date YYYY-MM-DD", "YYYY-MM-DD", (value) =>
  // Date.parse rolls 2023-02-30 over to March: only a date that survives the round trip exists.
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value) ? value : undefined,
);

/** One of a fixed list of words. */
export function oneOf<const C extends readonly string[]>(choices: C): ValueKind<C[number]> {
  return valueKind(`one of ${choices.join(", ")}`, choices.join("|"), (value) => choices.find((choice) => choice === value));
}

/** `key=value`, split at the first `=`; the key is not empty, the value may be. */
export const keyValue: ValueKind<readonly [string, string]> = {
  expects: "key=value",
  placeholder: "KEY=VALUE",
  parse(value) {
    const at = value.indexOf("=");
    return at > 0 ? [value.slice(0, at), value.slice(at + 1)] : undefined;
  },
  format: ([key, value]) => `${key}=${value}`,
};

/** A comma-separated list of one or more of `known`, in the order given. */
export function commaList<const C extends readonly string[]>(known: C): ValueKind<C[number][]> {
  return {
    expects: `a comma-separated list of ${known.join(", ")}`,
    placeholder: "A,B,…",
    parse(value) {
      const names = value
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== "");
      const valid = names.flatMap((name) => known.filter((k) => k === name));
      return names.length > 0 && valid.length === names.length ? valid : undefined;
    },
    format: (value) => value.join(","),
  };
}
