import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../server/paths";

/** The sections of docs/definitions.md, by the id GitHub gives their heading (`## Active users` → `active-users`). */
export const DEFINITION_IDS = [
  "common",
  "active-users",
  "power-users",
  "retention",
  "sessions",
  "page-load-time",
  "p95-per-version",
  "near-real-time-p95",
  "device-effect",
  "anomalies",
] as const;
export type DefinitionId = (typeof DEFINITION_IDS)[number];

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as dashes. */
export function headingId(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every `## ` section of a definitions document, by heading id: its text with the lines joined. */
export function parseDefinitions(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const [heading = "", ...body] = part.split("\n");
    sections.set(headingId(heading), body.join("\n").trim().replace(/\s*\n\s*/g, " "));
  }
  return sections;
}

let loaded: Map<string, string> | undefined;

/** A metric's definition, in the words of docs/definitions.md (the one source of them). */
export function definition(id: DefinitionId): string {
  loaded ??= parseDefinitions(readFileSync(join(projectRoot(), "docs", "definitions.md"), "utf8"));
  const text = loaded.get(id);
  if (text === undefined) throw new Error(`docs/definitions.md has no section '${id}'`);
  return text;
}
