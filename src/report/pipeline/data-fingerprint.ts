import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { ReportDataParameters } from "../session/report-inputs";

/**
 * What identifies the report's input data, for the notebooks' cache keys. Generated data is a
 * pure function of its parameters, so they are its fingerprint. Given files are identified by
 * every file's relative path, size and modification time: cheap at any size (nothing is read),
 * and a replaced or appended file changes it.
 */
export function dataFingerprint(data: ReportDataParameters): string {
  if (data.interactions === "") return JSON.stringify(["generated", data.mode, data.rows, data.metadataRows, data.seed]);
  const hash = createHash("sha256");
  for (const root of [data.interactions, data.metadata]) {
    hash.update(`${root}\0`);
    for (const file of filesUnder(root)) {
      const stat = statSync(file);
      hash.update(`${relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\0`);
    }
  }
  return hash.digest("hex");
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) throw new Error(`Input not found: ${path}`);
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => filesUnder(join(path, entry)));
}
