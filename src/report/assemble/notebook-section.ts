import { basename } from "node:path";
import { renderSvg } from "../charts/render-svg";
import type { ChartSpec } from "../charts/spec";
import type { CollectedCell, CollectedOutput, NotebookOutputs } from "../runner/collect-outputs";
import { escapeMarkdown } from "../../lib/text/escape";
import type { ReportAssets } from "./report-assets";
import { shiftHeadings } from "./shift-headings";

/** A cell tagged so stays in the notebook and out of the report (setup chatter, notes for JupyterLab users). */
export const REPORT_SKIP_TAG = "report-skip";

/**
 * One notebook as a section of the report: its markdown cells (the narrative) and what its code
 * cells showed (markdown, tables, charts, images), in notebook order; the code itself stays in
 * the notebook. Headings move one level down so the notebook's title is a section heading.
 * Charts are rendered to SVG files and images written as files, linked from the markdown.
 */
export async function notebookSection(outputs: NotebookOutputs, assets: ReportAssets): Promise<string> {
  const stem = basename(outputs.notebook, ".ipynb");
  const parts: string[] = [];
  for (const cell of outputs.cells) {
    if (cell.tags.includes(REPORT_SKIP_TAG)) continue;
    if (cell.cellType === "markdown") parts.push(cell.source.trim());
    if (cell.cellType === "code") parts.push(...(await cellOutputs(stem, cell, assets)));
  }
  return shiftHeadings(parts.filter((part) => part !== "").join("\n\n"));
}

async function cellOutputs(stem: string, cell: CollectedCell, assets: ReportAssets): Promise<string[]> {
  const parts: string[] = [];
  for (const [position, output] of cell.outputs.entries()) {
    const part = await outputMarkdown(output, `${stem}-${cell.id}-${position}`, assets);
    if (part !== undefined) parts.push(part);
  }
  return parts;
}

/**
 * An output as report markdown, or undefined for what a reader of the report does not need:
 * printed text (progress lines, the value of a cell's last expression) and HTML (raw HTML never
 * reaches the report; every output that matters has a markdown or image form too).
 */
async function outputMarkdown(output: CollectedOutput, name: string, assets: ReportAssets): Promise<string | undefined> {
  switch (output.kind) {
    case "markdown":
      return output.markdown.trim();
    case "table":
      return output.markdown;
    case "vega-lite": {
      const spec = output.spec as unknown as ChartSpec;
      const link = assets.add(`${name}.svg`, await renderSvg(spec));
      return image(chartTitle(output.spec), link);
    }
    case "svg":
      return figure(output.caption, assets.add(`${name}.svg`, output.svg));
    case "image":
      return figure(output.caption, assets.add(`${name}.${output.mime === "image/png" ? "png" : "jpg"}`, Buffer.from(output.base64, "base64")));
    case "error":
      throw new Error(`A cell's output is an error (${output.ename}: ${output.evalue}): a failed notebook cannot become a report section`);
    case "html":
    case "text":
    case "stream":
      return undefined;
  }
}

/** An image with its caption below it in italics (the caption is data-free prose, escaped all the same). */
function figure(caption: string, link: string): string {
  const text = caption.trim() === "" ? "figure" : caption.trim();
  return `${image(text, link)}\n\n*${escapeMarkdown(text)}*`;
}

function image(alt: string, link: string): string {
  return `![${escapeMarkdown(alt)}](${link})`;
}

/** The chart's description or title, as the image's alternative text. */
function chartTitle(spec: Record<string, unknown>): string {
  const { description, title } = spec;
  if (typeof description === "string" && description !== "") return description;
  if (typeof title === "string") return title;
  if (typeof title === "object" && title !== null && typeof (title as { text?: unknown }).text === "string") return (title as { text: string }).text;
  return "chart";
}
