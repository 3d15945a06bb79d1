/** A heading the page links to from its table of contents. */
export interface TocEntry {
  readonly depth: number;
  readonly id: string;
  /** The heading as plain text, already escaped for HTML. */
  readonly html: string;
}

/**
 * Anchor ids as GitHub makes them (lower case, punctuation dropped, spaces as hyphens, `-1`, `-2`…
 * for repeats), so a `[see](#join-strategy)` written for GitHub's view of REPORT.md also works
 * in the HTML.
 */
export class HeadingIds {
  private readonly used = new Map<string, number>();

  /** The next id for a heading whose plain text is `text`. */
  idFor(text: string): string {
    const base = text
      .replace(/&#?\w+;/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .trim()
      .replace(/\s/g, "-") || "section";
    const seen = this.used.get(base);
    this.used.set(base, (seen ?? 0) + 1);
    return seen === undefined ? base : `${base}-${seen}`;
  }
}

/** The table of contents: a nested list of links to the h2 and h3 headings, or nothing. */
export function tableOfContents(entries: readonly TocEntry[]): string {
  // Each h2 with the h3s under it; h3s before the first h2 have no parent and stay top level.
  const sections: { heading?: TocEntry; subsections: TocEntry[] }[] = [];
  for (const entry of entries) {
    if (entry.depth === 2) sections.push({ heading: entry, subsections: [] });
    else if (entry.depth === 3) {
      const last = sections.at(-1) ?? { subsections: [] };
      if (sections.length === 0) sections.push(last);
      last.subsections.push(entry);
    }
  }
  if (sections.length === 0) return "";
  const item = (entry: TocEntry, inner = ""): string => `<li><a href="#${entry.id}">${entry.html}</a>${inner}</li>`;
  const list = (items: readonly string[]): string => `<ul>\n${items.join("\n")}\n</ul>`;
  const items = sections.flatMap(({ heading, subsections }) => {
    const children = subsections.map((s) => item(s));
    if (heading === undefined) return children;
    return [item(heading, children.length > 0 ? `\n${list(children)}\n` : "")];
  });
  return `<nav class="toc" aria-label="Contents">\n<h2>Contents</h2>\n${list(items)}\n</nav>`;
}
