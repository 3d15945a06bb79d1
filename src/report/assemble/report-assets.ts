import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A file the report links to, under its assets folder. */
export interface ReportAsset {
  readonly name: string;
  readonly content: string | Buffer;
}

/**
 * Collects the files a report links to. Names are derived from where an output came from
 * (notebook, cell id, position), never from its content or the time, so a rerun overwrites the
 * same files and the report's diff shows only what changed.
 */
export class ReportAssets {
  private readonly files = new Map<string, ReportAsset>();

  constructor(
    /** The folder name as links write it, relative to the report (e.g. `assets`). */
    readonly linkPrefix: string,
  ) {}

  /** Adds a file and returns the relative link to it. */
  add(name: string, content: string | Buffer): string {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`An asset name must be a plain file name, not '${name}'`);
    if (this.files.has(name)) throw new Error(`Two report assets are named '${name}'`);
    this.files.set(name, { name, content });
    return `${this.linkPrefix}/${name}`;
  }

  list(): ReportAsset[] {
    return [...this.files.values()];
  }

  /** Writes every file into `dir` (created if needed). */
  writeTo(dir: string): void {
    mkdirSync(dir, { recursive: true });
    for (const asset of this.files.values()) writeFileSync(join(dir, asset.name), asset.content);
  }
}
