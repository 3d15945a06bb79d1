/**
 * Reads the function table's signatures and renders sql/functions-generated.ts from them: one
 * typed wrapper per row, grouped by family. Pure (no file access), so that a test can compare
 * the checked-in file with what the table gives.
 */
import { FUNCTION_TABLE, type FunctionFamily, type FunctionRow } from "./function-table";

/** How an argument reaches Spark: a column (strings are names), a literal, or either (strings are names). */
export type ArgumentKind = "column" | "literal" | "columnOrLiteral";

export interface Parameter {
  readonly name: string;
  readonly kind: ArgumentKind;
  /** The literal's TypeScript type, for literal and columnOrLiteral parameters. */
  readonly literalType: string | undefined;
  readonly optional: boolean;
  readonly variadic: boolean;
  /** The default's source text (a JS literal), sent when the argument is not given. */
  readonly defaultValue: string | undefined;
}

export interface FunctionSpec {
  readonly sqlName: string;
  readonly name: string;
  readonly parameters: readonly Parameter[];
  readonly doc: string;
  readonly family: string;
}

/** Words a parameter or function cannot be named in strict-mode JS and TypeScript. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in " +
    "instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield await arguments eval"
  ).split(" "),
);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PARAMETER = /^(\.\.\.)?([A-Za-z_$][A-Za-z0-9_$]*)(\?)?\s*:\s*(.+?)(?:\s*=\s*(.+))?$/;

/** Every row of the table, parsed and checked. */
export function functionSpecs(table: readonly FunctionFamily[] = FUNCTION_TABLE): FunctionSpec[] {
  const specs = table.flatMap((family) => family.functions.map((row) => parseRow(row, family.family)));
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.name)) throw new Error(`The function table names ${spec.name} twice`);
    seen.add(spec.name);
  }
  return specs;
}

function parseRow([sqlName, name, signature, doc]: FunctionRow, family: string): FunctionSpec {
  const where = `${name} (${sqlName})`;
  if (!IDENTIFIER.test(name) || RESERVED.has(name)) throw new Error(`${where}: '${name}' cannot name a function`);
  if (doc.trim() === "" || doc.includes("*/")) throw new Error(`${where}: needs a doc line without '*/'`);
  const parameters = splitTopLevel(signature).map((text) => parseParameter(text, where));
  parameters.forEach((p, i) => {
    const later = parameters.slice(i + 1);
    if (p.variadic && later.length > 0) throw new Error(`${where}: only the last parameter can be variadic`);
    if ((p.optional || p.defaultValue !== undefined) && later.some((q) => !q.optional && q.defaultValue === undefined && !q.variadic)) {
      throw new Error(`${where}: a required parameter cannot follow ${p.name}, which may be left out`);
    }
    if (parameters.some((q, j) => j !== i && q.name === p.name)) throw new Error(`${where}: two parameters are named ${p.name}`);
  });
  return { sqlName, name, parameters, doc, family };
}

function parseParameter(text: string, where: string): Parameter {
  const match = PARAMETER.exec(text.trim());
  if (!match)
    throw new Error(`${where}: cannot read the parameter '${text}' (expected 'name: type', 'name?: type', 'name: type = default' or '...name: type')`);
  const [, dots, name = "", question, type = "", defaultValue] = match;
  if (RESERVED.has(name)) throw new Error(`${where}: '${name}' cannot name a parameter`);
  const variadic = dots !== undefined;
  const optional = question !== undefined;
  if (variadic && (optional || defaultValue !== undefined)) throw new Error(`${where}: the variadic ${name} can be neither optional nor defaulted`);
  if (optional && defaultValue !== undefined) throw new Error(`${where}: ${name} is optional and defaulted: choose one`);
  const [kind, literalType] =
    type === "column"
      ? ["column" as const, undefined]
      : type.startsWith("column | ")
        ? ["columnOrLiteral" as const, type.slice("column | ".length)]
        : ["literal" as const, type];
  if (kind === "column" && defaultValue !== undefined) throw new Error(`${where}: the column ${name} cannot have a default`);
  return { name, kind, literalType, optional, variadic, defaultValue };
}

/** Splits at the commas outside <>, (), [] and quotes (`ReadonlyMap<string, string>` and `= ","` have their own). */
function splitTopLevel(text: string): string[] {
  if (text.trim() === "") return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "<" || ch === "(" || ch === "[") depth++;
    else if (ch === ">" || ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

// ---- Rendering ----

export const GENERATED_PATH = "src/connect/sql/functions-generated.ts";

/** The whole generated module. */
export function renderFunctions(table: readonly FunctionFamily[] = FUNCTION_TABLE): string {
  const specs = functionSpecs(table);
  const parameters = specs.flatMap((s) => s.parameters);
  const uses = (kind: ArgumentKind): boolean => parameters.some((p) => p.kind === kind);
  const helpers = [uses("columnOrLiteral") && "toColumnOrLiteral", "invoke", uses("literal") && "lit"].filter((h): h is string => typeof h === "string").sort();
  const header = [
    "// Generated from src/connect/codegen/function-table.ts by src/connect/codegen/generate-functions.ts: edit the",
    "// table and run `npx tsx src/connect/codegen/generate-functions.ts` (a test checks this file matches).",
    'import type { Column } from "./column";',
    `import { ${helpers.join(", ")} } from "./function-call";`,
    ...(parameters.some((p) => /\bLiteralValue\b/.test(p.literalType ?? "")) ? ['import type { LiteralValue } from "./literal";'] : []),
    `import { ${uses("column") ? "toColumn, " : ""}type ColumnOrName } from "./typing";`,
  ];
  const sections = table.map((family) => [`// ---- ${family.title} ----`, ...specs.filter((s) => s.family === family.family).map(renderFunction)].join("\n\n"));
  return `${[header.join("\n"), ...sections].join("\n\n")}\n`;
}

function renderFunction(spec: FunctionSpec): string {
  const signature = spec.parameters.map(renderParameter).join(", ");
  const args = spec.parameters.map(renderArgument).join(", ");
  return [
    `/** ${spec.doc} */`,
    `export function ${spec.name}(${signature}): Column {`,
    `  return invoke(${JSON.stringify(spec.sqlName)}, [${args}]);`,
    "}",
  ].join("\n");
}

function parameterType(p: Parameter): string {
  switch (p.kind) {
    case "column":
      return "ColumnOrName";
    case "columnOrLiteral":
      return `ColumnOrName | ${p.literalType ?? ""}`;
    case "literal":
      return `${p.literalType ?? ""} | Column`;
  }
}

function renderParameter(p: Parameter): string {
  const type = parameterType(p);
  if (p.variadic) return `...${p.name}: ${type.includes("|") ? `(${type})` : type}[]`;
  if (p.optional) return `${p.name}?: ${type}`;
  return p.defaultValue === undefined ? `${p.name}: ${type}` : `${p.name}: ${type} = ${p.defaultValue}`;
}

function renderArgument(p: Parameter): string {
  const convert = { column: "toColumn", literal: "lit", columnOrLiteral: "toColumnOrLiteral" }[p.kind];
  if (p.variadic) return `...${p.name}.map(${convert})`;
  if (p.optional) return `${p.name} === undefined ? undefined : ${convert}(${p.name})`;
  return `${convert}(${p.name})`;
}
