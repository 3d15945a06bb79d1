import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_CSP, renderReportHtml } from "../../src/report/html/render-html";
import { isSafeHref } from "../../src/report/html/safe-renderer";
import { markdownTable, tableOf } from "../../src/lib/text/table";

const IMG_ATTACK = "<img src=x onerror=alert(1)>";
const SCRIPT_ATTACK = "<script>window.__pwned=1</script>";

let dir: string;
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
// Not a valid picture, only bytes that must come back unchanged from the data: URI.
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "insights-report-html-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "assets", "chart.svg"), svg);
  writeFileSync(join(dir, "assets", "ui.png"), png);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const render = (markdown: string): Promise<string> => renderReportHtml(markdown, { title: "Report", baseDir: dir });

/** Every tag the page holds, as `name attributes`. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => `${(m[1] ?? "").toLowerCase()}${m[2] ?? ""}`);
}

/** What a browser shows as text: tags dropped, the entities an escaper writes decoded. */
function shownText(html: string): string {
  const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
  return html.replace(/<style>[\s\S]*?<\/style>/g, "").replace(/<[^>]*>/g, "").replace(/&(lt|gt|quot|#39|amp);/g, (e) => entities[e] ?? e);
}

/** The body's tags must be only those markdown produces, with no event handler attribute. */
function expectOnlyMarkdownTags(html: string): void {
  const allowed = new Set(["html", "head", "meta", "title", "style", "body", "main", "nav", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "em", "strong", "del", "blockquote", "hr", "br"]);
  for (const tag of tags(html)) {
    expect(allowed.has(tag.split(/\s/)[0] ?? "")).toBe(true);
    expect(tag).not.toMatch(/\son\w+\s*=/i);
  }
}

describe("renderReportHtml", () => {
  it("shows raw HTML from the markdown as text", async () => {
    const html = await render(`# Title\n\n${SCRIPT_ATTACK}\n\nVersion ${IMG_ATTACK} is slow.\n\n<div onclick="alert(1)">block</div>\n`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<div");
    expectOnlyMarkdownTags(html);
    const text = shownText(html);
    expect(text).toContain(SCRIPT_ATTACK);
    expect(text).toContain(`Version ${IMG_ATTACK} is slow.`);
    expect(text).toContain('<div onclick="alert(1)">block</div>');
  });

  it("keeps hostile values in a table as text in their own cells", async () => {
    const values = [IMG_ATTACK, SCRIPT_ATTACK, "a | b", "**bold** [x](javascript:alert(1)) `code`"];
    const rows = values.map((app_version, i) => ({ app_version, users: i + 1 }));
    const html = await render(markdownTable(tableOf(rows)));
    expectOnlyMarkdownTags(html);
    expect(html).not.toMatch(/<(strong|code|a)\b/);
    const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? "";
    const cells = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? "").matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => shownText(c[1] ?? "")));
    expect(cells).toEqual(rows.map((r) => [r.app_version, String(r.users)]));
  });

  it("links only to http(s), relative paths and anchors; other targets show as text", async () => {
    const unsafe = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "//evil.example/x"];
    const safe = ["https://spark.apache.org/docs/3.5.7/", "http://localhost:4040/jobs/", "assets/metrics.csv", "#join-strategy"];
    const markdown = [...unsafe.map((href, i) => `[unsafe${i}](<${href}>)`), ...safe.map((href, i) => `[safe${i}](${href})`)].join("\n\n");
    const html = await render(markdown);
    const anchors = [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(anchors).toEqual(safe.map((href, i) => [href, `safe${i}`]));
    for (let i = 0; i < unsafe.length; i++) expect(shownText(html)).toContain(`unsafe${i}`);
    expect(html).not.toMatch(/href="[^"]*(script|data|\/\/evil)/i);
  });

  it("checks reference-style links like inline ones", async () => {
    const html = await render("[docs][spark] and [bad][evil]\n\n[spark]: https://spark.apache.org/\n[evil]: javascript:alert(1)\n");
    expect([...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([["https://spark.apache.org/", "docs"]]);
    expect(shownText(html)).toContain("docs and bad");
  });

  it("decides link safety the way a browser reads the scheme", () => {
    for (const href of ["java\tscript:alert(1)", " javascript:alert(1)", "java\nscript:x", "mailto:a@b", "file:///etc/passwd"]) expect(isSafeHref(href)).toBe(false);
    for (const href of ["report/REPORT.md", "./a:b", "?q=1", "#x", "HTTPS://example.com", "https://example.com/?a=1&b=2"]) expect(isSafeHref(href)).toBe(true);
    expect(isSafeHref("https://example.com/?a=1&amp;b=2")).toBe(false);
  });

  it("inlines images as data: URIs with their alt text escaped", async () => {
    const html = await render('![p95 <by> "version"](assets/chart.svg)\n\n![Spark UI](assets/ui.png "jobs")');
    const images = [...html.matchAll(/<img src="data:([^;]+);base64,([^"]+)" alt="([^"]*)"( title="[^"]*")?>/g)];
    expect(images.map((m) => m[1])).toEqual(["image/svg+xml", "image/png"]);
    expect(Buffer.from(images[0]?.[2] ?? "", "base64").toString("utf8")).toBe(svg);
    expect(Buffer.from(images[1]?.[2] ?? "", "base64")).toEqual(png);
    expect(shownText(images[0]?.[3] ?? "")).toBe('p95 <by> "version"');
    expect(images[1]?.[4]).toBe(' title="jobs"');
    expect(html).not.toContain("assets/");
  });

  it("fails naming a missing image, and refuses images outside the report", async () => {
    await expect(render("![gone](assets/missing.svg)")).rejects.toThrow(/'assets\/missing\.svg' not found/);
    await expect(render("![up](../outside.svg)")).rejects.toThrow(/'\.\.\/outside\.svg' is outside the report directory/);
    await expect(render("![remote](https://example.com/x.png)")).rejects.toThrow(/must be a path relative to the report/);
    await expect(render("![abs](/etc/hosts.svg)")).rejects.toThrow(/must be a path relative/);
    await expect(render("![text](assets/notes.txt)")).rejects.toThrow(/unsupported type/);
  });

  it("anchors headings as GitHub does and lists h2/h3 in a table of contents after the title", async () => {
    const html = await render("# Usage report\n\nIntro.\n\n## Join strategy\n\n### Skew & salting\n\n#### Too deep\n\n## Join strategy\n\n## `p95` <by> *version*\n");
    const headings = [...html.matchAll(/<h(\d) id="([^"]*)">/g)].map((m) => [Number(m[1]), m[2]]);
    expect(headings).toEqual([[1, "usage-report"], [2, "join-strategy"], [3, "skew--salting"], [4, "too-deep"], [2, "join-strategy-1"], [2, "p95-by-version"]]);
    const nav = /<nav class="toc"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
    const links = [...nav.matchAll(/<a href="#([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], shownText(m[2] ?? "")]);
    expect(links).toEqual([["join-strategy", "Join strategy"], ["skew--salting", "Skew & salting"], ["join-strategy-1", "Join strategy"], ["p95-by-version", "p95 <by> version"]]);
    // The h3 is nested under its h2.
    expect(nav).toMatch(/Join strategy<\/a>\s*<ul>\s*<li><a href="#skew--salting">/);
    // Title, then contents, then the body.
    expect(html.indexOf("</h1>")).toBeLessThan(html.indexOf("<nav"));
    expect(html.indexOf("</nav>")).toBeLessThan(html.indexOf("<p>Intro.</p>"));
  });

  it("is one self-contained page: strict CSP, escaped title, no script, nothing fetched", async () => {
    const html = await renderReportHtml("# R\n\n![c](assets/chart.svg)\n", { title: `Usage ${IMG_ATTACK}`, baseDir: dir });
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(REPORT_CSP).not.toMatch(/script-src/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(html).toContain("<title>Usage &lt;img src=x onerror=alert(1)&gt;</title>");
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    for (const tag of tags(html)) expect(tag).not.toMatch(/\s(src|href)="(?!data:|#)/);
  });
});
