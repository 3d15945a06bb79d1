/**
 * ATX headings one level deeper (`# A` → `## A`), outside fenced code blocks: a notebook's own
 * title becomes a section of the report. Level 6 stays 6 (markdown has no level 7).
 */
export function shiftHeadings(markdown: string, by = 1): string {
  let fence: string | undefined;
  return markdown
    .split("\n")
    .map((line) => {
      const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (opener !== undefined) {
        if (fence === undefined) fence = opener;
        else if (opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
        return line;
      }
      if (fence !== undefined) return line;
      const heading = /^(#{1,6})(\s.*|$)/.exec(line);
      if (heading === null) return line;
      const level = Math.min(6, (heading[1] ?? "").length + by);
      return `${"#".repeat(level)}${heading[2] ?? ""}`;
    })
    .join("\n");
}
