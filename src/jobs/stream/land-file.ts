import { copyFileSync, renameSync } from "node:fs";
import { basename, join } from "node:path";

/**
 * Puts `file` into the stream's source `folder` the way a finished export should arrive: copied
 * under a dot name first (the file source skips names starting with `.`), then renamed in. A
 * rename within a folder is atomic, so the stream never lists a half-copied file. Returns when it
 * landed (epoch ms): the start of that file's freshness.
 */
export function landFile(file: string, folder: string, name: string = basename(file)): number {
  const hidden = join(folder, `.${name}`);
  copyFileSync(file, hidden);
  renameSync(hidden, join(folder, name));
  return Date.now();
}
