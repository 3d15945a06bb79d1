import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export interface FolderSize {
  readonly files: number;
  readonly bytes: number;
}

/** Files and bytes under a path (a file counts as one), hidden and marker files included. */
export function folderSize(path: string): FolderSize {
  if (!existsSync(path)) return { files: 0, bytes: 0 };
  const stat = statSync(path);
  if (stat.isFile()) return { files: 1, bytes: stat.size };
  return readdirSync(path).reduce<FolderSize>(
    (total, entry) => {
      const inner = folderSize(join(path, entry));
      return { files: total.files + inner.files, bytes: total.bytes + inner.bytes };
    },
    { files: 0, bytes: 0 },
  );
}
