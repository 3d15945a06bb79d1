/** Text filled into lines of a fixed width, as terminal help is laid out. */

/** The words of a text: any run of white space, line breaks included, separates two. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== "");
}

/**
 * `atoms` laid out on lines of at most `width` characters: the first line starts with `lead`, the
 * others with `hang` spaces. An atom is never broken, so one longer than the line overflows it.
 */
export function fill(atoms: readonly string[], width: number, lead = "", hang = lead.length): string {
  const lines: string[] = [];
  let line = lead;
  let started = false;
  for (const atom of atoms) {
    if (started && line.length + 1 + atom.length > width) {
      lines.push(line);
      line = " ".repeat(hang) + atom;
    } else {
      line = started ? `${line} ${atom}` : line + atom;
    }
    started = true;
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd()).join("\n");
}
