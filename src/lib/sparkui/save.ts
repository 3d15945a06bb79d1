import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StepCapture } from "./capture";

/** Writes a capture as `<dir>/<step>.json` (one file per step) and returns the file's path. */
export function saveCapture(dir: string, step: string, capture: StepCapture): string {
  if (!/^[\w.-]+$/.test(step)) throw new Error(`A step name must be usable as a file name, not '${step}'`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${step}.json`);
  writeFileSync(file, `${JSON.stringify(capture, null, 2)}\n`);
  return file;
}

/** A capture saved by saveCapture, to compare with a later run. */
export function loadCapture(file: string): StepCapture {
  return JSON.parse(readFileSync(file, "utf8")) as StepCapture;
}
