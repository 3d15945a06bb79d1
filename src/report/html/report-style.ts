/**
 * The report's stylesheet, embedded in the page (the CSP allows inline styles only). System
 * fonts, a readable line length, tables that scan well (borders, zebra rows, numbers in
 * tabular figures), charts scaled down to the column and a print layout without the contents.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --zebra: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
main > p, main > ul, main > ol, main > blockquote { max-width: 48rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; scroll-margin-top: 1rem; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.5rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.2rem; }
a { color: var(--accent); }
img { max-width: 100%; height: auto; display: block; margin: 1rem 0; }
table { border-collapse: collapse; margin: 1rem 0; display: block; max-width: 100%; overflow-x: auto; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.7rem; text-align: left; vertical-align: top; }
th { background: var(--zebra); font-weight: 600; }
tbody tr:nth-child(even) { background: var(--zebra); }
th[align="right"], td[align="right"] { text-align: right; }
th[align="center"], td[align="center"] { text-align: center; }
code { font: 0.875em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: rgba(175, 184, 193, 0.2); padding: 0.1em 0.35em; border-radius: 4px; }
pre { background: var(--zebra); border: 1px solid var(--line); border-radius: 6px; padding: 0.8rem 1rem; overflow-x: auto; }
pre code { background: none; padding: 0; white-space: pre; }
blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 0.25rem solid var(--line); }
hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
nav.toc { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 1.25rem 0.75rem; margin: 1.5rem 0 2rem; max-width: 48rem; background: #fbfcfd; }
nav.toc h2 { font-size: 1rem; border: 0; margin: 0.5rem 0; padding: 0; }
nav.toc ul { margin: 0; padding-left: 1.25rem; }
nav.toc li { margin: 0.15rem 0; }
@media print { nav.toc { display: none; } main { max-width: none; padding: 0; } a { color: inherit; } }
`;
