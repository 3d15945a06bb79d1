import { tagsOf, textOf, type Cell, type MimeBundle, type Notebook, type Output } from "../notebook/nbformat";
import type { Parameters } from "../notebook/parameters";
import type { TableData } from "../../lib/text/table";
import { TABLE_MIME } from "../table";

/** One thing a cell showed, in the form the report assembler uses. */
export type CollectedOutput =
  | { readonly kind: "vega-lite"; readonly spec: Record<string, unknown> }
  | { readonly kind: "table"; readonly table: TableData; readonly markdown: string }
  | { readonly kind: "markdown"; readonly markdown: string }
  | { readonly kind: "html"; readonly html: string }
  | { readonly kind: "svg"; readonly svg: string; readonly caption: string }
  | { readonly kind: "image"; readonly mime: "image/png" | "image/jpeg"; readonly base64: string; readonly caption: string }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "stream"; readonly name: "stdout" | "stderr"; readonly text: string }
  | { readonly kind: "error"; readonly ename: string; readonly evalue: string };

export interface CollectedCell {
  readonly index: number;
  readonly id: string;
  readonly cellType: Cell["cell_type"];
  readonly tags: readonly string[];
  /** The cell's text: the narrative of markdown cells, the code of code cells. */
  readonly source: string;
  readonly outputs: readonly CollectedOutput[];
}

/** What the runner hands to the report assembler for one notebook (`<name>.outputs.json`). */
export interface NotebookOutputs {
  /** The notebook's file name, e.g. `01-engagement.ipynb`. */
  readonly notebook: string;
  readonly cacheKey: string;
  readonly parameters: Parameters;
  readonly cells: readonly CollectedCell[];
}

const VEGA_LITE_MIME = /^application\/vnd\.vegalite\.v\d+\+json$/;

/** The cells of an executed notebook with their outputs, each by its richest representation. */
export function collectOutputs(notebook: Notebook, name: string, cacheKey: string, parameters: Parameters): NotebookOutputs {
  const cells = notebook.cells.map((cell, index) => ({
    index,
    id: cell.id,
    cellType: cell.cell_type,
    tags: tagsOf(cell),
    source: textOf(cell.source),
    outputs: cell.cell_type === "code" ? cell.outputs.flatMap(collectOutput) : [],
  }));
  return { notebook: name, cacheKey, parameters, cells };
}

function collectOutput(output: Output): CollectedOutput[] {
  switch (output.output_type) {
    case "stream":
      return [{ kind: "stream", name: output.name, text: textOf(output.text) }];
    case "error":
      return [{ kind: "error", ename: output.ename, evalue: output.evalue }];
    default: {
      const collected = fromBundle(output.data);
      return collected === undefined ? [] : [collected];
    }
  }
}

/** The richest representation we know, in the order a frontend would prefer them. */
function fromBundle(data: MimeBundle): CollectedOutput | undefined {
  const vegaLite = Object.keys(data).find((mime) => VEGA_LITE_MIME.test(mime));
  if (vegaLite !== undefined) return { kind: "vega-lite", spec: data[vegaLite] as Record<string, unknown> };
  const table = data[TABLE_MIME] as TableData | undefined;
  if (table !== undefined) return { kind: "table", table, markdown: text(data["text/markdown"]) };
  if ("text/markdown" in data) return { kind: "markdown", markdown: text(data["text/markdown"]) };
  if ("image/svg+xml" in data) return { kind: "svg", svg: text(data["image/svg+xml"]), caption: text(data["text/plain"]) };
  // An image's text/plain is its caption (see showImage).
  if ("image/png" in data) return { kind: "image", mime: "image/png", base64: text(data["image/png"]), caption: text(data["text/plain"]) };
  if ("image/jpeg" in data) return { kind: "image", mime: "image/jpeg", base64: text(data["image/jpeg"]), caption: text(data["text/plain"]) };
  if ("text/html" in data) return { kind: "html", html: text(data["text/html"]) };
  if ("text/plain" in data) return { kind: "text", text: text(data["text/plain"]) };
  return undefined;
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  return Array.isArray(value) ? value.join("") : "";
}
