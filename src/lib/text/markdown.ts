/**
 * Markdown building blocks that stay correct whatever text they hold. Data values (user ids,
 * app versions, plans that quote them) reach the report through these, so a value can never
 * open or close markup around it.
 */

/** Text in a fenced code block whose fence is longer than any backtick run inside it. */
export function codeBlock(text: string, language = "text"): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${text.trimEnd()}\n${fence}`;
}

/** Inline code that cannot be closed early by a backtick in the value. */
export function inlineCode(text: string): string {
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  // A value starting or ending in a backtick needs a space between it and the fence.
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`;
}

/** A table cell: a `|` would split it, a line break would end the row. */
export function tableCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
