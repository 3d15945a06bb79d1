import type { Token } from "marked" with { "resolution-mode": "import" };
import { imageDataUri } from "./inline-images";
import { REPORT_CSS } from "./report-style";
import { escapeHtml } from "../../lib/text/escape";
import { safeRenderer } from "./safe-renderer";
import { HeadingIds, tableOfContents, type TocEntry } from "./table-of-contents";

export interface ReportHtmlOptions {
  /** The page's title (the browser tab, bookmarks). */
  readonly title: string;
  /** The directory the markdown's relative image paths start from (where REPORT.md lives). */
  readonly baseDir: string;
}

/**
 * No script, no fetch: the page may show inline styles and data: images and nothing else. The
 * markdown renderer already lets no markup from the data through; this makes the browser refuse
 * script and remote content too, should anything slip past it.
 */
export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

// marked is an ES module only: this CommonJS project loads it with import().
const loadMarked = () => import("marked");
let markedModule: ReturnType<typeof loadMarked> | undefined;

/**
 * The report's markdown (GitHub-flavoured: tables, headings, `![alt](assets/x.svg)` images) as
 * one self-contained HTML page: images inlined as data: URIs, the stylesheet embedded, a table
 * of contents of the h2/h3 headings after the title. Raw HTML in the markdown is shown as text
 * and unsafe links as their text (see safeRenderer). Throws if an image is missing.
 */
export async function renderReportHtml(markdown: string, options: ReportHtmlOptions): Promise<string> {
  markedModule ??= loadMarked();
  const { Marked } = await markedModule;
  const headings: TocEntry[] = [];
  const renderer = safeRenderer({ imageSrc: (href) => imageDataUri(href, options.baseDir), ids: new HeadingIds(), headings });
  const marked = new Marked({ gfm: true, async: false, renderer });
  const tokens = marked.lexer(markdown);
  // The contents go right after a leading h1 (the report's title), else at the top.
  const [first] = tokens;
  const leadingTitle: Token[] = first?.type === "heading" && (first as { depth: number }).depth === 1 ? [first] : [];
  const titleHtml = marked.parser(leadingTitle);
  const bodyHtml = marked.parser(tokens.slice(leadingTitle.length));
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    titleHtml + tableOfContents(headings),
    bodyHtml,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
