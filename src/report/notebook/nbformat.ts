import { readFileSync, writeFileSync } from "node:fs";

/**
 * The parts of the Jupyter notebook format 4.5 that we read and write (the JSON schema is the
 * reference: nbformat/v4/nbformat.v4.5.schema.json). Multi-line strings are kept as Jupyter
 * saves them, a list of lines, so our files diff like JupyterLab's.
 */
export type MultilineString = string | string[];

/** A MIME bundle: text types hold (multi-line) strings, `…+json` types any JSON value. */
export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

export interface CodeCell {
  cell_type: "code";
  id: string;
  metadata: CellMetadata;
  source: MultilineString;
  outputs: Output[];
  execution_count: number | null;
}

export interface MarkdownCell {
  cell_type: "markdown";
  id: string;
  metadata: CellMetadata;
  source: MultilineString;
  attachments?: Record<string, MimeBundle>;
}

export interface RawCell {
  cell_type: "raw";
  id: string;
  metadata: CellMetadata;
  source: MultilineString;
}

export type Cell = CodeCell | MarkdownCell | RawCell;

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** The tslab kernel as `tslab install` registers it, and the language it reports. */
export const TSLAB_METADATA = {
  kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
  language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript", version: "3.7.2" },
} as const;

/** The text of a multi-line string. */
export function textOf(value: MultilineString): string {
  return typeof value === "string" ? value : value.join("");
}

/** Text as Jupyter stores it: one entry per line, each but the last ending in "\n". */
export function toLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The cell's tags (empty when it has none). */
export function tagsOf(cell: Cell): readonly string[] {
  return cell.metadata.tags ?? [];
}

export function readNotebook(path: string): Notebook {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as { nbformat?: unknown; cells?: unknown };
  if (parsed.nbformat !== 4 || !Array.isArray(parsed.cells)) throw new Error(`${path} is not an nbformat 4 notebook`);
  return parsed as Notebook;
}

/**
 * The notebook as Jupyter writes it (sorted keys, one-space indent, trailing newline), so a
 * notebook saved by JupyterLab and the same notebook saved by us differ only where content does.
 */
export function formatNotebook(notebook: Notebook): string {
  return `${JSON.stringify(sortKeys(splitLines(notebook)), null, 1)}\n`;
}

/** Multi-line strings as lists of lines, where Jupyter splits them: sources, streams, text MIME types. */
function splitLines(notebook: Notebook): Notebook {
  const bundle = (data: MimeBundle): MimeBundle =>
    Object.fromEntries(Object.entries(data).map(([mime, value]) => [mime, typeof value === "string" && !JSON_MIME.test(mime) ? toLines(value) : value]));
  const output = (out: Output): Output => {
    if (out.output_type === "stream") return { ...out, text: toLines(textOf(out.text)) };
    if (out.output_type === "error") return out;
    return { ...out, data: bundle(out.data) };
  };
  const cells = notebook.cells.map((cell): Cell => {
    const source = toLines(textOf(cell.source));
    return cell.cell_type === "code" ? { ...cell, source, outputs: cell.outputs.map(output) } : { ...cell, source };
  });
  return { ...notebook, cells };
}

/** MIME types whose value is JSON, not text (as in the nbformat schema). */
const JSON_MIME = /^application\/(.*\+)?json$/;

export function writeNotebook(path: string, notebook: Notebook): void {
  writeFileSync(path, formatNotebook(notebook));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
}
