import { tagsOf, toLines, type CodeCell, type Notebook } from "./nbformat";

/** A parameter value: anything that is both JSON and a TypeScript literal. */
export type ParameterValue = string | number | boolean | null;
export type Parameters = Readonly<Record<string, ParameterValue>>;

export const PARAMETERS_TAG = "parameters";
export const INJECTED_PARAMETERS_TAG = "injected-parameters";

/** Names declared at the start of a line of the parameters cell (`const x = …`, `let y = …`). */
export function declaredParameters(notebook: Notebook): string[] {
  const source = notebook.cells[parametersCellIndex(notebook)]?.source ?? "";
  const text = typeof source === "string" ? source : source.join("");
  return [...text.matchAll(/^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)].map((match) => match[1] ?? "");
}

/**
 * The notebook with `parameters` set the papermill way: a code cell tagged
 * `injected-parameters`, right after the cell tagged `parameters`, redeclares them (tslab lets
 * a later cell redeclare a `const`). An earlier injected cell is replaced, so injecting twice is
 * the same as injecting once. Names the parameters cell does not declare are refused: a typo
 * would otherwise be silently ignored. A new copy; the input is not changed.
 */
export function injectParameters(notebook: Notebook, parameters: Parameters): Notebook {
  const declared = new Set(declaredParameters(notebook));
  const unknown = Object.keys(parameters).filter((name) => !declared.has(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown notebook parameter(s) ${unknown.join(", ")}; the parameters cell declares ${[...declared].join(", ") || "none"}`);
  }
  const cells = notebook.cells.filter((cell) => !tagsOf(cell).includes(INJECTED_PARAMETERS_TAG));
  if (Object.keys(parameters).length === 0) return { ...notebook, cells };
  const at = parametersCellIndex({ ...notebook, cells });
  const injected: CodeCell = {
    cell_type: "code",
    id: INJECTED_PARAMETERS_TAG,
    metadata: { tags: [INJECTED_PARAMETERS_TAG] },
    source: toLines(parametersSource(parameters)),
    outputs: [],
    execution_count: null,
  };
  return { ...notebook, cells: [...cells.slice(0, at + 1), injected, ...cells.slice(at + 1)] };
}

/** TypeScript declarations of the values; JSON string literals are valid TypeScript literals. */
export function parametersSource(parameters: Parameters): string {
  for (const [name, value] of Object.entries(parameters)) {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`Parameter ${name} is not a finite number: ${value}`);
  }
  const lines = Object.entries(parameters).map(([name, value]) => `const ${name} = ${JSON.stringify(value)};`);
  return `// Injected parameters\n${lines.join("\n")}`;
}

function parametersCellIndex(notebook: Notebook): number {
  const index = notebook.cells.findIndex((cell) => cell.cell_type === "code" && tagsOf(cell).includes(PARAMETERS_TAG));
  if (index < 0) throw new Error("The notebook has no code cell tagged 'parameters'");
  return index;
}
