import { describe, expect, it } from "vitest";
import type { CommandLineSpec } from "../../../src/lib/command-line/options";
import { parseCommandLine } from "../../../src/lib/command-line/parse";
import { UsageError } from "../../../src/lib/command-line/usage-error";
import { commaList, date, integer, keyValue, oneOf, share } from "../../../src/lib/command-line/value-kinds";

const SPEC = {
  options: {
    out: { value: "DIR", required: true, description: "where" },
    name: { value: "NAME", description: "free text" },
    rows: { kind: integer(), default: 100, description: "rows" },
    parts: { kind: integer(1), description: "partitions" },
    share: { kind: share, description: "a share" },
    day: { kind: date, description: "a day" },
    mode: { kind: oneOf(["seed", "realistic"]), default: "seed", description: "mode" },
    conf: { kind: keyValue, multiple: true, description: "settings" },
    only: { kind: commaList(["a", "b"]), description: "subset" },
    tag: { value: "T", multiple: true, description: "tags" },
    quiet: { type: "boolean", description: "say less" },
  },
} as const satisfies CommandLineSpec;

function parse(argv: readonly string[], spec: CommandLineSpec = SPEC) {
  return parseCommandLine(spec, argv);
}

function usageError(argv: readonly string[], spec: CommandLineSpec = SPEC): string {
  try {
    parse(argv, spec);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
}

describe("parsing a command line against its declaration", () => {
  it("gives typed values, defaults for what is absent and [] for absent repeatable options", () => {
    const { values, given, positionals } = parseCommandLine(SPEC, ["--out", "x"]);
    const rows: number = values.rows;
    const parts: number | undefined = values.parts;
    const mode: "seed" | "realistic" = values.mode;
    expect({ rows, parts, mode }).toEqual({ rows: 100, parts: undefined, mode: "seed" });
    expect(values).toEqual({
      out: "x",
      name: undefined,
      rows: 100,
      parts: undefined,
      share: undefined,
      day: undefined,
      mode: "seed",
      conf: [],
      only: undefined,
      tag: [],
      quiet: false,
    });
    expect([...given]).toEqual(["out"]);
    expect(positionals).toEqual([]);
  });

  it("converts every kind, with --flag value and --flag=value alike", () => {
    const { values, given } = parseCommandLine(SPEC, [
      "--out=dir",
      "--rows",
      "1_000",
      "--parts=3",
      "--share",
      "0.5",
      "--day=2023-12-31",
      "--mode",
      "realistic",
      "--conf",
      "a=1",
      "--conf=b=2",
      "--only",
      "b,a",
      "--tag",
      "x",
      "--tag=y",
      "--quiet",
      "--name=",
    ]);
    expect(values).toEqual({
      out: "dir",
      name: "",
      rows: 1000,
      parts: 3,
      share: 0.5,
      day: "2023-12-31",
      mode: "realistic",
      conf: [
        ["a", "1"],
        ["b", "2"],
      ],
      only: ["b", "a"],
      tag: ["x", "y"],
      quiet: true,
    });
    expect(given.has("rows") && given.has("quiet") && !given.has("zzz")).toBe(true);
  });

  it("keeps the last value of an option given twice that does not repeat", () => {
    expect(parse(["--out", "a", "--rows", "1", "--rows", "2"]).values.rows).toBe(2);
  });

  it("rejects each kind's bad values, naming the option and what it expects", () => {
    expect(usageError(["--out", "x", "--rows", "-1"])).toBe("--rows must be a non-negative integer, not '-1'");
    expect(usageError(["--out", "x", "--rows="])).toBe("--rows must be a non-negative integer, not ''");
    expect(usageError(["--out", "x", "--parts", "0"])).toBe("--parts must be an integer of at least 1, not '0'");
    expect(usageError(["--out", "x", "--share", "1"])).toBe("--share must be a number in [0, 1), not '1'");
    expect(usageError(["--out", "x", "--day", "2023-02-30"])).toBe("--day must be a date YYYY-MM-DD, not '2023-02-30'");
    expect(usageError(["--out", "x", "--mode", "nope"])).toBe("--mode must be one of seed, realistic, not 'nope'");
    expect(usageError(["--out", "x", "--conf", "novalue"])).toBe("--conf must be key=value, not 'novalue'");
    expect(usageError(["--out", "x", "--only", "a,c"])).toBe("--only must be a comma-separated list of a, b, not 'a,c'");
  });

  it("rejects unknown options, missing values and values given to switches", () => {
    expect(usageError(["--out", "x", "--bogus"])).toBe("unknown option --bogus");
    expect(usageError(["--out", "x", "--bogus=1"])).toBe("unknown option --bogus");
    expect(usageError(["-q"])).toBe("unknown option -q");
    expect(usageError(["--out"])).toBe("--out needs a value: --out DIR");
    expect(usageError(["--out", "x", "--mode", "--rows", "3"])).toBe("--mode needs a value: --mode seed|realistic");
    expect(usageError(["--out", "x", "--quiet=yes"])).toBe("--quiet takes no value");
    expect(usageError(["--rows", "3"])).toBe("--out DIR is required");
  });

  it("takes a value starting with a single dash, as the kind then judges it", () => {
    expect(parse(["--out", "-"]).values.out).toBe("-");
  });

  it("takes positionals only when declared, and arguments after -- as positionals", () => {
    expect(usageError(["--out", "x", "extra"])).toBe("unexpected argument 'extra'");
    const files = {
      options: { force: { type: "boolean", description: "overwrite" } },
      positionals: { value: "FILE", required: true, description: "inputs" },
    } as const;
    expect(parseCommandLine(files, ["a", "--force", "b", "--", "--c"])).toEqual({
      values: { force: true },
      positionals: ["a", "b", "--c"],
      given: new Set(["force"]),
    });
    expect(usageError([], files)).toBe("missing FILE…");
    expect(parse(["--force"], { ...files, positionals: { ...files.positionals, required: false } }).positionals).toEqual([]);
  });
});
