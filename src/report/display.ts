/**
 * What notebooks call to show results. Each shows in JupyterLab (through the tslab kernel) and
 * is captured by the headless runner as the same nbformat output, so a notebook reads the same
 * whichever ran it. Load it from a notebook with `require("../src/report/display")`.
 */
import { readFileSync } from "node:fs";
import { publishDisplayData } from "./runner/tslab-adapter";
import { VEGA_LITE_MIME, type ChartSpec } from "./charts/spec";
import { markdownTable, tableOf } from "../lib/text/table";
import { htmlTable, TABLE_MIME } from "./table";
import { definition, type DefinitionId } from "./definitions";

/** Shows a Vega-Lite chart: JupyterLab renders it live; the report renders it to SVG. */
export function showChart(spec: ChartSpec): void {
  publishDisplayData({ [VEGA_LITE_MIME]: spec, "text/plain": `<Vega-Lite chart: ${spec.description ?? "untitled"}>` });
}

/**
 * Shows rows as a table: HTML for JupyterLab, markdown for the report, and the values as JSON
 * for whoever wants to format them differently. Every value is escaped in both renderings.
 */
export function showTable(rows: readonly Readonly<Record<string, unknown>>[], columns?: readonly string[]): void {
  const table = tableOf(rows, columns);
  const markdown = markdownTable(table);
  publishDisplayData({ [TABLE_MIME]: table, "text/html": htmlTable(table), "text/markdown": markdown, "text/plain": markdown });
}

/** Shows an SVG file (a hand-made diagram) with a caption; the report writes it beside itself. */
export function showSvg(path: string, caption: string): void {
  publishDisplayData({ "image/svg+xml": readFileSync(path, "utf8"), "text/plain": caption });
}

/** Shows a PNG file (a screenshot, say) with a caption; the report writes it beside itself. */
export function showImage(path: string, caption: string): void {
  publishDisplayData({ "image/png": readFileSync(path).toString("base64"), "text/plain": caption });
}

/** Shows a metric's definition from docs/definitions.md, after a bold lead (`Definition.`). */
export function showDefinition(id: DefinitionId, lead = "Definition."): void {
  showMarkdown(`**${lead}** ${definition(id)}`);
}

/** Shows markdown written by the notebook (values interpolated into it must be escaped first). */
export function showMarkdown(text: string): void {
  publishDisplayData({ "text/markdown": text, "text/plain": text });
}
